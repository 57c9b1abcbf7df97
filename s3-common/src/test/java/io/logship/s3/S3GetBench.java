package io.logship.s3;

import io.logship.s3server.EmbeddedS3;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Client-side CPU of one small GetObject, steady state, against S3Proxy in this JVM: {@code S3GetBench
 * [variant...]} with variants {@code settings} (S3Settings.newClient), {@code direct} (DirectS3), {@code plain}
 * (the SDK's defaults with the same endpoint and checksum mode) and the plain client with one change each.
 * Not a test: run by hand to decide client settings.
 */
public final class S3GetBench {
    private S3GetBench() {
    }

    public static void main(String[] args) throws Exception {
        int warm = Integer.getInteger("warm", 30_000);
        int measured = Integer.getInteger("n", 20_000);
        Path dir = Files.createTempDirectory("get-bench");
        try (EmbeddedS3 s3 = EmbeddedS3.onDisk(dir, 0)) {
            s3.createBucket("bench");
            S3Settings st = S3Settings.builder().bucket("bench").endpoint(s3.endpoint()).pathStyle(true)
                    .checksumMode("when_required").maxRetries(3)
                    .staticCredentials(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, null).build();
            try (S3Client c = st.newClient(4)) {
                for (int i = 0; i < 100; i++) {
                    int n = i;
                    c.putObject(b -> b.bucket("bench").key(String.format("k/%03d", n)), RequestBody.fromString(
                            "2026-11-23T04:51:00.000Z web-1 app[1000]: GET /api/v1/items/1 status=200 id=" + n + "\n"));
                }
            }
            for (String variant : args.length > 0 ? args : new String[] {"settings", "direct", "plain"}) {
                try (S3Access a = variant.equals("direct") ? st.open(4, b -> { }) : null;
                     S3Client c = a != null ? a.client() : client(variant, st, s3.endpoint())) {
                    Get get = a != null ? key -> a.direct().getWhole(GetObjectRequest.builder().bucket("bench")
                            .key(key).build()).orElseThrow().bytes()
                            : key -> {
                                try (ResponseInputStream<GetObjectResponse> in = c.getObject(b -> b.bucket("bench")
                                        .key(key))) {
                                    return in.readAllBytes();
                                }
                            };
                    run(get, warm);
                    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                            ManagementFactory.getOperatingSystemMXBean();
                    long cpu0 = mx.getCurrentThreadCpuTime();
                    long p0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    run(get, measured);
                    long cpu = mx.getCurrentThreadCpuTime() - cpu0;
                    long proc = os.getProcessCpuTime() - p0;
                    long wall = System.nanoTime() - t0;
                    System.out.printf(Locale.ROOT, "%-20s %7.1f us client CPU per GET, %7.1f us process CPU,"
                            + " %7.1f us wall%n", variant, cpu / 1e3 / measured, proc / 1e3 / measured,
                            wall / 1e3 / measured);
                }
            }
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One whole-object GET. */
    private interface Get {
        byte[] get(String key) throws Exception;
    }

    private static void run(Get get, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            get.get(String.format("k/%03d", i % 100));
        }
    }

    private static S3Client client(String variant, S3Settings st, URI endpoint) {
        if (variant.equals("settings")) {
            return st.newClient(4);
        }
        ApacheHttpClient.Builder http = ApacheHttpClient.builder().maxConnections(4);
        S3ClientBuilder b = S3Client.builder().region(Region.US_EAST_1).endpointOverride(endpoint)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        switch (variant) {
            case "plain" -> { }
            case "attemptTimeout" -> b.overrideConfiguration(o -> o.apiCallAttemptTimeout(Duration.ofSeconds(60)));
            case "callTimeout" -> b.overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(60)));
            case "socketTimeout" -> http.socketTimeout(Duration.ofSeconds(60)).connectionTimeout(Duration.ofSeconds(10))
                    .connectionAcquisitionTimeout(Duration.ofSeconds(60)).tcpKeepAlive(true);
            case "noReaper" -> http.useIdleConnectionReaper(false);
            case "endpointProvider" -> b.endpointProvider(p -> CompletableFuture.completedFuture(Endpoint.builder()
                    .url(URI.create(endpoint + "/" + p.bucket())).build()));
            default -> throw new IllegalArgumentException(variant);
        }
        return b.httpClient(http.build()).build();
    }
}
