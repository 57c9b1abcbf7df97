package io.logship.s3;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 client, the {@link DirectS3} path beside it (null where it does not apply) and the HTTP client both
 * use; {@link #close()} closes all three (the SDK does not close an HTTP client it was given).
 */
public record S3Access(S3Client client, DirectS3 direct, SdkHttpClient http) implements AutoCloseable {
    @Override
    public void close() {
        try {
            client.close();
        } finally {
            http.close();
        }
    }
}
