package io.logship.s3.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ObjectCompressorTest {
    @TempDir
    Path dir;

    /** Log-like lines, a few MB of them (several chunks), plus one line longer than a chunk. */
    static List<byte[]> lines() {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            out.add(String.format("%010d 2026-11-23T05:00:00Z host%d app[%d]: GET /api/v1/items/%d status=%d", i,
                    i % 8, 1000 + i % 97, i % 100_000, 200 + i % 5).getBytes(StandardCharsets.UTF_8));
            if (i == 20_000) {
                out.add("L".repeat(ObjectCompressor.CHUNK + 12345).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    static byte[] joined(List<byte[]> lines) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] l : lines) {
            b.writeBytes(l);
            b.write('\n');
        }
        return b.toByteArray();
    }

    /** Writes the lines as S3Output does (segment records and the build), seals; returns what was handed on. */
    private CompletableFuture<Spool.Entry[]> write(Spool spool, ObjectCompressor c, List<byte[]> lines)
            throws Exception {
        CompletableFuture<Spool.Entry[]> result = new CompletableFuture<>();
        long[] a = spool.allocate(1000);
        SegmentWriter w = spool.openSegment(a[0]);
        ObjectBuild b = c.start(a[0], a[1], e -> result.complete(new Spool.Entry[] {e, null}),
                e -> result.complete(new Spool.Entry[] {null, e}), m -> { });
        for (byte[] l : lines) {
            w.append(a[0], a[1], l, l.length);
            b.line(l, l.length);
        }
        b.seal(w.seal());
        return result;
    }

    @ParameterizedTest
    @EnumSource(Codec.Compression.class)
    void build_whenManyChunks_objectDecodesToTheLinesAndReplacesTheSegment(Codec.Compression compression)
            throws Exception {
        List<byte[]> lines = lines();
        try (Spool spool = Spool.open(dir, 1L << 30);
             ObjectCompressor c = new ObjectCompressor(compression, Codec.defaultLevel(compression), spool, 3,
                     () -> false, Thread::new)) {
            Spool.Entry[] r = write(spool, c, lines).get(60, TimeUnit.SECONDS);
            Spool.Entry obj = r[0];
            assertThat(obj).as("finished object").isNotNull();
            assertThat(obj.isObject()).isTrue();
            assertThat(obj.path().getFileName().toString()).matches("obj-\\d{20}-1000-\\d+\\.obj");
            assertThat(Files.size(obj.path())).isEqualTo(obj.length());
            byte[] stored = Files.readAllBytes(obj.path());
            byte[] want = joined(lines);
            assertThat(decode(compression, stored)).isEqualTo(want);
            assertThat(spool.list()).containsExactly(obj.path()); // segment deleted, no temporary file left
            assertThat(spool.used()).isEqualTo(obj.length());
            assertThat(c.building()).isZero();
        }
    }

    @Test
    void gzip_whenCompressedInParallelChunks_isOneMemberAsSmallAsASerialStream() throws Exception {
        List<byte[]> lines = lines();
        byte[] want = joined(lines);
        try (Spool spool = Spool.open(dir, 1L << 30);
             ObjectCompressor c = new ObjectCompressor(Codec.Compression.GZIP, 6, spool, 2, () -> false,
                     Thread::new)) {
            byte[] stored = Files.readAllBytes(write(spool, c, lines).get(60, TimeUnit.SECONDS)[0].path());
            // One member: header, one deflate stream ending exactly 8 bytes (CRC-32, ISIZE) before the end.
            assertThat(stored[0]).isEqualTo((byte) 0x1f);
            assertThat(stored[1]).isEqualTo((byte) 0x8b);
            Inflater inf = new Inflater(true);
            inf.setInput(stored, 10, stored.length - 10);
            byte[] out = new byte[want.length + 1];
            int n = 0;
            while (!inf.finished()) {
                n += inf.inflate(out, n, out.length - n);
            }
            assertThat(n).isEqualTo(want.length);
            assertThat(inf.getRemaining()).isEqualTo(8);
            inf.end();
            // The dictionary carried from chunk to chunk keeps the ratio of one serial stream at the same level.
            ByteArrayOutputStream serial = new ByteArrayOutputStream();
            try (OutputStream z = new GZIPOutputStream(serial, 65536)) {
                z.write(want);
            }
            assertThat((double) stored.length).isLessThan(serial.size() * 1.01);
        }
    }

    @Test
    void build_whenCompressionCannotRun_handsTheSegmentBackAndLeavesNoTemporaryFile() throws Exception {
        List<byte[]> lines = lines();
        try (Spool spool = Spool.open(dir, 1L << 30)) {
            ObjectCompressor c = new ObjectCompressor(Codec.Compression.GZIP, 6, spool, 1, () -> false, Thread::new);
            c.close(); // its threads are gone: every chunk is refused
            Spool.Entry[] r = write(spool, c, lines).get(60, TimeUnit.SECONDS);
            assertThat(r[0]).isNull();
            Spool.Entry seg = r[1];
            assertThat(seg.isObject()).isFalse();
            assertThat(spool.list()).containsExactly(seg.path());
            List<byte[]> back = new ArrayList<>();
            SegmentFormat.readRecords(seg.path(), rec -> back.add(rec.payload()));
            assertThat(joined(back)).isEqualTo(joined(lines)); // every record still there, to compress from disk
            assertThat(c.building()).isZero();
        }
    }

    @Test
    void build_whenOutputStopsWhileWaitingForAFreeChunk_givesUpAndHandsTheWholeSegmentBack() throws Exception {
        AtomicBoolean stopping = new AtomicBoolean();
        java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
        try (Spool spool = Spool.open(dir, 1L << 30)) {
            // The compression thread does nothing until released: every chunk slot fills up, the writer waits.
            ObjectCompressor c = new ObjectCompressor(Codec.Compression.GZIP, 6, spool, 1, stopping::get,
                    r -> new Thread(() -> {
                        try {
                            hold.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        r.run();
                    }));
            CompletableFuture<Spool.Entry> fallback = new CompletableFuture<>();
            long[] a = spool.allocate(1);
            SegmentWriter w = spool.openSegment(a[0]);
            ObjectBuild b = c.start(a[0], a[1], e -> fallback.completeExceptionally(
                    new AssertionError("finished although chunks were lost")), fallback::complete, m -> { });
            stopping.set(true);
            byte[] big = new byte[ObjectCompressor.CHUNK];
            int n = 20; // more chunks than slots
            for (int i = 0; i < n; i++) {
                w.append(a[0], a[1], big, big.length);
                b.line(big, big.length); // returns (gives up) instead of blocking forever
            }
            b.seal(w.seal());
            hold.countDown();
            Spool.Entry seg = fallback.get(60, TimeUnit.SECONDS);
            c.close();
            assertThat(spool.list()).containsExactly(seg.path());
            assertThat(Files.size(seg.path())).isEqualTo(n * (SegmentFormat.RECORD_HEADER + (long) big.length));
            assertThat(c.building()).isZero();
        }
    }

    @Test
    void discard_whenSegmentCannotBeSealed_dropsTheBuildAndItsTemporaryFileAndHandsNothingOn() throws Exception {
        List<byte[]> lines = lines();
        try (Spool spool = Spool.open(dir, 1L << 30);
             ObjectCompressor c = new ObjectCompressor(Codec.Compression.GZIP, 6, spool, 2, () -> false,
                     Thread::new)) {
            List<Spool.Entry> handedOn = java.util.Collections.synchronizedList(new ArrayList<>());
            long[] a = spool.allocate(1);
            SegmentWriter w = spool.openSegment(a[0]);
            ObjectBuild b = c.start(a[0], a[1], handedOn::add, handedOn::add, m -> { });
            for (byte[] l : lines) {
                w.append(a[0], a[1], l, l.length);
                b.line(l, l.length);
            }
            w.sync();
            b.discard();
            S3OutputIT.await("the discarded build to end", () -> c.building() == 0);
            assertThat(handedOn).isEmpty();
            assertThat(Files.exists(spool.objectTemp(a[0]))).isFalse();
            assertThat(spool.list()).containsExactly(dir.resolve(String.format("seg-%020d.open", a[0])));
            w.closeQuietly();
        }
    }

    static byte[] decode(Codec.Compression compression, byte[] stored) throws IOException {
        InputStream raw = new java.io.ByteArrayInputStream(stored);
        try (InputStream in = switch (compression) {
            case GZIP -> new java.util.zip.GZIPInputStream(raw);
            case ZSTD -> new ZstdInputStream(raw);
            case NONE -> raw;
        }) {
            return in.readAllBytes();
        }
    }
}
