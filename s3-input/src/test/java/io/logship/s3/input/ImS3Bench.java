package io.logship.s3.input;

import io.logship.s3server.EmbeddedS3;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Module-level benchmark (no host, no output): S3Proxy in this JVM, im_s3 reading into a counting
 * context. {@code small N [workers]}: N one-line objects. {@code gzip LINES OBJECTS}: LINES lines in
 * OBJECTS gzip objects. Prints events/s, objects/s, MB/s and the JVM's peak RSS.
 */
public final class ImS3Bench {
    private ImS3Bench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "small";
        Path dir = Files.createTempDirectory("ims3-bench");
        try (EmbeddedS3 s3 = EmbeddedS3.onDisk(dir.resolve("store"), 0); S3Client c = TestS3.client(s3.endpoint())) {
            s3.createBucket("bench");
            long lines;
            int objects;
            long bytes = 0;
            String workers;
            if (mode.equals("small")) {
                objects = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
                workers = args.length > 2 ? args[2] : "16";
                lines = objects;
                ExecutorService pool = Executors.newFixedThreadPool(16);
                List<Future<?>> fs = new ArrayList<>();
                for (int i = 0; i < objects; i++) {
                    String key = String.format("small/%07d.log", i);
                    byte[] body = line(i).getBytes(StandardCharsets.UTF_8);
                    bytes += body.length;
                    fs.add(pool.submit(() -> TestS3.put(c, "bench", key, body)));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
                pool.shutdown();
            } else {
                lines = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
                objects = args.length > 2 ? Integer.parseInt(args[2]) : 4;
                workers = "4";
                long per = lines / objects;
                for (int o = 0; o < objects; o++) {
                    Path f = dir.resolve("obj.gz");
                    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f), 1 << 16)) {
                        for (long i = o * per; i < (o + 1) * per; i++) {
                            byte[] b = line(i).getBytes(StandardCharsets.UTF_8);
                            bytes += b.length;
                            out.write(b);
                        }
                    }
                    TestS3.put(c, "bench", String.format("big/%03d.log.gz", o), f);
                    Files.delete(f);
                }
            }
            System.out.printf(Locale.ROOT, "uploaded %d objects, %d lines, %.1f MB uncompressed%n", objects, lines,
                    bytes / 1e6);
            TestInputContext ctx = new TestInputContext(dir.resolve("cache"), "bench", false);
            S3Input in = Harness.create(s3, "bench", dir.resolve("cache"), "Workers", workers);
            in.start(ctx);
            long t0 = System.nanoTime();
            long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            Harness.drain(in, ctx, 1_000_000);
            double secs = (System.nanoTime() - t0) / 1e9;
            long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0;
            System.out.printf(Locale.ROOT, "reader thread CPU: %.2f s (%.1f us per object, %.2f us per event)%n",
                    cpu / 1e9, cpu / 1e3 / objects, cpu / 1e3 / lines);
            String byGroup = cpuByGroup(); // before stop: the download workers are still alive
            in.stop();
            if (ctx.posted != lines) {
                throw new IllegalStateException("expected " + lines + " events, got " + ctx.posted);
            }
            System.out.printf(Locale.ROOT, "im_s3 %s: %d events from %d objects in %.2f s: %.0f events/s, %.0f"
                            + " objects/s, %.1f MB/s; peak RSS %s%n", mode, ctx.posted, objects, secs,
                    ctx.posted / secs, objects / secs, bytes / 1e6 / secs, peakRss());
            System.out.println("cpu by thread group: " + byGroup);
            System.out.println("metrics: " + ctx.metrics().counters());
            System.out.println("latency: " + ctx.metrics().latencies());
        } finally {
            deleteTree(dir);
        }
    }

    static String line(long i) {
        return "2026-11-23T04:51:" + String.format(Locale.ROOT, "%02d.%03d", (i / 1000) % 60, i % 1000)
                + "Z web-" + (i % 17) + " app[" + (1000 + i % 97) + "]: GET /api/v1/items/" + (i * 7919 % 100_000)
                + " status=" + (i % 50 == 0 ? 500 : 200) + " bytes=" + (i * 31 % 65_536) + " id=" + i + "\n";
    }

    /** CPU seconds of this JVM's live threads, grouped by name (digits removed). */
    static String cpuByGroup() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Double> by = new java.util.TreeMap<>();
        for (long id : mx.getAllThreadIds()) {
            java.lang.management.ThreadInfo ti = mx.getThreadInfo(id);
            long cpu = mx.getThreadCpuTime(id);
            if (ti != null && cpu > 0) {
                by.merge(ti.getThreadName().replaceAll("[0-9]+", "N"), cpu / 1e9, Double::sum);
            }
        }
        StringBuilder sb = new StringBuilder();
        by.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).limit(8)
                .forEach(e -> sb.append(String.format(Locale.ROOT, "%s=%.1fs ", e.getKey(), e.getValue())));
        return sb.toString();
    }

    static String peakRss() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmHWM:")) {
                return l.substring(6).strip();
            }
        }
        return "?";
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
