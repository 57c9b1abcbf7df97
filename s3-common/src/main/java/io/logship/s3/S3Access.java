package io.logship.s3;

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
 */
public record S3Access(S3Client client, DirectS3 direct, SdkHttpClient http, AwsCredentialsProvider credentials)
        implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3Access.class);

    @Override
    public void close() {
        IoUtils.closeQuietly(client, LOG);
        IoUtils.closeQuietly(http, LOG);
        IoUtils.closeIfCloseable(credentials, LOG);
    }
}
