package io.logship.s3;

import io.logship.s3server.EmbeddedS3;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link S3CoreCases} against the embedded S3Proxy store, in this JVM. */
class S3CoreCasesEmbeddedIT extends S3CoreCases {
    static EmbeddedS3 s3;

    @BeforeAll
    static void startStore() throws Exception {
        s3 = EmbeddedS3.inMemory(0);
        s3.createBucket("core");
    }

    @AfterAll
    static void stopStore() throws Exception {
        s3.close();
    }

    @Override
    List<String> storeDirectives() {
        return List.of("Bucket", "core", "Endpoint", s3.endpoint().toString(), "PathStyle", "TRUE",
                "AccessKeyId", EmbeddedS3.ACCESS_KEY, "SecretAccessKey", EmbeddedS3.SECRET_KEY);
    }
}
