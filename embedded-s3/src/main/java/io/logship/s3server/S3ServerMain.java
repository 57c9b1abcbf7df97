package io.logship.s3server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./logship s3-server [--dir DIR] [--port PORT] [--bucket NAME]...}: the embedded S3-compatible
 * store alone, so users can point their own configs and the aws CLI at it. Runs until Ctrl-C/SIGTERM.
 */
public final class S3ServerMain {
    private S3ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("logship.home", ".")).resolve("var/s3");
        int port = 9000;
        List<String> buckets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(value(args, ++i, "--dir"));
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--bucket" -> buckets.add(value(args, ++i, "--bucket"));
                case "-h", "--help" -> {
                    System.out.println("usage: logship s3-server [--dir DIR] [--port PORT] [--bucket NAME]...");
                    System.out.println("  --dir     where buckets are kept (default var/s3 under the logship home)");
                    System.out.println("  --port    loopback port (default 9000; 0 picks a free one)");
                    System.out.println("  --bucket  create this bucket if missing (repeatable; default 'logs')");
                    return;
                }
                default -> {
                    System.err.println("logship s3-server: unknown argument " + args[i] + " (try --help)");
                    System.exit(2);
                }
            }
        }
        if (buckets.isEmpty()) {
            buckets.add("logs");
        }
        EmbeddedS3 s3 = EmbeddedS3.onDisk(dir, port);
        buckets.forEach(s3::createBucket);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                s3.stop();
            } catch (Exception e) {
                System.err.println("logship s3-server: stop failed: " + e);
            }
            done.countDown();
        }, "s3-server-stop"));
        System.out.println("S3-compatible store listening on " + s3.endpoint() + " (data in " + dir.toAbsolutePath()
                + ")");
        System.out.println("buckets: " + String.join(", ", buckets) + "; region " + EmbeddedS3.REGION
                + "; path-style addressing");
        System.out.println("credentials (loopback only): AWS_ACCESS_KEY_ID=" + EmbeddedS3.ACCESS_KEY
                + " AWS_SECRET_ACCESS_KEY=" + EmbeddedS3.SECRET_KEY);
        System.out.println("try: aws --endpoint-url " + s3.endpoint() + " s3 ls s3://" + buckets.get(0) + "/");
        System.out.flush();
        done.await();
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            System.err.println("logship s3-server: " + flag + " needs a value");
            System.exit(2);
        }
        return args[i];
    }
}
