package io.logship.s3;

import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.utils.IoUtils;

/**
 * An S3 client, the {@link DirectS3} path beside it (null where it does not apply), the S3Client's HTTP client
 * (the direct path's HttpURLConnections are the JDK's, kept alive by it) and the credentials both use;
 * {@link #close()} closes them all (the SDK closes neither an HTTP client nor a credentials provider it was
 * given; an assumed role's provider owns an STS client).
 *
 * <p>The S3Client and its HTTP client are built at the first {@link #client()} call, not before: where the
 * direct path does a module's work (om_s3's one-event PutObjects) the SDK's client may never be needed, and
 * building it costs a start about 0.15 s of CPU (async-profiler, an empty {@code --once} run). Where the
 * direct path itself sends on the S3Client's HTTP client (HTTPS_PROXY-style variables), that one is built at
 * once and shared.
 */
public final class S3Access implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3Access.class);

    private final Supplier<SdkHttpClient> httpFactory;
    private final Function<SdkHttpClient, S3Client> clientFactory;
    private final DirectS3 direct;
    private final AwsCredentialsProvider credentials;
    // guarded by this
    private SdkHttpClient http;
    private volatile S3Client client;
    private boolean closed;

    /**
     * @param http          the HTTP client, if it is already built (the direct path uses it), else null
     * @param httpFactory   builds the HTTP client when the S3Client is first needed (unused if {@code http} is set)
     * @param clientFactory builds the S3Client on an HTTP client
     */
    S3Access(SdkHttpClient http, Supplier<SdkHttpClient> httpFactory, Function<SdkHttpClient, S3Client> clientFactory,
             DirectS3 direct, AwsCredentialsProvider credentials) {
        this.http = http;
        this.httpFactory = httpFactory;
        this.clientFactory = clientFactory;
        this.direct = direct;
        this.credentials = credentials;
    }

    /** The S3Client, built at the first call (thread-safe); IllegalStateException after {@link #close()}. */
    public S3Client client() {
        S3Client c = client;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (client == null) {
                if (closed) {
                    throw new IllegalStateException("S3 access closed");
                }
                if (http == null) {
                    http = httpFactory.get();
                }
                client = clientFactory.apply(http);
            }
            return client;
        }
    }

    /** Whether the S3Client has been built (for tests). */
    synchronized boolean clientBuilt() {
        return client != null;
    }

    public DirectS3 direct() {
        return direct;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    @Override
    public void close() {
        S3Client c;
        SdkHttpClient h;
        synchronized (this) {
            closed = true;
            c = client;
            h = http;
        }
        IoUtils.closeQuietly(c, LOG);
        IoUtils.closeQuietly(h, LOG);
        IoUtils.closeIfCloseable(credentials, LOG);
    }
}
