package io.logship.s3.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.host.config.ModuleConfigs;
import io.logship.s3server.EmbeddedS3;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** kill -9 of a process writing through om_s3, then a restart on its spool: every flushed event arrives. */
class S3OutputCrashIT {
    @TempDir
    Path dir;

    @Test
    void crash_whenKilledMidStream_everyFlushedEventArrivesAfterRestart() throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.inMemory(0)) {
            s3.createBucket("logs");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CrashDriver.class.getName(), dir.toString(), s3.endpoint().toString(), EmbeddedS3.ACCESS_KEY,
                    EmbeddedS3.SECRET_KEY).redirectErrorStream(true).start();
            long flushed = 0;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("FLUSHED ")) {
                        flushed = Long.parseLong(line.substring(8));
                        if (flushed >= 3000) {
                            child.destroyForcibly(); // SIGKILL: no stop, no final flush
                            break;
                        }
                    }
                }
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(flushed).as("the child got going").isGreaterThanOrEqualTo(3000);

            restartAndDrain(s3);

            try (S3Client c = client(s3)) {
                List<String> lines = S3OutputIT.lines(c, "srv/");
                Set<String> seen = new HashSet<>(lines);
                for (long i = 0; i < flushed; i++) {
                    assertThat(seen).as("flushed event %d", i).contains("event " + i);
                }
                assertThat(lines).allMatch(l -> l.matches("event \\d+"), "only whole events").doesNotHaveDuplicates();
                // Keys sort in write order: the events read in key order are ascending.
                List<Long> numbers = lines.stream().map(l -> Long.parseLong(l.substring(6))).toList();
                assertThat(numbers).isSorted();
            }
        }
    }

    @Test
    void crash_whenKilledAfterCompressingBeforeUploading_restartUploadsEveryEventOnceInOrder() throws Exception {
        java.net.URI nowhere;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0)) {
            nowhere = java.net.URI.create("http://127.0.0.1:" + ss.getLocalPort());
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                CrashDriver.class.getName(), dir.toString(), nowhere.toString(), EmbeddedS3.ACCESS_KEY,
                EmbeddedS3.SECRET_KEY, "2000").redirectErrorStream(true).start();
        String compressed = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("COMPRESSED ")) {
                    compressed = line;
                    child.destroyForcibly(); // SIGKILL: 8 compressed objects in the spool, none uploaded
                    break;
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(compressed).isEqualTo("COMPRESSED 8");

        try (EmbeddedS3 s3 = EmbeddedS3.inMemory(0)) {
            s3.createBucket("logs");
            restartAndDrain(s3);
            try (S3Client c = client(s3)) {
                assertThat(S3OutputIT.keys(c, "srv/")).hasSize(8);
                assertThat(S3OutputIT.lines(c, "srv/")).containsExactlyElementsOf(
                        java.util.stream.LongStream.range(0, 2000).mapToObj(i -> "event " + i).toList());
            }
        }
    }

    /** A new om_s3 on the crashed process's spool, run until the spool has drained into {@code s3}. */
    private void restartAndDrain(EmbeddedS3 s3) throws Exception {
        OmS3Provider p = new OmS3Provider();
        S3Output out = (S3Output) p.create(ModuleConfigs.of(p, "crash", dir, dir, dir, "Bucket", "logs",
                "Endpoint", s3.endpoint().toString(), "PathStyle", "TRUE", "AccessKeyId", EmbeddedS3.ACCESS_KEY,
                "SecretAccessKey", EmbeddedS3.SECRET_KEY, "Server", "srv", "SpoolDir",
                dir.resolve("om").toString(), "MaxEventsPerObject", "250"));
        TestContext ctx = new TestContext("crash", dir);
        out.start(ctx);
        S3OutputIT.awaitDrained(new S3OutputIT.Out(out, ctx));
        out.stop();
    }

    private static S3Client client(EmbeddedS3 s3) {
        return S3Client.builder().endpointOverride(s3.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY,
                                EmbeddedS3.SECRET_KEY))).build();
    }
}
