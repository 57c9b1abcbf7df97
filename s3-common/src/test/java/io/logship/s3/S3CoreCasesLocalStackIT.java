package io.logship.s3;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link S3CoreCases} against LocalStack's S3 in a container (image pinned). Runs where Docker is reachable;
 * elsewhere every test is reported skipped ({@code disabledWithoutDocker}).
 */
@Testcontainers(disabledWithoutDocker = true)
class S3CoreCasesLocalStackIT extends S3CoreCases {
    static final String BUCKET = "core";

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(
            DockerImageName.parse("localstack/localstack:4.4.0")).withServices(LocalStackContainer.Service.S3);

    @BeforeAll
    static void createBucket() {
        // the bucket is made here, with a plain SDK client: logship itself never creates buckets
        try (S3Client c = S3Client.builder().endpointOverride(LOCALSTACK.getEndpoint()).forcePathStyle(true)
                .region(Region.of(LOCALSTACK.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                .build()) {
            c.createBucket(b -> b.bucket(BUCKET));
        }
    }

    @Override
    List<String> storeDirectives() {
        return List.of("Bucket", BUCKET, "Endpoint", LOCALSTACK.getEndpoint().toString(), "PathStyle", "TRUE",
                "Region", LOCALSTACK.getRegion(), "AccessKeyId", LOCALSTACK.getAccessKey(),
                "SecretAccessKey", LOCALSTACK.getSecretKey());
    }
}
