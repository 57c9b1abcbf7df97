package io.logship.s3.output;

import io.logship.api.Event;
import io.logship.host.config.ModuleConfigs;
import io.logship.s3server.EmbeddedS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pushes N events of about 120 bytes through om_s3 into an embedded S3Proxy (directory backend) and prints
 * events/s and MB/s. Not a test: run from bench/om-s3.sh (or by hand) with
 * {@code java -cp <test classpath> io.logship.s3.output.S3OutputBench COUNT [Directive Value]...}.
 * The time runs from the first write to the moment every object is in the store (stop returns).
 */
public final class S3OutputBench {
    /** How often the host flushes an output under load (host-runner: every 10,000 writes or 1 s). */
    static final long FLUSH_EVERY = 10_000;

    private S3OutputBench() {
    }

    public static void main(String[] args) throws Exception {
        long count = Long.parseLong(args.length > 0 ? args[0] : "1000000");
        Path dir = Files.createTempDirectory("om-s3-bench");
        try (EmbeddedS3 s3 = EmbeddedS3.onDisk(dir.resolve("store"), 0)) {
            s3.createBucket("bench");
            List<String> conf = new ArrayList<>(List.of("Bucket", "bench", "Endpoint", s3.endpoint().toString(),
                    "PathStyle", "TRUE", "AccessKeyId", EmbeddedS3.ACCESS_KEY, "SecretAccessKey", EmbeddedS3.SECRET_KEY,
                    "Server", "bench", "SpoolDir", dir.resolve("spool").toString()));
            for (int i = 1; i + 1 < args.length; i += 2) {
                conf.add(args[i]);
                conf.add(args[i + 1]);
            }
            OmS3Provider p = new OmS3Provider();
            S3Output out = (S3Output) p.create(ModuleConfigs.of(p, "bench", dir, dir, dir, conf.toArray(String[]::new)));
            TestContext ctx = new TestContext("bench", dir);
            out.start(ctx);
            String head = "2026-11-23T05:00:00Z host app[123]: GET /api/v1/items?id=";
            String tail = " HTTP/1.1 200 5123 \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\" rt=0.004";
            long bytes = 0;
            long t0 = System.nanoTime();
            for (long i = 0; i < count; i++) {
                String line = head + (100_000_000 + i) + tail;
                bytes += line.length() + 1;
                out.write(Event.ofRaw(line));
                if (i % FLUSH_EVERY == FLUSH_EVERY - 1) {
                    out.flush();
                }
            }
            out.flush();
            long tWritten = System.nanoTime();
            out.stop();
            long t1 = System.nanoTime();
            double secs = (t1 - t0) / 1e9;
            System.out.printf(Locale.ROOT, "om_s3 bench: %d events, %.1f MB in %.2f s (writes done after %.2f s):"
                            + " %.0f events/s, %.1f MB/s; objects=%d multipart=%d collisions=%d failures=%d%n",
                    count, bytes / 1e6, secs, (tWritten - t0) / 1e9, count / secs, bytes / 1e6 / secs,
                    ctx.counter("objects"), ctx.counter("multipart"), ctx.counter("collisions"),
                    ctx.counter("upload.failures"));
        }
    }
}
