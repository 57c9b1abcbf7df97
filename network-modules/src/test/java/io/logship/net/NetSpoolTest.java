package io.logship.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logship.testkit.TestModuleContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetSpoolTest {
    @TempDir
    Path dir;
    final TestModuleContext ctx = new TestModuleContext("om_tcp", "out", Path.of("."));

    NetSpool open(long max) throws IOException {
        return NetSpool.open(dir, max, 4096, ctx.logger(), "om_tcp out");
    }

    static void put(NetSpool s, String text) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        s.append(b, b.length, b, 0);
    }

    /** Every event text from {@code from} to the end, reading chunk by chunk. */
    static List<String> readAll(NetSpool s, long from) throws Exception {
        List<String> out = new ArrayList<>();
        byte[][] buf = {new byte[16]};
        long pos = from;
        while ((pos = s.awaitData(pos, 0, TimeUnit.MILLISECONDS.toNanos(50))) >= 0) {
            NetSpool.Chunk c = s.read(pos, buf);
            for (String l : new String(buf[0], 0, c.length(), StandardCharsets.UTF_8).split("\n")) {
                out.add(l);
            }
            pos = c.next();
        }
        return out;
    }

    @Test
    void appendedEvents_readBackInOrder_acrossChunksAndSegments() throws Exception {
        try (NetSpool s = open(8L << 20)) { // 1 MiB segments
            for (int i = 0; i < 60_000; i++) {
                put(s, "event " + i + " padding padding\n");
            }
            List<String> got = readAll(s, s.released());
            assertEquals(60_000, got.size());
            for (int i = 0; i < 60_000; i += 7_919) {
                assertEquals("event " + i + " padding padding", got.get(i));
            }
            try (Stream<Path> files = Files.list(dir)) {
                assertTrue(files.filter(f -> f.toString().endsWith(".spool")).count() >= 2);
            }
        }
    }

    @Test
    void reopen_startsAtTheSavedCursor_andCutsATornTail_withAWarn() throws Exception {
        long cut;
        try (NetSpool s = open(8L << 20)) {
            for (int i = 0; i < 1_000; i++) {
                put(s, "e" + i + "\n");
            }
            s.sync();
            List<String> all = readAll(s, s.released());
            assertEquals(1_000, all.size());
            cut = s.appended();
            for (int i = 1_000; i < 1_100; i++) {
                put(s, "e" + i + "\n");
            }
            s.sync();
            s.release(cut, true); // the first 1,000 were sent
        }
        Path seg;
        try (Stream<Path> files = Files.list(dir)) {
            seg = files.filter(f -> f.toString().endsWith(".spool")).findFirst().orElseThrow();
        }
        // a crash in the middle of a chunk: half a header and some bytes
        Files.write(seg, new byte[] {0, 0, 1, 0, 0, 0, 3, 'x', 'y'}, StandardOpenOption.APPEND);
        try (NetSpool s = open(8L << 20)) {
            assertEquals(cut, s.released());
            List<String> rest = readAll(s, s.released());
            assertEquals(100, rest.size());
            assertEquals("e1000", rest.get(0));
            assertEquals("e1099", rest.get(99));
            put(s, "after\n");
            assertEquals("after", readAll(s, s.released()).get(100));
        }
        assertTrue(ctx.logged().stream().anyMatch(l -> l.startsWith("WARN") && l.contains("cut off 9 bytes at the end")),
                ctx.logged().toString());
    }

    @Test
    void full_appendBlocks_untilReleaseDeletesSegments() throws Exception {
        try (NetSpool s = open(4L << 20)) { // 1 MiB segments
            AtomicInteger done = new AtomicInteger();
            String line = "x".repeat(999) + "\n";
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 6_000; i++) { // 6 MB into a 4 MB spool
                        put(s, line);
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            assertTrue(TestReceiver.await(() -> writer.getState() == Thread.State.TIMED_WAITING && done.get() > 3_000,
                    Duration.ofSeconds(10)));
            int blockedAt = done.get();
            assertTrue(blockedAt < 4_200 && s.usedBytes() <= 4L << 20, blockedAt + " " + s.usedBytes());
            s.release(s.appended(), true); // everything so far was sent
            writer.join(10_000);
            assertEquals(6_000, done.get());
        }
    }
}
