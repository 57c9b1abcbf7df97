package io.logship.s3server;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.options.CreateContainerOptions;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3-compatible store on loopback: S3Proxy with SigV4 authentication, in memory or on a directory.
 * Used by {@code ./logship demo}, {@code ./logship s3-server} and the integration tests (the fault proxy in
 * front of it, {@code FaultyS3}, is in the test-fixtures module).
 *
 * <pre>{@code
 * try (EmbeddedS3 s3 = EmbeddedS3.inMemory(0)) {
 *     s3.createBucket("logs");
 *     URI endpoint = s3.endpoint();   // http://127.0.0.1:PORT, access key/secret below
 * }
 * }</pre>
 */
public final class EmbeddedS3 implements AutoCloseable {
    /** The access key id the store accepts. Not a secret: it guards a loopback test store only. */
    public static final String ACCESS_KEY = "logship";
    /** The secret key the store accepts (loopback test store only). */
    public static final String SECRET_KEY = "logship-local-secret";
    /** The region clients should sign for. */
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final BlobStore store;

    private EmbeddedS3(BlobStore store, int port) throws Exception {
        this.store = store;
        this.proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.onSpinWait();
        }
    }

    /** A store that lives in memory; port 0 picks a free port. */
    public static EmbeddedS3 inMemory(int port) throws Exception {
        return new EmbeddedS3(new TransientNio2BlobStore(), port);
    }

    /** A store whose buckets are directories under {@code dir} (kept across restarts). */
    public static EmbeddedS3 onDisk(Path dir, int port) throws Exception {
        Files.createDirectories(dir);
        return new EmbeddedS3(new FilesystemNio2BlobStore(dir.toAbsolutePath().toString()), port);
    }

    /** Creates the bucket if it does not exist. */
    public void createBucket(String bucket) {
        if (!store.containerExists(bucket)) {
            store.createContainer(bucket, CreateContainerOptions.NONE);
        }
    }

    public int port() {
        return proxy.getPort();
    }

    /** {@code http://127.0.0.1:PORT}. Clients must use path-style addressing. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Stops serving; an on-disk store keeps its data and can be started again on the same port. */
    public void stop() throws Exception {
        proxy.stop();
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
