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
 * An S3 client with the HTTP client and credentials it uses; {@link #close()} closes them all (the SDK closes
 * neither an HTTP client nor a credentials provider it was given; an assumed role's provider owns an STS
 * client). The S3Client and its HTTP client are built at the first {@link #client()} call.
 */
public final class S3Access implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3Access.class);

    private final Supplier<SdkHttpClient> httpFactory;
    private final Function<SdkHttpClient, S3Client> clientFactory;
    private final AwsCredentialsProvider credentials;
    // guarded by this
    private SdkHttpClient http;
    private volatile S3Client client;
    private boolean closed;

    /**
     * @param httpFactory   builds the HTTP client when the S3Client is first needed
     * @param clientFactory builds the S3Client on an HTTP client
     */
    S3Access(Supplier<SdkHttpClient> httpFactory, Function<SdkHttpClient, S3Client> clientFactory,
             AwsCredentialsProvider credentials) {
        this.httpFactory = httpFactory;
        this.clientFactory = clientFactory;
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
