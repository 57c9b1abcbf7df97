package io.logship.s3;

import io.logship.s3server.EmbeddedS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** An in-memory S3Proxy with a bucket {@code logs}, shared by one test class's tests. */
abstract class EmbeddedStoreFixture {
    static EmbeddedS3 s3;

    @BeforeAll
    static void startStore() throws Exception {
        s3 = EmbeddedS3.inMemory(0);
        s3.createBucket("logs");
    }

    @AfterAll
    static void stopStore() throws Exception {
        s3.close();
    }
}
