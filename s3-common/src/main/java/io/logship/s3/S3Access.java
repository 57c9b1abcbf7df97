package io.logship.s3;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 client, the {@link DirectS3} path beside it (null where it does not apply) and their HTTP clients
 * ({@code directHttp} null without the direct path); {@link #close()} closes them all (the SDK does not
 * close an HTTP client it was given).
 */
public record S3Access(S3Client client, DirectS3 direct, SdkHttpClient http, SdkHttpClient directHttp)
        implements AutoCloseable {
    @Override
    public void close() {
        try {
            client.close();
        } finally {
            try {
                http.close();
            } finally {
                if (directHttp != null) {
                    directHttp.close();
                }
            }
        }
    }
}
