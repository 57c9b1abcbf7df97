package io.logship.s3;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.utils.IoUtils;

/**
 * An S3 client, the {@link DirectS3} path beside it (null where it does not apply), their HTTP clients
 * ({@code directHttp} null when the direct path shares {@code http} or is off) and the credentials both use;
 * {@link #close()} closes them all (the SDK closes neither an HTTP client nor a credentials provider it was
 * given; an assumed role's provider owns an STS client).
 */
public record S3Access(S3Client client, DirectS3 direct, SdkHttpClient http, SdkHttpClient directHttp,
                       AwsCredentialsProvider credentials) implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3Access.class);

    @Override
    public void close() {
        IoUtils.closeQuietly(client, LOG);
        IoUtils.closeQuietly(http, LOG);
        IoUtils.closeQuietly(directHttp, LOG);
        IoUtils.closeIfCloseable(credentials, LOG);
    }
}
