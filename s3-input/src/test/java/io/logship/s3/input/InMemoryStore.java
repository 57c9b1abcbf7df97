package io.logship.s3.input;

import io.logship.s3server.EmbeddedS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.s3.S3Client;

/** An in-memory S3Proxy and a plain SDK client for it, shared by one test class's tests. */
abstract class InMemoryStore {
    static EmbeddedS3 s3;
    static S3Client client;

    @BeforeAll
    static void startStore() throws Exception {
        s3 = EmbeddedS3.inMemory(0);
        client = TestS3.client(s3.endpoint());
    }

    @AfterAll
    static void stopStore() throws Exception {
        client.close();
        s3.close();
    }
}
