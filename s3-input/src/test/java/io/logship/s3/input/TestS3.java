package io.logship.s3.input;

import io.logship.s3server.EmbeddedS3;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A plain SDK client for tests to put and list objects. */
public final class TestS3 {
    private TestS3() {
    }

    public static S3Client client(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.of(EmbeddedS3.REGION))
                .forcePathStyle(true)
                .httpClient(Apache5HttpClient.builder().maxConnections(32).build())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    public static void put(S3Client c, String bucket, String key, byte[] body) {
        c.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
    }

    public static void put(S3Client c, String bucket, String key, Path file) {
        c.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
    }
}
