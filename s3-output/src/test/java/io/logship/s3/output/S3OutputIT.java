package io.logship.s3.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdInputStream;
import io.logship.api.Event;
import io.logship.api.ModuleConfig;
import io.logship.host.config.ModuleConfigs;
import io.logship.s3.EventJson;
import io.logship.s3server.EmbeddedS3;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3OutputIT {
    static final String BUCKET = "logs";
    static final Duration WAIT = Duration.ofSeconds(60);
    /** How long S3 is down in the outage test (issue 3: "S3 stopped for 30 s mid-stream"). */
    static final Duration OUTAGE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<AutoCloseable> closeLater = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closeLater.size() - 1; i >= 0; i--) {
            try {
                closeLater.get(i).close();
            } catch (Exception e) {
                // already closed
            }
        }
    }

    EmbeddedS3 store() throws Exception {
        EmbeddedS3 s3 = EmbeddedS3.inMemory(0);
        s3.createBucket(BUCKET);
        closeLater.add(s3);
        return s3;
    }

    S3Client client(EmbeddedS3 s3) {
        S3Client c = S3Client.builder().endpointOverride(s3.endpoint()).region(Region.of(EmbeddedS3.REGION))
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY))).build();
        closeLater.add(c);
        return c;
    }

    /** A started om_s3 instance with the store's endpoint and credentials plus the given directives. */
    record Out(S3Output module, TestContext ctx) {
        void stop() throws Exception {
            module.stop();
        }
    }

    Out start(String name, java.net.URI endpoint, String... pairs) throws Exception {
        List<String> all = new ArrayList<>(List.of("Bucket", BUCKET, "Endpoint", endpoint.toString(), "PathStyle",
                "TRUE", "Region", EmbeddedS3.REGION, "AccessKeyId", EmbeddedS3.ACCESS_KEY, "SecretAccessKey",
                EmbeddedS3.SECRET_KEY, "RetryInterval", "50ms", "MaxRetryInterval", "300ms", "MaxRetries", "0",
                "RequestTimeout", "5s"));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < all.size(); i += 2) {
            index.put(all.get(i), i);
        }
        for (int i = 0; i < pairs.length; i += 2) {
            Integer at = index.get(pairs[i]);
            if (at != null) {
                all.set(at + 1, pairs[i + 1]);
            } else {
                all.add(pairs[i]);
                all.add(pairs[i + 1]);
            }
        }
        OmS3Provider p = new OmS3Provider();
        ModuleConfig c = ModuleConfigs.of(p, name, dir, dir, dir, all.toArray(String[]::new));
        S3Output m = (S3Output) p.create(c);
        TestContext ctx = new TestContext(name, dir);
        m.start(ctx);
        Out out = new Out(m, ctx);
        closeLater.add(out::stop);
        return out;
    }

    static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    static void awaitDrained(Out o) throws InterruptedException {
        await("spool of " + o.ctx().instanceName() + " to drain", () -> o.module().pending() == 0
                && o.module().spool().used() == 0);
    }

    /** The original s3_read.py loop: ListObjectsV2 (MaxKeys 1000, StartAfter lastkey) + GetObject per key. */
    static List<String> readLikeOriginal(S3Client c, String server) {
        List<String> out = new ArrayList<>();
        String lastkey = "";
        int keycount = 1000;
        while (keycount == 1000) {
            String after = lastkey;
            ListObjectsV2Response data = c.listObjectsV2(b -> {
                b.bucket(BUCKET).prefix(server).maxKeys(1000);
                if (!after.isEmpty()) {
                    b.startAfter(after);
                }
            });
            keycount = data.keyCount();
            for (S3Object obj : data.contents()) {
                lastkey = obj.key();
                String k = lastkey;
                out.add(c.getObjectAsBytes(b -> b.bucket(BUCKET).key(k)).asUtf8String());
            }
        }
        return out;
    }

    static List<String> keys(S3Client c, String prefix) {
        List<String> keys = new ArrayList<>();
        c.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().forEach(o -> keys.add(o.key()));
        return keys;
    }

    /** Every line of every object under the prefix, objects in key order, decompressed by Content-Encoding. */
    static List<String> lines(S3Client c, String prefix) throws Exception {
        List<String> out = new ArrayList<>();
        for (String k : keys(c, prefix)) {
            try (ResponseInputStream<GetObjectResponse> in = c.getObject(b -> b.bucket(BUCKET).key(k));
                 BufferedReader r = new BufferedReader(new InputStreamReader(decode(in, in.response().contentEncoding()),
                         StandardCharsets.UTF_8))) {
                r.lines().forEach(out::add);
            }
        }
        return out;
    }

    static InputStream decode(InputStream in, String encoding) throws Exception {
        if ("gzip".equals(encoding)) {
            return new GZIPInputStream(in, 65536);
        }
        if ("zstd".equals(encoding)) {
            return new ZstdInputStream(in);
        }
        return in;
    }

    static Event event(String writer, int i) {
        return Event.ofRaw(writer + " line " + i + " " + "x".repeat(i % 50))
                .set("EventReceivedTime", Instant.ofEpochSecond(1_700_000_000L + i, i))
                .set("Seq", (long) i).set("Ratio", i / 4.0).set("Even", i % 2 == 0)
                .set("Blob", new byte[] {(byte) i, 0, (byte) 0xff});
    }

    @Test
    void perEventMode_whenReadByOriginalLoop_returnsEveryEventInOrder() throws Exception {
        EmbeddedS3 s3 = store();
        Out out = start("perevent", s3.endpoint(), "Server", "MYSERVER", "MaxEventsPerObject", "1",
                "Compression", "none");
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            Event e = event("w", i);
            written.add(e.raw());
            out.module().write(e);
            if (i % 100 == 99) {
                out.module().flush();
            }
        }
        out.module().flush();
        awaitDrained(out);

        S3Client c = client(s3);
        assertThat(readLikeOriginal(c, "MYSERVER")).containsExactlyElementsOf(written);
        assertThat(keys(c, "MYSERVER")).hasSize(1100)
                .allMatch(k -> k.matches("MYSERVER/\\d{4}-\\d{2}-\\d{2}/\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{10}"));
        var head = c.headObject(b -> b.bucket(BUCKET).key(keys(c, "MYSERVER").get(0)));
        assertThat(head.contentType()).startsWith("text/plain");
        assertThat(head.contentEncoding()).isNull();
    }

    @Test
    void perEventMode_whenNoCompressionLine_originalLoopReadsPlainTextUnderKeysWithoutExtension()
            throws Exception {
        EmbeddedS3 s3 = store();
        Out out = start("plain", s3.endpoint(), "Server", "PLAIN", "MaxEventsPerObject", "1");
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Event e = event("w", i);
            written.add(e.raw());
            out.module().write(e);
        }
        out.module().flush();
        awaitDrained(out);

        S3Client c = client(s3);
        assertThat(readLikeOriginal(c, "PLAIN")).containsExactlyElementsOf(written);
        assertThat(keys(c, "PLAIN")).hasSize(20)
                .allMatch(k -> k.matches("PLAIN/\\d{4}-\\d{2}-\\d{2}/\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{10}"));
        assertThat(c.headObject(b -> b.bucket(BUCKET).key(keys(c, "PLAIN").get(0))).contentEncoding()).isNull();
    }

    @Test
    void stop_whenAWorkerHasJustTakenTheLastObject_waitsForItsUpload() throws Exception {
        EmbeddedS3 s3 = store();
        Out out = start("taken", s3.endpoint(), "Server", "srv", "Compression", "gzip", "MaxEventsPerObject",
                "1000");
        java.util.concurrent.CountDownLatch taken = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        out.module().afterTakeForTest = () -> {
            taken.countDown();
            try {
                release.await(); // the object is out of the ready queue and not uploaded yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while holding the object", e);
            }
        };
        for (int i = 0; i < 1000; i++) {
            out.module().write(event("w", i)); // the 1000th seals the object
        }
        assertThat(taken.await(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)).isTrue();

        java.util.concurrent.CompletableFuture<Void> stop = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                out.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // stop() must wait for the object a worker holds (before the fix it saw an empty queue and no upload
        // under way, stopped the workers and left the object in the spool)
        assertThatThrownBy(() -> stop.get(300, java.util.concurrent.TimeUnit.MILLISECONDS))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        release.countDown();
        stop.get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);

        assertThat(lines(client(s3), "srv/")).hasSize(1000);
        assertThat(out.module().spool().list()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"gzip,raw", "gzip,json", "zstd,raw", "zstd,json", "none,json"})
    void batchedMode_whenCompressedAndEncoded_readsBackEqualEvents(String compression, String encoding)
            throws Exception {
        EmbeddedS3 s3 = store();
        Out out = start("batch", s3.endpoint(), "Server", "srv", "Compression", compression, "Encoding", encoding,
                "MaxEventsPerObject", "3000");
        List<Event> written = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Event e = event("w", i);
            written.add(e);
            out.module().write(e);
        }
        out.module().flush();
        out.stop(); // seals the last object and uploads before returning

        S3Client c = client(s3);
        List<String> keys = keys(c, "srv/");
        assertThat(keys).hasSize(4).isSorted();
        String ext = switch (compression) {
            case "gzip" -> ".gz";
            case "zstd" -> ".zst";
            default -> "";
        };
        assertThat(keys).allMatch(k -> k.endsWith(ext) && k.matches("srv/.*\\.\\d{10}" + ext.replace(".", "\\.")));
        var head = c.headObject(b -> b.bucket(BUCKET).key(keys.get(0)));
        assertThat(head.contentEncoding()).isEqualTo(compression.equals("none") ? null : compression);
        assertThat(head.contentType()).startsWith(encoding.equals("json") ? "application/x-ndjson" : "text/plain");
        List<String> lines = lines(c, "srv/");
        assertThat(lines).hasSize(written.size());
        for (int i = 0; i < written.size(); i++) {
            Event want = written.get(i);
            if (encoding.equals("raw")) {
                assertThat(lines.get(i)).isEqualTo(want.raw());
            } else {
                Event got = EventJson.decode(lines.get(i));
                assertThat(got.fieldNames()).containsExactlyElementsOf(want.fieldNames());
                for (String f : want.fieldNames()) {
                    if (want.get(f) instanceof byte[] b) {
                        assertThat((byte[]) got.get(f)).containsExactly(b);
                    } else {
                        assertThat(got.get(f)).as(f).isEqualTo(want.get(f));
                    }
                }
            }
        }
    }

    @Test
    void largeBatch_whenOver100MB_goesUpAsMultipartAndReadsBackWhole() throws Exception {
        EmbeddedS3 s3 = EmbeddedS3.onDisk(dir.resolve("store"), 0);
        s3.createBucket(BUCKET);
        closeLater.add(s3);
        Out out = start("big", s3.endpoint(), "Server", "big", "Compression", "none", "MaxObjectSize", "1G",
                "MaxEventsPerObject", "10000000", "PartSize", "8M");
        String pad = "y".repeat(1000);
        int n = 105_000; // ~105 MB of lines
        for (int i = 0; i < n; i++) {
            out.module().write(Event.ofRaw(String.format("%08d ", i) + pad));
        }
        out.module().flush();
        out.stop();

        S3Client c = client(s3);
        List<String> keys = keys(c, "big/");
        assertThat(keys).hasSize(1);
        assertThat(out.ctx().counter("multipart")).isEqualTo(1);
        var head = c.headObject(b -> b.bucket(BUCKET).key(keys.get(0)));
        assertThat(head.contentLength()).isEqualTo((long) n * (9 + 1000 + 1));
        long count = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                c.getObject(b -> b.bucket(BUCKET).key(keys.get(0))), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                assertThat(line).startsWith(String.format("%08d ", count)).hasSize(1009);
                count++;
            }
        }
        assertThat(count).isEqualTo(n);
    }

    @Test
    void multipart_whenKeyTakenByAnotherWriter_neverOverwritesAndUploadsEveryPartUnderTheNextKey()
            throws Exception {
        EmbeddedS3 s3 = store();
        S3Client c = client(s3);
        // A fresh spool starts at sequence 1: another writer already has that key.
        c.putObject(b -> b.bucket(BUCKET).key("mp/0000000001").metadata(Map.of("logship-writer", "ffffffff",
                "logship-seq", "1")), software.amazon.awssdk.core.sync.RequestBody.fromString("foreign"));
        Out out = start("mp", s3.endpoint(), "Server", "mp", "KeyFormat", "{server}/{seq}{ext}", "Compression",
                "none", "PartSize", "5M", "MaxEventsPerObject", "12000", "FlushInterval", "1h");
        List<String> written = new ArrayList<>();
        String pad = "m".repeat(1000);
        for (int i = 0; i < 12_000; i++) { // ~12 MB: three parts of 5M
            String line = String.format("%08d ", i) + pad;
            written.add(line);
            out.module().write(Event.ofRaw(line));
        }
        out.module().flush();
        awaitDrained(out);

        assertThat(c.getObjectAsBytes(b -> b.bucket(BUCKET).key("mp/0000000001")).asUtf8String())
                .isEqualTo("foreign");
        List<String> keys = keys(c, "mp/");
        assertThat(keys).hasSize(2).first().isEqualTo("mp/0000000001");
        assertThat(out.ctx().counter("collisions")).isEqualTo(1);
        assertThat(out.ctx().counter("multipart")).isEqualTo(1);
        var head = c.headObject(b -> b.bucket(BUCKET).key(keys.get(1)));
        assertThat(head.contentLength()).isEqualTo(12_000L * (9 + 1000 + 1));
        assertThat(head.metadata()).containsEntry("logship-writer", out.module().spool().writerId());
        assertThat(head.eTag()).as("a multipart ETag ends in -<parts>").endsWith("-3\"");
        assertThat(lines(c, "mp/").subList(1, 12_001)).containsExactlyElementsOf(written);
    }

    @Test
    void twoWriters_whenSameServerAndSameKeys_neverOverwriteAndKeepEveryEvent() throws Exception {
        EmbeddedS3 s3 = store();
        // No time in the key: both fresh writers start at sequence 1, so they must collide.
        List<String> lines = runTwoWriters(s3, "{server}/{seq}{ext}");
        assertThat(lines).hasSize(4000).doesNotHaveDuplicates();
        for (String w : List.of("A", "B")) {
            assertThat(lines).as("events of writer %s", w).containsAll(
                    Stream.iterate(0, i -> i + 1).limit(2000).map(i -> event(w, i).raw()).toList());
        }
    }

    @Test
    void twoWriters_whenKeyHasWriterId_keepOrderPerWriterWithoutCollisions() throws Exception {
        EmbeddedS3 s3 = store();
        List<String> lines = runTwoWriters(s3, "{server}/{date}/{time}.{seq}.{writer}{ext}");
        assertThat(lastCollisions).isZero();
        for (String w : List.of("A", "B")) {
            List<String> mine = lines.stream().filter(l -> l.startsWith(w + " ")).toList();
            assertThat(mine).as("events of writer %s in key order", w).containsExactlyElementsOf(
                    Stream.iterate(0, i -> i + 1).limit(2000).map(i -> event(w, i).raw()).toList());
        }
    }

    private long lastCollisions;

    private List<String> runTwoWriters(EmbeddedS3 s3, String keyFormat) throws Exception {
        String[] conf = {"Server", "shared", "KeyFormat", keyFormat, "Compression", "gzip",
                "MaxEventsPerObject", "50", "FlushInterval", "100ms"};
        Out a = start("a", s3.endpoint(), withSpool(conf, "a"));
        Out b = start("b", s3.endpoint(), withSpool(conf, "b"));
        CompletableFuture<Void> fa = CompletableFuture.runAsync(() -> writeN(a, "A", 2000));
        CompletableFuture<Void> fb = CompletableFuture.runAsync(() -> writeN(b, "B", 2000));
        fa.get();
        fb.get();
        awaitDrained(a);
        awaitDrained(b);
        lastCollisions = a.ctx().counter("collisions") + b.ctx().counter("collisions");
        if (!keyFormat.contains("{writer}")) {
            assertThat(lastCollisions).as("collisions handled with If-None-Match").isPositive();
        }
        return lines(client(s3), "shared/");
    }

    private String[] withSpool(String[] conf, String name) {
        String[] out = Arrays.copyOf(conf, conf.length + 2);
        out[conf.length] = "SpoolDir";
        out[conf.length + 1] = dir.resolve("spool-" + name).toString();
        return out;
    }

    private static void writeN(Out o, String writer, int n) {
        try {
            for (int i = 0; i < n; i++) {
                o.module().write(event(writer, i));
                if (i % 100 == 99) {
                    o.module().flush();
                }
            }
            o.module().flush();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void s3Outage_whenStoreStopsMidStreamAndComesBack_everyEventArrivesInOrder() throws Exception {
        Path storeDir = dir.resolve("store");
        EmbeddedS3 s3 = EmbeddedS3.onDisk(storeDir, 0);
        s3.createBucket(BUCKET);
        int port = s3.port();
        java.net.URI endpoint = s3.endpoint();
        Out out = start("outage", endpoint, "Server", "srv", "MaxEventsPerObject", "100", "FlushInterval", "100ms",
                "RequestTimeout", "2s", "MaxRetryInterval", "2s");
        List<String> written = new ArrayList<>();
        long stoppedAt = 0;
        for (int i = 0; i < 3000; i++) {
            Event e = event("w", i);
            written.add(e.raw());
            out.module().write(e);
            if (i == 999) {
                out.module().flush();
                s3.stop();
                stoppedAt = System.nanoTime();
            }
            if (i % 100 == 99) {
                out.module().flush(); // returns during the outage too: the events are in the spool
                if (stoppedAt != 0) {
                    // the writer goes on at its own pace through the outage (20 flushes spread over it)
                    Thread.sleep(OUTAGE.toMillis() / 25);
                }
            }
        }
        long failuresAtEnd = out.ctx().counter("upload.failures");
        await("several failed uploads during the outage", () -> out.ctx().counter("upload.failures") >= failuresAtEnd + 3);
        assertThat(out.module().spool().used()).isPositive();
        // S3 stays down for the 30 s: the time is the behaviour under test, not a wait for something
        long left = OUTAGE.toNanos() - (System.nanoTime() - stoppedAt);
        if (left > 0) {
            Thread.sleep((left + 999_999) / 1_000_000);
        }
        assertThat(System.nanoTime() - stoppedAt).isGreaterThanOrEqualTo(OUTAGE.toNanos());

        EmbeddedS3 again = EmbeddedS3.onDisk(storeDir, port);
        closeLater.add(again);
        awaitDrained(out);

        assertThat(lines(client(again), "srv/")).containsExactlyElementsOf(written);
        assertThat(out.ctx().lines()).anyMatch(l -> l.contains("cannot connect to " + endpoint));
    }

    @Test
    void wrongCredentials_whenSecretIsWrong_adviseAndKeepEventsUntilFixed() throws Exception {
        EmbeddedS3 s3 = store();
        Path spool = dir.resolve("spool-creds");
        Out bad = start("creds", s3.endpoint(), "Server", "srv", "SecretAccessKey", "not-the-secret",
                "SpoolDir", spool.toString(), "MaxEventsPerObject", "10", "StopTimeout", "200ms");
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            Event e = event("w", i);
            written.add(e.raw());
            bad.module().write(e);
        }
        bad.module().flush();
        await("a failed upload", () -> bad.ctx().counter("upload.failures") > 0);
        bad.stop();

        List<String> errors = bad.ctx().lines().stream().filter(l -> l.startsWith("ERROR")).toList();
        assertThat(errors).anyMatch(l -> l.contains("SignatureDoesNotMatch") && l.contains("static keys")
                && l.contains("s3://logs/srv/"));
        assertThat(bad.ctx().lines()).noneMatch(l -> l.contains("not-the-secret"));
        assertThat(errors).hasSizeLessThan(3); // once per burst, not once per object
        S3Client c = client(s3);
        assertThat(keys(c, "srv/")).isEmpty();
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files.filter(f -> f.toString().endsWith(".obj") || f.toString().endsWith(".rec"))).isNotEmpty();
        }

        Out good = start("creds", s3.endpoint(), "Server", "srv", "SpoolDir", spool.toString(),
                "MaxEventsPerObject", "10");
        awaitDrained(good);
        assertThat(lines(c, "srv/")).containsExactlyElementsOf(written);
    }

    @Test
    void restart_whenSpoolHoldsEvents_deliversThemFirstAndKeysKeepGrowing() throws Exception {
        EmbeddedS3 s3 = store();
        Path spool = dir.resolve("spool-restart");
        // First run: the store is unreachable (a closed port), so everything stays in the spool.
        java.net.URI nowhere;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0)) {
            nowhere = java.net.URI.create("http://127.0.0.1:" + ss.getLocalPort());
        }
        Out first = start("restart", nowhere, "Server", "srv", "SpoolDir", spool.toString(), "MaxEventsPerObject",
                "25", "StopTimeout", "100ms");
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Event e = event("w", i);
            written.add(e.raw());
            first.module().write(e);
        }
        first.module().flush();
        first.stop();
        assertThat(first.ctx().lines()).anyMatch(l -> l.contains("not uploaded yet"));

        Out second = start("restart", s3.endpoint(), "Server", "srv", "SpoolDir", spool.toString(),
                "MaxEventsPerObject", "25");
        for (int i = 100; i < 150; i++) {
            Event e = event("w", i);
            written.add(e.raw());
            second.module().write(e);
        }
        second.module().flush();
        second.stop();

        S3Client c = client(s3);
        assertThat(lines(c, "srv/")).containsExactlyElementsOf(written);
        assertThat(keys(c, "srv/")).hasSize(6).isSorted();
    }

    @Test
    void headers_whenSseAndStorageClassSet_objectsCarryThemAndArrive() throws Exception {
        EmbeddedS3 s3 = store();
        Out out = start("sse", s3.endpoint(), "Server", "sse", "ServerSideEncryption", "AES256", "StorageClass",
                "STANDARD_IA", "MaxEventsPerObject", "5");
        for (int i = 0; i < 10; i++) {
            out.module().write(event("w", i));
        }
        out.stop();
        S3Client c = client(s3);
        assertThat(lines(c, "sse/")).hasSize(10);
        var head = c.headObject(b -> b.bucket(BUCKET).key(keys(c, "sse/").get(0)));
        assertThat(head.metadata()).containsKeys("logship-writer", "logship-seq");
        assertThat(head.storageClassAsString()).isIn("STANDARD_IA", null);
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void retry_whenKeyExists_skipsOwnEarlierUploadButRekeysForeignObject(boolean ours) throws Exception {
        EmbeddedS3 s3 = store();
        Path spool = dir.resolve("spool-retry");
        java.net.URI nowhere;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0)) {
            nowhere = java.net.URI.create("http://127.0.0.1:" + ss.getLocalPort());
        }
        String[] conf = {"Server", "srv", "KeyFormat", "{server}/{seq}{ext}", "SpoolDir", spool.toString(),
                "MaxEventsPerObject", "10", "StopTimeout", "100ms"};
        Out first = start("retry", nowhere, conf);
        for (int i = 0; i < 10; i++) {
            first.module().write(event("w", i));
        }
        first.module().flush();
        first.stop();
        java.util.Properties state = new java.util.Properties();
        try (var in = Files.newInputStream(spool.resolve("state.properties"))) {
            state.load(in);
        }
        // As if an earlier attempt had stored the object and the answer was lost (ours), or another writer
        // with the same Server had taken the key (foreign).
        S3Client c = client(s3);
        c.putObject(b -> b.bucket(BUCKET).key("srv/0000000001.gz").metadata(Map.of("logship-writer",
                ours ? state.getProperty("writer") : "ffffffff", "logship-seq", "1")),
                software.amazon.awssdk.core.sync.RequestBody.fromString("earlier"));

        Out second = start("retry", s3.endpoint(), conf);
        awaitDrained(second);

        List<String> keys = keys(c, "srv/");
        assertThat(c.getObjectAsBytes(b -> b.bucket(BUCKET).key("srv/0000000001.gz")).asUtf8String())
                .isEqualTo("earlier"); // never overwritten
        if (ours) {
            assertThat(keys).containsExactly("srv/0000000001.gz");
            assertThat(second.ctx().counter("collisions")).isZero();
        } else {
            assertThat(keys).hasSize(2);
            assertThat(second.ctx().counter("collisions")).isEqualTo(1);
            assertThat(lines(c, "srv/").subList(1, 11)).containsExactlyElementsOf(
                    Stream.iterate(0, i -> i + 1).limit(10).map(i -> event("w", i).raw()).toList());
        }
    }
}
