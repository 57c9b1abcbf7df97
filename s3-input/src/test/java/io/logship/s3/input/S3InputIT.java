package io.logship.s3.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Event;
import io.logship.s3.EventJson;
import io.logship.s3server.EmbeddedS3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3InputIT extends InMemoryStore {
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @TempDir
    Path cache;

    private static String bucket() {
        String b = "in-" + BUCKETS.incrementAndGet();
        s3.createBucket(b);
        return b;
    }

    private static S3Input started(S3Input in, TestInputContext ctx) throws Exception {
        in.start(ctx);
        return in;
    }

    private static List<String> raws(List<Event> events) {
        return events.stream().map(Event::raw).toList();
    }

    @Test
    void read_when3500KeysAcrossPages_readsEachExactlyOnce(@TempDir Path storeDir) throws Exception {
        // a store on disk, filled by writing its files (3,500 PUTs would dominate the test's time)
        Path bucketDir = storeDir.resolve("paged/logs");
        Files.createDirectories(bucketDir);
        for (int i = 0; i < 3500; i++) {
            Files.writeString(bucketDir.resolve(String.format("%05d.log", i)), "event " + i + "\n");
        }
        try (EmbeddedS3 disk = EmbeddedS3.onDisk(storeDir, 0)) {
            String b = "paged";
            TestInputContext ctx = new TestInputContext(cache, "in");
            S3Input in = started(Harness.create(disk, b, cache, "Prefix", "logs/", "MaxKeys", "97", "Workers", "8"),
                    ctx);
            int reads = Harness.drain(in, ctx, 1000);

            assertThat(reads).isGreaterThanOrEqualTo(3500 / 97);
            assertThat(ctx.scheduled).isEqualTo(Duration.ofSeconds(30));
            List<String> got = raws(ctx.events);
            assertThat(got).hasSize(3500).doesNotHaveDuplicates();
            for (int i = 0; i < 3500; i++) {
                assertThat(got.get(i)).isEqualTo("event " + i);
            }
            assertThat(ctx.counter("objects_listed")).isEqualTo(3500);
            assertThat(ctx.counter("objects_read")).isEqualTo(3500);
            assertThat(ctx.counter("events")).isEqualTo(3500);

            // the next poll finds nothing new; a restart from the last commit reads nothing again
            Harness.drain(in, ctx, 100);
            assertThat(ctx.events).hasSize(3500);
            in.stop();
            ctx.commitAll();
            TestInputContext ctx2 = ctx.restart();
            S3Input in2 = started(Harness.create(disk, b, cache, "Prefix", "logs/", "MaxKeys", "97"), ctx2);
            Harness.drain(in2, ctx2, 1000);
            assertThat(ctx2.events).isEmpty();
            in2.stop();
        }
    }

    @Test
    void read_whenRestartedFromPositionInsideObject_continuesAtNextLine() throws Exception {
        String b = bucket();
        TestS3.put(client, b, "a.log.gz", Formats.gzip(Formats.lines("a", 1000)));
        TestS3.put(client, b, "b.log", Formats.lines("b", 10));
        TestInputContext ctx = new TestInputContext(cache, "in");
        ctx.crashAfter = 600;
        S3Input in = started(Harness.create(s3, b, cache), ctx);
        Harness.drain(in, ctx, 10);
        in.stop();
        assertThat(ctx.events).hasSize(600);
        ctx.commit(437); // the host had committed up to line 437 when the process was killed

        TestInputContext ctx2 = ctx.restart();
        S3Input in2 = started(Harness.create(s3, b, cache), ctx2);
        Harness.drain(in2, ctx2, 10);
        in2.stop();
        List<String> second = raws(ctx2.events);
        assertThat(second).hasSize(1000 - 437 + 10);
        assertThat(second.get(0)).isEqualTo("a 438");
        assertThat(ctx2.events.get(0).get(S3Input.F_LINE)).isEqualTo(438L);
        assertThat(second.get(1000 - 437 - 1)).isEqualTo("a 1000");
        assertThat(second.get(1000 - 437)).isEqualTo("b 1");
        // union of what the outputs kept (committed part of run 1 + run 2) is every line exactly once
        List<String> delivered = new ArrayList<>(raws(ctx.events.subList(0, 437)));
        delivered.addAll(second);
        assertThat(delivered).doesNotHaveDuplicates().hasSize(1010);
    }

    @Test
    void read_whenCommittedAtLastLineOfObject_doesNotReopenIt() throws Exception {
        String b = bucket();
        TestS3.put(client, b, "a.log", Formats.lines("a", 5));
        TestInputContext ctx = new TestInputContext(cache, "in");
        S3Input in = started(Harness.create(s3, b, cache), ctx);
        Harness.drain(in, ctx, 10);
        in.stop();
        ctx.commitAll();
        assertThat(ctx.committed.get("")).startsWith("2 1 5 0 1 ");
        TestS3.put(client, b, "b.log", Formats.lines("b", 2));
        TestInputContext ctx2 = ctx.restart();
        S3Input in2 = started(Harness.create(s3, b, cache), ctx2);
        Harness.drain(in2, ctx2, 10);
        in2.stop();
        assertThat(raws(ctx2.events)).containsExactly("b 1", "b 2");
        assertThat(ctx2.counter("failures.NoSuchKey")).isZero();
    }

    @Test
    void read_whenLateKeyAppearsWithinWindow_readsItOnce() throws Exception {
        String b = bucket();
        // the original writer's counter: .10 arrives after .9 but sorts before it
        TestS3.put(client, b, "SERVER/12.36.34.1", "one\n".getBytes(StandardCharsets.UTF_8));
        TestS3.put(client, b, "SERVER/12.36.34.9", "nine\n".getBytes(StandardCharsets.UTF_8));
        TestInputContext ctx = new TestInputContext(cache, "in");
        S3Input in = started(Harness.create(s3, b, cache), ctx);
        Harness.drain(in, ctx, 10);
        assertThat(raws(ctx.events)).containsExactly("one", "nine");

        TestS3.put(client, b, "SERVER/12.36.34.10", "ten\n".getBytes(StandardCharsets.UTF_8));
        Harness.drain(in, ctx, 10);
        assertThat(raws(ctx.events)).containsExactly("one", "nine", "ten");
        assertThat(ctx.counter("objects_late")).isEqualTo(1);
        Harness.drain(in, ctx, 10);
        assertThat(ctx.events).hasSize(3);
        in.stop();

        // after a restart from the last commit the late key is still known as read
        ctx.commitAll();
        TestInputContext ctx2 = ctx.restart();
        S3Input in2 = started(Harness.create(s3, b, cache), ctx2);
        TestS3.put(client, b, "SERVER/12.36.34.2", "two\n".getBytes(StandardCharsets.UTF_8));
        Harness.drain(in2, ctx2, 10);
        in2.stop();
        assertThat(raws(ctx2.events)).containsExactly("two");
    }

    @Test
    void read_whenLateKeySortsBeforeEveryKeyRead_readsItOnceAlsoAfterRestart() throws Exception {
        String b = bucket();
        // the first key of a first run: a late key sorting before it is found by the next full pass
        TestS3.put(client, b, "x/5", "five\n".getBytes(StandardCharsets.UTF_8));
        TestInputContext ctx = new TestInputContext(cache, "in");
        S3Input in = started(Harness.create(s3, b, cache), ctx);
        Harness.drain(in, ctx, 10);
        TestS3.put(client, b, "x/3", "three\n".getBytes(StandardCharsets.UTF_8));
        Harness.drain(in, ctx, 10);
        Harness.drain(in, ctx, 10);
        in.stop();
        assertThat(raws(ctx.events)).containsExactly("five", "three");
        assertThat(ctx.counter("objects_late")).isEqualTo(1);

        // the window's floors are kept across a restart: another one before both is still found, once
        ctx.commitAll();
        TestInputContext ctx2 = ctx.restart();
        S3Input in2 = started(Harness.create(s3, b, cache), ctx2);
        TestS3.put(client, b, "x/1", "one\n".getBytes(StandardCharsets.UTF_8));
        Harness.drain(in2, ctx2, 10);
        Harness.drain(in2, ctx2, 10);
        in2.stop();
        assertThat(raws(ctx2.events)).containsExactly("one");
    }

    @Test
    void read_whenCrashAfterLateKeyBeforeCommit_readsLateKeyAgainOnlyOnce() throws Exception {
        String b = bucket();
        TestS3.put(client, b, "k/2", "two\n".getBytes(StandardCharsets.UTF_8));
        TestS3.put(client, b, "k/3", "three\n".getBytes(StandardCharsets.UTF_8));
        TestInputContext ctx = new TestInputContext(cache, "in");
        S3Input in = started(Harness.create(s3, b, cache), ctx);
        Harness.drain(in, ctx, 10);
        ctx.commitAll();
        TestS3.put(client, b, "k/21", "late\n".getBytes(StandardCharsets.UTF_8));
        Harness.drain(in, ctx, 10);
        in.stop();
        assertThat(raws(ctx.events)).containsExactly("two", "three", "late");
        // killed before the late key's event was committed: it is read again after the restart, once
        TestInputContext ctx2 = ctx.restart();
        S3Input in2 = started(Harness.create(s3, b, cache), ctx2);
        Harness.drain(in2, ctx2, 10);
        Harness.drain(in2, ctx2, 10);
        in2.stop();
        assertThat(raws(ctx2.events)).containsExactly("late");
    }

    @Test
    void read_whenLateKeyAppearsAfterWindow_doesNotReadIt() throws Exception {
        String b = bucket();
        TestS3.put(client, b, "w/b", "b\n".getBytes(StandardCharsets.UTF_8));
        TestInputContext ctx = new TestInputContext(cache, "in");
        S3Input in = started(Harness.create(s3, b, cache, "LateArrivalWindow", "1s"), ctx);
        Harness.drain(in, ctx, 10);
        Instant bModified = lastModified(b, "w/b");
        // S3's clock must move on by more than the window before the next object is written
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Instant.now().isBefore(bModified.plusMillis(2500)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        TestS3.put(client, b, "w/c", "c\n".getBytes(StandardCharsets.UTF_8));
        Harness.drain(in, ctx, 10);
        assertThat(lastModified(b, "w/c")).isAfter(bModified.plusSeconds(1));
        // w/a sorts before w/b and w/c; every key read before it left the 1 s window
        TestS3.put(client, b, "w/a", "a\n".getBytes(StandardCharsets.UTF_8));
        TestS3.put(client, b, "w/d", "d\n".getBytes(StandardCharsets.UTF_8));
        Harness.drain(in, ctx, 10);
        in.stop();
        assertThat(raws(ctx.events)).containsExactly("b", "c", "d");
    }

    private static Instant lastModified(String bucket, String key) {
        return client.headObject(r -> r.bucket(bucket).key(key)).lastModified();
    }

    @Test
    void read_whenEachCompressionAndArchiveFormat_readsEveryLine() throws Exception {
        String b = bucket();
        byte[] plain = Formats.lines("plain", 3);
        Map<String, byte[]> objects = new HashMap<>();
        objects.put("f/01-plain.log", plain);
        objects.put("f/02-gzip.log.gz", Formats.gzip(Formats.lines("gz", 3)));
        objects.put("f/03-multi.gz", Formats.concat(Formats.gzip(Formats.lines("m1", 2)),
                Formats.gzip(Formats.lines("m2", 2))));
        objects.put("f/04-bzip2.bz2", Formats.bzip2(Formats.lines("bz", 3)));
        objects.put("f/05-xz.xz", Formats.xz(Formats.lines("xz", 3)));
        objects.put("f/06-zstd.zst", Formats.zstd(Formats.lines("zst", 3)));
        objects.put("f/07-archive.tar", Formats.tar("logs/x.log", Formats.lines("tx", 2),
                "logs/y.log.gz", Formats.gzip(Formats.lines("ty", 2))));
        objects.put("f/08-archive.tar.gz", Formats.gzip(Formats.tar("t.log", Formats.lines("tgz", 2))));
        objects.put("f/09-archive.zip", Formats.zip("z1.log", Formats.lines("z1", 2), "z2.log",
                Formats.lines("z2", 1)));
        objects.put("f/10-noext", Formats.gzip(Formats.lines("noext", 1)));
        objects.put("f/11-wrongext.gz", Formats.lines("wrong", 1));
        objects.put("f/12-crlf.log", "r1\r\nr2\r\n\r\nr4".getBytes(StandardCharsets.UTF_8));
        objects.forEach((k, v) -> TestS3.put(client, b, k, v));
        TestInputContext ctx = new TestInputContext(cache, "in");
        S3Input in = started(Harness.create(s3, b, cache), ctx);
        Harness.drain(in, ctx, 10);
        in.stop();
        assertThat(raws(ctx.events)).containsExactly(
                "plain 1", "plain 2", "plain 3",
                "gz 1", "gz 2", "gz 3",
                "m1 1", "m1 2", "m2 1", "m2 2",
                "bz 1", "bz 2", "bz 3",
                "xz 1", "xz 2", "xz 3",
                "zst 1", "zst 2", "zst 3",
                "tx 1", "tx 2", "ty 1", "ty 2",
                "tgz 1", "tgz 2",
                "z1 1", "z1 2", "z2 1",
                "noext 1",
                "wrong 1",
                "r1", "r2", "r4");
        Event ty = ctx.events.stream().filter(e -> "ty 2".equals(e.raw())).findFirst().orElseThrow();
        assertThat(ty.get(S3Input.F_ENTRY)).isEqualTo("logs/y.log.gz");
        assertThat(ty.get(S3Input.F_LINE)).isEqualTo(2L);
        assertThat(ty.get(S3Input.F_KEY)).isEqualTo("f/07-archive.tar");
        assertThat(ty.get(S3Input.F_BUCKET)).isEqualTo(b);
        assertThat(ty.get(S3Input.F_LAST_MODIFIED)).isInstanceOf(Instant.class);
        assertThat(ty.get("SourceModuleType")).isEqualTo("im_s3");
        assertThat(ty.get("SourceModuleName")).isEqualTo("in");
        assertThat(ty.get("EventReceivedTime")).isInstanceOf(Instant.class);
        Event r4 = ctx.events.get(ctx.events.size() - 1);
        assertThat(r4.get(S3Input.F_LINE)).isEqualTo(4L);
    }

    @Test
    void read_whenCorruptGzipBetweenGoodObjects_readsTheOthersAndRecordsIt() throws Exception {
        String b = bucket();
        byte[] good = Formats.gzip(Formats.lines("good", 100));
        byte[] corrupt = Formats.gzip(Formats.lines("bad", 5000));
        byte[] truncated = Arrays.copyOf(corrupt, corrupt.length / 2);
        byte[] flipped = corrupt.clone();
        for (int i = 40; i < 60; i++) {
            flipped[i] ^= 0x5a;
        }
        TestS3.put(client, b, "1.gz", good);
        TestS3.put(client, b, "2.gz", truncated);
        TestS3.put(client, b, "3.gz", good);
        TestS3.put(client, b, "4.gz", flipped);
        TestS3.put(client, b, "5.gz", good);
        TestInputContext ctx = new TestInputContext(cache, "in");
        S3Input in = started(Harness.create(s3, b, cache), ctx);
        Harness.drain(in, ctx, 10);
        in.stop();
        Map<String, Long> perKey = new HashMap<>();
        for (Event e : ctx.events) {
            perKey.merge((String) e.get(S3Input.F_KEY), 1L, Long::sum);
        }
        assertThat(perKey).containsEntry("1.gz", 100L).containsEntry("3.gz", 100L).containsEntry("5.gz", 100L);
        assertThat(ctx.counter("decompression_errors")).isEqualTo(2);
        List<String> failedLines = Files.readAllLines(cache.resolve("im_s3/in.failed"));
        assertThat(failedLines).hasSize(2);
        assertThat(failedLines.get(0)).contains("\"key\":\"2.gz\"", "\"code\":\"corrupt\"");
        assertThat(failedLines.get(1)).contains("\"key\":\"4.gz\"", "\"code\":\"corrupt\"");
        // the lines before the damage were delivered, in order, without a gap
        List<String> bad = ctx.events.stream().filter(e -> "2.gz".equals(e.get(S3Input.F_KEY)))
                .map(Event::raw).toList();
        for (int i = 0; i < bad.size(); i++) {
            assertThat(bad.get(i)).isEqualTo("bad " + (i + 1));
        }
        // a restart does not read the corrupt objects again
        ctx.commitAll();
        TestInputContext ctx2 = ctx.restart();
        S3Input in2 = started(Harness.create(s3, b, cache), ctx2);
        Harness.drain(in2, ctx2, 10);
        in2.stop();
        assertThat(ctx2.events).isEmpty();
    }

    @Test
    void read_whenInvalidUtf8AndLongLines_replacesSplitsCountsAndRecords() throws Exception {
        String b = bucket();
        byte[] bad = {'o', 'k', '\n', 'b', (byte) 0xC3, 'x', (byte) 0xFF, '\n', 'e', 'n', 'd', '\n'};
        TestS3.put(client, b, "a-utf8.log", bad);
        String longLine = "x".repeat(40) + "é" + "y".repeat(30);
        TestS3.put(client, b, "b-long.log", (longLine + "\nshort\n").getBytes(StandardCharsets.UTF_8));
        TestInputContext ctx = new TestInputContext(cache, "in");
        S3Input in = started(Harness.create(s3, b, cache, "MaxLineLength", "32"), ctx);
        Harness.drain(in, ctx, 10);
        in.stop();
        List<String> got = raws(ctx.events);
        assertThat(got.subList(0, 3)).containsExactly("ok", "b\uFFFDx\uFFFD", "end");
        assertThat(String.join("", got.subList(3, got.size() - 1))).isEqualTo(longLine);
        assertThat(got.subList(3, got.size() - 1)).allSatisfy(p ->
                assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(32));
        assertThat(got.get(got.size() - 1)).isEqualTo("short");
        assertThat(ctx.counter("lines_invalid_utf8")).isEqualTo(1);
        assertThat(ctx.counter("lines_split")).isEqualTo(1);
        List<String> failed = Files.readAllLines(cache.resolve("im_s3/in.failed"));
        assertThat(failed).hasSize(2);
        assertThat(failed.get(0)).contains("a-utf8.log", "invalid-utf8", "line 2");
        assertThat(failed.get(1)).contains("b-long.log", "long-line");
    }

    @Test
    void read_whenCommittedObjectWasDeleted_recordsNoSuchKeyAndContinues() throws Exception {
        String b = bucket();
        TestS3.put(client, b, "a.log", Formats.lines("a", 10));
        TestS3.put(client, b, "b.log", Formats.lines("b", 2));
        TestInputContext ctx = new TestInputContext(cache, "in");
        ctx.crashAfter = 5;
        S3Input in = started(Harness.create(s3, b, cache), ctx);
        Harness.drain(in, ctx, 10);
        in.stop();
        ctx.commitAll();
        client.deleteObject(r -> r.bucket(b).key("a.log"));
        TestInputContext ctx2 = ctx.restart();
        S3Input in2 = started(Harness.create(s3, b, cache), ctx2);
        Harness.drain(in2, ctx2, 10);
        in2.stop();
        assertThat(raws(ctx2.events)).containsExactly("b 1", "b 2");
        assertThat(ctx2.counter("failures.NoSuchKey")).isEqualTo(1);
        assertThat(Files.readString(cache.resolve("im_s3/in.failed"))).contains("\"key\":\"a.log\"",
                "\"code\":\"NoSuchKey\"");
    }

    @Test
    void read_whenObjectDeletedBetweenListAndGet_recordsNoSuchKeyAndReadsTheRest() throws Exception {
        String b = bucket();
        // with one worker, b is fetched only once a is decoded to its end: far more lines than the worker
        // may hold ahead, so a's first event is posted (and b deleted) before b's GET
        TestS3.put(client, b, "a.log", Formats.lines("a", 60_000));
        TestS3.put(client, b, "b.log", Formats.lines("b".repeat(100), 20_000));
        TestS3.put(client, b, "c.log", "c\n".getBytes(StandardCharsets.UTF_8));
        TestInputContext ctx = new TestInputContext(cache, "in");
        ctx.onPost = e -> {
            if ("a 1".equals(e.raw())) {
                client.deleteObject(r -> r.bucket(b).key("b.log"));
            }
        };
        S3Input in = started(Harness.create(s3, b, cache, "Workers", "1"), ctx);
        Harness.drain(in, ctx, 10);
        in.stop();
        List<String> got = raws(ctx.events);
        assertThat(got).hasSize(60_001).noneMatch(l -> l.startsWith("b"));
        assertThat(got.get(59_999)).isEqualTo("a 60000");
        assertThat(got.get(60_000)).isEqualTo("c");
        assertThat(ctx.counter("failures.NoSuchKey")).isEqualTo(1);
        assertThat(ctx.counter("objects_failed")).isEqualTo(1);
        assertThat(Files.readAllLines(cache.resolve("im_s3/in.failed"))).singleElement().asString()
                .contains("\"key\":\"b.log\"", "\"code\":\"NoSuchKey\"");
    }

    @Test
    void read_whenEmptyObjectsAndDirectoryMarkers_skipsAndCountsThem() throws Exception {
        String b = bucket();
        TestS3.put(client, b, "d/", new byte[0]);
        TestS3.put(client, b, "d/empty.log", new byte[0]);
        TestS3.put(client, b, "d/x.log", "x\n".getBytes(StandardCharsets.UTF_8));
        TestS3.put(client, b, "d/skip.tmp", "tmp\n".getBytes(StandardCharsets.UTF_8));
        TestInputContext ctx = new TestInputContext(cache, "in");
        S3Input in = started(Harness.create(s3, b, cache, "Exclude", "**.tmp"), ctx);
        Harness.drain(in, ctx, 10);
        in.stop();
        assertThat(raws(ctx.events)).containsExactly("x");
        assertThat(ctx.counter("objects_skipped_directory")).isEqualTo(1);
        assertThat(ctx.counter("objects_skipped_empty")).isEqualTo(1);
        assertThat(ctx.counter("objects_skipped_filter")).isEqualTo(1);
        assertThat(ctx.counter("objects_listed")).isEqualTo(4);
        assertThat(ctx.counter("objects_matched")).isEqualTo(2);
    }

    @Test
    void read_whenJsonWrittenByEventJson_restoresEqualFields() throws Exception {
        String b = bucket();
        List<Event> originals = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            Event e = new Event().set("raw_event", "line " + i + " with \"quotes\" and\ttab")
                    .set("Severity", (long) i).set("Ok", i % 2 == 0).set("Ratio", i + 0.5)
                    .set("EventReceivedTime", Instant.parse("2026-11-23T04:51:48.123Z").plusSeconds(i))
                    .set("Blob", new byte[] {1, 2, (byte) i}).set("SourceModuleName", "file_in")
                    .set("SourceModuleType", "im_file").set("Hostname", "web-1");
            originals.add(e);
            sb.append(EventJson.encode(e)).append('\n');
        }
        sb.append("not json\n");
        TestS3.put(client, b, "j.json.gz", Formats.gzip(sb.toString().getBytes(StandardCharsets.UTF_8)));
        TestInputContext ctx = new TestInputContext(cache, "in");
        S3Input in = started(Harness.create(s3, b, cache, "Decoding", "json"), ctx);
        Harness.drain(in, ctx, 10);
        in.stop();
        assertThat(ctx.events).hasSize(4);
        for (int i = 0; i < 3; i++) {
            Event got = ctx.events.get(i);
            for (String f : originals.get(i).fieldNames()) {
                Object want = originals.get(i).get(f);
                if (want instanceof byte[] bytes) {
                    assertThat((byte[]) got.get(f)).as(f).isEqualTo(bytes);
                } else {
                    assertThat(got.get(f)).as(f).isEqualTo(want);
                }
            }
            assertThat(got.get(S3Input.F_KEY)).isEqualTo("j.json.gz");
        }
        assertThat(ctx.events.get(3).raw()).isEqualTo("not json");
        assertThat(ctx.counter("json_errors")).isEqualTo(1);
    }

    @Test
    void read_whenAfterReadDelete_deletesOnlyCommittedObjects() throws Exception {
        String b = bucket();
        TestS3.put(client, b, "1.log", "one\n".getBytes(StandardCharsets.UTF_8));
        TestS3.put(client, b, "2.log", "two\n".getBytes(StandardCharsets.UTF_8));
        TestInputContext ctx = new TestInputContext(cache, "in");
        S3Input in = started(Harness.create(s3, b, cache, "AfterRead", "delete"), ctx);
        Harness.drain(in, ctx, 10);
        assertThat(keys(b)).containsExactly("1.log", "2.log");
        ctx.commit(1);
        Harness.drain(in, ctx, 10);
        assertThat(keys(b)).containsExactly("2.log");
        ctx.commitAll();
        Harness.drain(in, ctx, 10);
        in.stop();
        assertThat(keys(b)).isEmpty();
        assertThat(raws(ctx.events)).containsExactly("one", "two");
    }

    @Test
    void read_whenAfterReadMove_movesUnderMoveToAndNeverReadsThemAgain() throws Exception {
        String b = bucket();
        TestS3.put(client, b, "in/1.log", "one\n".getBytes(StandardCharsets.UTF_8));
        TestInputContext ctx = new TestInputContext(cache, "in");
        S3Input in = started(Harness.create(s3, b, cache, "Prefix", "in/", "AfterRead", "move",
                "MoveTo", "done/"), ctx);
        Harness.drain(in, ctx, 10);
        ctx.commitAll();
        Harness.drain(in, ctx, 10);
        in.stop();
        assertThat(keys(b)).containsExactly("done/1.log");
        assertThat(raws(ctx.events)).containsExactly("one");
    }

    @Test
    void read_whenReadFromLastOnFirstRun_readsOnlyNewObjects() throws Exception {
        String b = bucket();
        TestS3.put(client, b, "old-1.log", "old\n".getBytes(StandardCharsets.UTF_8));
        TestS3.put(client, b, "old-2.log", "old\n".getBytes(StandardCharsets.UTF_8));
        TestInputContext ctx = new TestInputContext(cache, "in");
        S3Input in = started(Harness.create(s3, b, cache, "ReadFromLast", "TRUE"), ctx);
        Harness.drain(in, ctx, 10);
        assertThat(ctx.events).isEmpty();
        TestS3.put(client, b, "old-3.log", "new\n".getBytes(StandardCharsets.UTF_8));
        TestS3.put(client, b, "old-15.log", "late\n".getBytes(StandardCharsets.UTF_8));
        Harness.drain(in, ctx, 10);
        in.stop();
        assertThat(raws(ctx.events)).containsExactlyInAnyOrder("new", "late");
        // a restart without any commit keeps the first run's starting point
        TestInputContext ctx2 = ctx.restart();
        S3Input in2 = started(Harness.create(s3, b, cache, "ReadFromLast", "TRUE"), ctx2);
        Harness.drain(in2, ctx2, 10);
        in2.stop();
        assertThat(raws(ctx2.events)).containsExactlyInAnyOrder("new", "late");
    }

    /** Objects of every kind the read-ahead handles: streamed (over 1 MiB), small, gzip, empty, corrupt. */
    private static List<String> putMixedObjects(String b) throws Exception {
        List<String> expected = new ArrayList<>();
        for (int k = 0; k < 24; k++) {
            String key = String.format("mix/%02d", k);
            byte[] body;
            switch (k % 6) {
                case 0 -> body = padded(key, 30_000); // ~1.5 MB plain: streamed, several chunks
                case 1 -> body = Formats.gzip(padded(key, 7_000));
                case 2 -> body = Formats.lines(key, 1);
                case 3 -> body = k == 9 ? new byte[0] : Formats.lines(key, 600);
                case 4 -> body = Formats.gzip(padded(key, 2_000));
                default -> body = Formats.lines(key, 3);
            }
            if (k == 11) {
                byte[] gz = Formats.gzip(padded(key, 5_000));
                body = Arrays.copyOf(gz, gz.length / 2); // truncated gzip
            }
            TestS3.put(client, b, key + (k % 6 == 1 || k % 6 == 4 || k == 11 ? ".gz" : ".log"), body);
            if (k != 11 && body.length > 0) {
                String text = new String(k % 6 == 1 || k % 6 == 4 ? Formats.gunzip(body) : body,
                        StandardCharsets.UTF_8);
                expected.addAll(Arrays.asList(text.split("\n")));
            }
        }
        return expected;
    }

    private static byte[] padded(String key, int n) {
        StringBuilder sb = new StringBuilder(n * 52);
        for (int i = 1; i <= n; i++) {
            sb.append(key).append(" line ").append(i).append(" ").append("x".repeat(32)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> positions(List<Event> events) {
        return events.stream().map(e -> e.position().value()).toList();
    }

    @Test
    void read_whenObjectsDecodedInParallel_postsInKeyOrderWithTheSamePositionsAsOneWorker() throws Exception {
        String b = bucket();
        List<String> expected = putMixedObjects(b);
        TestInputContext one = new TestInputContext(cache.resolve("one"), "in");
        S3Input in1 = started(Harness.create(s3, b, cache.resolve("one"), "Workers", "1"), one);
        Harness.drain(in1, one, 20);
        in1.stop();
        TestInputContext many = new TestInputContext(cache.resolve("many"), "in");
        S3Input in8 = started(Harness.create(s3, b, cache.resolve("many"), "Workers", "8", "MaxKeys", "7"), many);
        Harness.drain(in8, many, 20);
        in8.stop();

        List<String> got = raws(many.events);
        List<String> truncated = got.stream().filter(l -> l.startsWith("mix/11 ")).toList();
        assertThat(got.stream().filter(l -> !l.startsWith("mix/11 ")).toList()).isEqualTo(expected);
        for (int i = 0; i < truncated.size(); i++) {
            assertThat(truncated.get(i)).startsWith("mix/11 line " + (i + 1) + " ");
        }
        assertThat(raws(one.events)).isEqualTo(got);
        assertThat(positions(many.events)).as("positions do not depend on Workers or MaxKeys")
                .isEqualTo(positions(one.events));
        assertThat(many.counter("objects_read")).isEqualTo(22);
        assertThat(many.counter("decompression_errors")).isEqualTo(1);
        assertThat(many.counter("events")).isEqualTo(got.size());
    }

    @Test
    void read_whenCrashedWhileObjectsDecodedAhead_restartDeliversEachLineOnceFromTheCommit() throws Exception {
        String b = bucket();
        List<String> expected = putMixedObjects(b);
        expected = new ArrayList<>(expected);
        // what the truncated object yields is known after a first full read
        TestInputContext full = new TestInputContext(cache.resolve("full"), "in");
        S3Input in0 = started(Harness.create(s3, b, cache.resolve("full"), "Workers", "1"), full);
        Harness.drain(in0, full, 20);
        in0.stop();
        List<String> all = raws(full.events);

        for (int[] crash : new int[][] {{45_000, 31_234}, {30_001, 30_000}, {61_000, 60_999}}) {
            Path dir = cache.resolve("crash-" + crash[0]);
            TestInputContext ctx = new TestInputContext(dir, "in");
            ctx.crashAfter = crash[0];
            S3Input in = started(Harness.create(s3, b, dir, "Workers", "8"), ctx);
            Harness.drain(in, ctx, 20);
            in.stop();
            assertThat(ctx.events).hasSize(crash[0]);
            ctx.commit(crash[1]); // the host had committed this far when the process was killed

            TestInputContext ctx2 = ctx.restart();
            S3Input in2 = started(Harness.create(s3, b, dir, "Workers", "8"), ctx2);
            Harness.drain(in2, ctx2, 20);
            in2.stop();
            List<String> delivered = new ArrayList<>(raws(ctx.events.subList(0, crash[1])));
            delivered.addAll(raws(ctx2.events));
            assertThat(delivered).as("crash after %d, commit at %d", crash[0], crash[1]).isEqualTo(all);
            // the restart's positions are those of an uninterrupted read (the journal sequence included)
            assertThat(positions(ctx2.events))
                    .isEqualTo(positions(full.events.subList(crash[1], full.events.size())));
        }
    }

    @Test
    void read_whenPassFoundObjects_listsAgainAtOnceAfterTheCursorThenWaits() throws Exception {
        String b = bucket();
        for (int i = 1; i <= 5; i++) {
            TestS3.put(client, b, "c/" + i + "0", ("n" + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
        TestInputContext ctx = new TestInputContext(cache, "in");
        S3Input in = started(Harness.create(s3, b, cache, "PollInterval", "1h"), ctx);
        in.read(ctx);
        assertThat(ctx.events).hasSize(5);
        assertThat(ctx.scheduled).as("found objects: list again at once").isEqualTo(Duration.ZERO);
        assertThat(ctx.counter("objects_listed")).isEqualTo(5);

        // the catch-up pass lists only after the cursor: nothing, so it waits PollInterval
        in.read(ctx);
        assertThat(ctx.counter("objects_listed")).isEqualTo(5);
        assertThat(ctx.scheduled).isEqualTo(Duration.ofHours(1));

        // a new key and a late one: the next pass is a full one (from the window floor) and finds both
        TestS3.put(client, b, "c/60", "new\n".getBytes(StandardCharsets.UTF_8));
        TestS3.put(client, b, "c/25", "late\n".getBytes(StandardCharsets.UTF_8));
        in.read(ctx);
        assertThat(raws(ctx.events).subList(5, 7)).containsExactly("late", "new");
        assertThat(ctx.counter("objects_late")).isEqualTo(1);
        assertThat(ctx.scheduled).isEqualTo(Duration.ZERO);
        long listed = ctx.counter("objects_listed");

        // another late key during catch-up passes is left to the next full pass
        TestS3.put(client, b, "c/70", "new2\n".getBytes(StandardCharsets.UTF_8));
        TestS3.put(client, b, "c/35", "late2\n".getBytes(StandardCharsets.UTF_8));
        in.read(ctx);
        assertThat(raws(ctx.events).subList(7, ctx.events.size())).containsExactly("new2");
        assertThat(ctx.counter("objects_listed")).isEqualTo(listed + 1);
        assertThat(ctx.scheduled).isEqualTo(Duration.ZERO);
        in.read(ctx);
        assertThat(ctx.scheduled).isEqualTo(Duration.ofHours(1));
        in.read(ctx);
        assertThat(raws(ctx.events).subList(8, ctx.events.size())).containsExactly("late2");
        in.stop();
    }

    @Test
    void read_whenCatchUpPassesKeepFindingObjects_listsTheWholeWindowAtLeastEveryPollInterval() throws Exception {
        String b = bucket();
        TestS3.put(client, b, "p/10", "a\n".getBytes(StandardCharsets.UTF_8));
        TestS3.put(client, b, "p/30", "b\n".getBytes(StandardCharsets.UTF_8));
        TestInputContext ctx = new TestInputContext(cache, "in");
        // PollInterval 1 ms: by the next pass it has always passed, so each pass is a full one
        S3Input in = started(Harness.create(s3, b, cache, "PollInterval", "1ms"), ctx);
        in.read(ctx);
        assertThat(ctx.scheduled).isEqualTo(Duration.ZERO);
        TestS3.put(client, b, "p/40", "new\n".getBytes(StandardCharsets.UTF_8));
        TestS3.put(client, b, "p/20", "late\n".getBytes(StandardCharsets.UTF_8));
        in.read(ctx);
        in.stop();
        assertThat(raws(ctx.events)).containsExactly("a", "b", "late", "new");
    }

    @Test
    void read_whenBucketMissing_givesAdviceAndKeepsPolling() throws Exception {
        TestInputContext ctx = new TestInputContext(cache, "in");
        S3Input in = started(Harness.create(s3, "no-such-bucket-here", cache, "PollInterval", "5"), ctx);
        Harness.drain(in, ctx, 3);
        Harness.drain(in, ctx, 3);
        in.stop();
        assertThat(ctx.scheduled).isEqualTo(Duration.ofSeconds(5));
        assertThat(ctx.counter("list_errors")).isEqualTo(2);
        assertThat(ctx.counter("failures.NoSuchBucket")).isEqualTo(2);
    }

    private static List<String> keys(String bucket) {
        Set<String> out = new HashSet<>();
        for (S3Object o : client.listObjectsV2(r -> r.bucket(bucket)).contents()) {
            out.add(o.key());
        }
        return out.stream().sorted().toList();
    }
}
