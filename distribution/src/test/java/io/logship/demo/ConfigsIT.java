package io.logship.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.host.config.ConfigLoader;
import io.logship.host.config.ModuleRegistry;
import io.logship.host.config.ResolvedConfig;
import io.logship.s3server.EmbeddedS3;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Every config in conf/ passes --verify, and each S3 config moves data end to end exactly once with the real
 * launcher (--once), against a store the test starts. (DemoIT shows that a second run delivers nothing twice.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigsIT {
    private static final Map<String, String> CREDENTIALS = Map.of(
            "AWS_ACCESS_KEY_ID", EmbeddedS3.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", EmbeddedS3.SECRET_KEY);

    @TempDir
    static Path dir;

    private RepoCopy repo;
    private EmbeddedS3 store;
    private S3Client s3;

    @BeforeAll
    void start() throws Exception {
        repo = RepoCopy.create(Files.createDirectories(dir.resolve("repo")));
        store = EmbeddedS3.inMemory(0);
        store.createBucket("logs");
        s3 = DemoMain.client(store.endpoint());
    }

    @AfterAll
    void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (store != null) {
            store.stop();
        }
    }

    static Stream<String> configs() throws IOException {
        try (Stream<Path> files = Files.list(RepoCopy.REPO.resolve("conf"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf")).sorted().toList().stream();
        }
    }

    @Test
    void conf_whenListed_holdsEveryShippedConfig() throws IOException {
        assertThat(configs()).contains("demo.conf", "file-to-s3.conf", "file-to-s3-per-event.conf", "s3-to-file.conf",
                "s3-to-s3.conf");
    }

    @ParameterizedTest
    @MethodSource("configs")
    void load_whenShippedConfig_resolvesWithEveryModule(String name) throws Exception {
        ResolvedConfig resolved = ConfigLoader.load(RepoCopy.REPO.resolve("conf").resolve(name), ModuleRegistry.load());

        assertThat(resolved.warnings()).isEmpty();
        assertThat(resolved.routes()).isNotEmpty();
    }

    @Test
    void verify_whenEveryShippedConfig_exitsZeroForEach() throws Exception {
        StringBuilder script = new StringBuilder("set -e\n");
        for (String name : configs().toList()) {
            script.append("./logship --verify -c conf/").append(name).append('\n');
        }
        RepoCopy.Run run = repo.run(Map.of(), "bash", "-c", script.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output().lines().filter(l -> l.endsWith(".conf: OK"))).hasSize((int) configs().count());
    }

    @Test
    void fileToS3_whenRun_shipsEveryLineOnceInGzipBatches() throws Exception {
        Path input = lines("file-to-s3", 2_000);
        Path conf = rewrite("file-to-s3.conf", "BUCKET", "logs", "PREFIX", "t-batched", "LOG_FILE", input.toString());

        once(conf);

        S3Inventory inventory = new S3Inventory(s3, "logs", "t-batched/");
        assertThat(inventory.contents()).isEqualTo(Files.readAllBytes(input));
        assertThat(inventory.count().bytes()).as("gzip makes the objects smaller").isLessThan(Files.size(input));
    }

    @Test
    void fileToS3PerEvent_whenRun_writesOneObjectPerLineInWriteOrder() throws Exception {
        Path input = lines("per-event", 200);
        Path conf = rewrite("file-to-s3-per-event.conf", "BUCKET", "logs", "PREFIX", "t-events", "LOG_FILE",
                input.toString());

        once(conf);

        List<String> objects = s3.listObjectsV2Paginator(l -> l.bucket("logs").prefix("t-events/")).contents().stream()
                .map(o -> s3.getObjectAsBytes(g -> g.bucket("logs").key(o.key())).asUtf8String()).toList();
        assertThat(objects).as("one object per line (the raw_event, as s3_write.py wrote it), in key order = file order")
                .containsExactlyElementsOf(Files.readAllLines(input));
    }

    @Test
    void s3ToFile_whenRun_writesEveryObjectsLinesOnceInKeyOrder() throws Exception {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = 0; j < 500; j++) {
                text.append("object ").append(i).append(" line ").append(j).append('\n');
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            expected.writeBytes(bytes);
            put("t-in/2026-11-23/10.00.0" + i + ".log.gz", gzip(bytes));
        }
        Path out = dir.resolve("s3-to-file/out/logs.log");
        Path conf = rewrite("s3-to-file.conf", "BUCKET", "logs", "PREFIX", "t-in/", "OUT_FILE", out.toString());

        once(conf);

        assertThat(out).hasBinaryContent(expected.toByteArray());
    }

    @Test
    void s3ToS3_whenRun_rearchivesOneLineObjectsIntoZstdBatchesOnce() throws Exception {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 150; i++) {
            byte[] line = ("event " + i + " from the per-event layout\n").getBytes(StandardCharsets.UTF_8);
            expected.writeBytes(line);
            put(String.format("t-src/2026-11-23/10.00.00.%06d", i), line);
        }
        Path conf = rewrite("s3-to-s3.conf", "SOURCE_BUCKET", "logs", "SOURCE_PREFIX", "t-src/", "TARGET_BUCKET",
                "logs", "TARGET_PREFIX", "t-archive");

        once(conf);

        S3Inventory archive = new S3Inventory(s3, "logs", "t-archive/");
        assertThat(archive.contents()).isEqualTo(expected.toByteArray());
        assertThat(archive.count().objects()).isLessThan(150);
        try (var first = s3.getObject(b -> b.bucket("logs").key(s3.listObjectsV2(l -> l.bucket("logs")
                .prefix("t-archive/")).contents().get(0).key()))) {
            byte[] magic = first.readNBytes(4);
            assertThat(magic).as("zstd frame magic").containsExactly(0x28, 0xb5, 0x2f, 0xfd);
        }
    }

    /** conf/NAME with the test's endpoint, a state directory of its own, and the given define values. */
    private Path rewrite(String name, String... pairs) throws IOException {
        String base = name.replace(".conf", "");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("S3_ENDPOINT", store.endpoint().toString());
        values.put("STATE_DIR", dir.resolve(base + "-state").toString());
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        String text = ConfigDefines.rewrite(Files.readString(repo.root.resolve("conf").resolve(name)), values);
        Path conf = repo.root.resolve("conf").resolve("test-" + name);
        Files.writeString(conf, text);
        return conf;
    }

    private void once(Path conf) throws Exception {
        RepoCopy.Run run = repo.logship(CREDENTIALS, "--once", "-c", conf.toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    private Path lines(String name, int n) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(String.format("Nov 23 08:00:%02d web01 app[%d]: %s line %06d of %d%n", i % 60, 100 + i % 7, name, i, n));
        }
        Path file = dir.resolve(name + ".log");
        Files.writeString(file, text.toString().replace(System.lineSeparator(), "\n"));
        return file;
    }

    private void put(String key, byte[] bytes) {
        s3.putObject(b -> b.bucket("logs").key(key), RequestBody.fromBytes(bytes));
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
