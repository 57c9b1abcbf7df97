package io.logship.s3.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.s3server.EmbeddedS3;
import io.logship.s3server.FaultyS3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 requests im_s3 makes per object, counted at the store's door. */
class RequestsPerObjectIT {
    @TempDir
    Path cache;

    @Test
    void read_whenOneLineObjects_makesOneGetPerObjectAndOneListPerPagePlusTheCatchUpPass() throws Exception {
        int objects = 250;
        try (EmbeddedS3 s3 = EmbeddedS3.inMemory(0); FaultyS3 proxy = FaultyS3.inFrontOf(s3);
             S3Client client = TestS3.client(s3.endpoint())) {
            s3.createBucket("req");
            for (int i = 0; i < objects; i++) {
                TestS3.put(client, "req", String.format("logs/%04d.log", i),
                        ("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
            TestInputContext ctx = new TestInputContext(cache, "in");
            S3Input in = Harness.create(proxy.endpoint(), "req", cache, "Prefix", "logs/", "MaxKeys", "100");
            in.start(ctx);
            try {
                Harness.drain(in, ctx, 50);
            } finally {
                in.stop();
            }

            assertThat(ctx.events).hasSize(objects);
            assertThat(proxy.requestCount(FaultyS3.Request::isGetObject)).as("GetObject").isEqualTo(objects);
            assertThat(proxy.requestCount(FaultyS3.Request::isHeadObject)).as("HeadObject").isZero();
            // pages of 100, 100 and 50, then the catch-up pass after the cursor that finds nothing
            assertThat(proxy.requestCount(FaultyS3.Request::isListObjects)).as("ListObjectsV2").isEqualTo(4);
            assertThat(proxy.requestCount()).as("every request").isEqualTo(objects + 4);
        }
    }
}
