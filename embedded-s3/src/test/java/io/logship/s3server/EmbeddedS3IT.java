package io.logship.s3server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class EmbeddedS3IT {
    @TempDir
    Path dir;

    @Test
    void onDisk_whenRestarted_keepsObjectsAndServesSigV4Clients() throws Exception {
        int port;
        try (EmbeddedS3 s3 = EmbeddedS3.onDisk(dir, 0)) {
            s3.createBucket("logs");
            port = s3.port();
            try (S3Client client = client(s3)) {
                client.putObject(b -> b.bucket("logs").key("a/1"), RequestBody.fromString("hello"));
            }
        }
        try (EmbeddedS3 s3 = EmbeddedS3.onDisk(dir, port); S3Client client = client(s3)) {
            assertThat(client.getObjectAsBytes(b -> b.bucket("logs").key("a/1")).asUtf8String()).isEqualTo("hello");
            assertThat(client.listObjectsV2(b -> b.bucket("logs")).contents()).hasSize(1);
        }
    }

    static S3Client client(EmbeddedS3 s3) {
        return S3Client.builder().endpointOverride(s3.endpoint()).region(Region.of(EmbeddedS3.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
                .build();
    }
}
