package io.logship.s3.input;

import io.logship.api.ModuleConfig;
import io.logship.api.RetriableException;
import io.logship.host.config.ModuleConfigs;
import io.logship.s3server.EmbeddedS3;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds and drives an im_s3 instance against an EmbeddedS3 the way the host would. */
final class Harness {
    private Harness() {
    }

    static S3Input create(EmbeddedS3 s3, String bucket, Path cacheDir, String... extra) throws Exception {
        return create(s3.endpoint(), bucket, cacheDir, extra);
    }

    static S3Input create(java.net.URI endpoint, String bucket, Path cacheDir, String... extra) throws Exception {
        List<String> pairs = new ArrayList<>(List.of("Bucket", bucket, "Endpoint", endpoint.toString(),
                "Region", EmbeddedS3.REGION, "PathStyle", "TRUE", "ChecksumMode", "when_required",
                "AccessKeyId", EmbeddedS3.ACCESS_KEY, "SecretAccessKey", EmbeddedS3.SECRET_KEY));
        pairs.addAll(List.of(extra));
        ModuleConfig c = ModuleConfigs.of(new S3InputProvider(), "in", cacheDir, cacheDir, cacheDir,
                pairs.toArray(String[]::new));
        return (S3Input) new S3InputProvider().create(c);
    }

    /**
     * Calls read until the input asks to wait (caught up), the context crashed, or maxReads; retriable
     * failures are retried like the host does. Returns the number of reads.
     */
    static int drain(S3Input in, TestInputContext ctx, int maxReads) throws Exception {
        int reads = 0;
        while (reads < maxReads) {
            ctx.scheduled = null;
            reads++;
            try {
                in.read(ctx);
            } catch (RetriableException e) {
                continue;
            }
            if (ctx.crashed || ctx.scheduled == null || !ctx.scheduled.equals(Duration.ZERO)) {
                break;
            }
        }
        return reads;
    }
}
