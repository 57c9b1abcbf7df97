package io.logship.s3.input;

import io.logship.api.Event;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Run in a forked JVM with a capped heap by {@link BigObjectIT}: reads one object through im_s3 against a
 * running EmbeddedS3, checks that line numbers come in order without gaps, and prints a summary line
 * starting with {@code OK}.
 */
public final class BigObjectReader {
    private BigObjectReader() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String bucket = args[1];
        Path cache = Path.of(args[2]);
        long expected = Long.parseLong(args[3]);
        long[] next = {1};
        TestInputContext ctx = new TestInputContext(cache, "big", false) {
            @Override
            public boolean post(Event event) {
                long line = (Long) event.get(S3Input.F_LINE);
                if (line != next[0]) {
                    throw new IllegalStateException("line " + line + " came when " + next[0] + " was expected");
                }
                next[0]++;
                return super.post(event);
            }
        };
        S3Input in = Harness.create(endpoint, bucket, cache, "Workers", "2");
        in.start(ctx);
        long t0 = System.nanoTime();
        Harness.drain(in, ctx, 100);
        double secs = (System.nanoTime() - t0) / 1e9;
        in.stop();
        long peakHeap = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                peakHeap += p.getPeakUsage().getUsed();
            }
        }
        if (ctx.posted != expected) {
            System.out.println("FAIL events=" + ctx.posted + " expected=" + expected);
            System.exit(2);
        }
        System.out.printf(Locale.ROOT, "OK events=%d seconds=%.1f events/s=%.0f maxHeap=%dMB peakHeapSum=%dMB"
                        + " failures=%s%n", ctx.posted, secs, ctx.posted / secs,
                Runtime.getRuntime().maxMemory() >> 20, peakHeap >> 20, ctx.metrics().counters());
    }
}
