package io.logship.s3server;

import java.net.URI;
import java.nio.file.Path;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.options.CreateContainerOptions;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An in-memory S3 store on loopback that speaks HTTPS only, with the certificate given: S3Proxy's secure
 * endpoint, SigV4 with the {@link EmbeddedS3} credentials. For TLS tests.
 *
 * <pre>{@code
 * SelfSignedCertificate cert = SelfSignedCertificate.create(dir, "localhost");
 * try (HttpsS3 s3 = HttpsS3.start(cert)) {
 *     s3.createBucket("logs");
 *     URI endpoint = s3.endpoint("localhost");   // https://localhost:PORT; trust cert.pem()
 * }
 * }</pre>
 */
public final class HttpsS3 implements AutoCloseable {
    private final S3Proxy proxy;
    private final BlobStore store = new TransientNio2BlobStore();

    private HttpsS3(Path keyStore, String password) throws Exception {
        this.proxy = S3Proxy.builder()
                .blobStore(store)
                .secureEndpoint(URI.create("https://127.0.0.1:0"))
                .keyStore(keyStore.toString(), password)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.onSpinWait();
        }
    }

    /** Serves HTTPS on a free loopback port (127.0.0.1) with this certificate. */
    public static HttpsS3 start(SelfSignedCertificate cert) throws Exception {
        return new HttpsS3(cert.keyStore(), cert.keyStorePassword());
    }

    /** Serves HTTPS on a free loopback port (127.0.0.1) with a certificate a {@link TestCa} issued. */
    public static HttpsS3 start(TestCa.ServerKeyStore keyStore) throws Exception {
        return new HttpsS3(keyStore.path(), keyStore.password());
    }

    /** Creates the bucket if it does not exist. */
    public void createBucket(String bucket) {
        if (!store.containerExists(bucket)) {
            store.createContainer(bucket, CreateContainerOptions.NONE);
        }
    }

    public int port() {
        return proxy.getSecurePort();
    }

    /**
     * {@code https://HOST:PORT} for a host name that reaches loopback ({@code localhost}, {@code 127.0.0.1}):
     * the name the client verifies the certificate against. Clients use path-style addressing.
     */
    public URI endpoint(String host) {
        return URI.create("https://" + host + ":" + port());
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
