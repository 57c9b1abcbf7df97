package io.logship.s3.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    @TempDir
    Path dir;

    @Test
    void allocate_whenReopened_neverRepeatsASequenceNumberAndKeepsWriterId() throws Exception {
        long last;
        String writer;
        try (Spool s = Spool.open(dir, 1 << 20)) {
            writer = s.writerId();
            long[] a = s.allocate(1000);
            assertThat(a[0]).isEqualTo(1);
            for (int i = 0; i < 1500; i++) {
                a = s.allocate(1000 + i);
            }
            last = a[0];
        }
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(s.writerId()).isEqualTo(writer).matches("[0-9a-f]{8}");
            assertThat(s.allocate(0)[0]).isGreaterThan(last);
        }
    }

    @Test
    void allocate_whenClockStepsBack_keyTimeNeverDecreases() throws Exception {
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(s.allocate(5000)[1]).isEqualTo(5000);
            assertThat(s.allocate(4000)[1]).isEqualTo(5000);
            assertThat(s.allocate(6000)[1]).isEqualTo(6000);
        }
    }

    @Test
    void open_whenAlreadyOpen_failsNamingDirectory() throws Exception {
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThatThrownBy(() -> Spool.open(dir, 1 << 20)).isInstanceOf(IOException.class)
                    .hasMessageContaining("in use by another om_s3");
        }
    }

    @Test
    void recover_whenSegmentEndsInPartialRecord_cutsItAndSealsOpenSegment() throws Exception {
        Path open;
        try (Spool s = Spool.open(dir, 1 << 20)) {
            SegmentWriter w = s.openSegment(s.allocate(1)[0]);
            for (int i = 0; i < 3; i++) {
                byte[] p = ("event " + i).getBytes(StandardCharsets.UTF_8);
                w.append(1, 1, p, p.length);
            }
            w.sync();
            w.closeQuietly();
            open = dir.resolve("seg-00000000000000000001.open");
            try (FileChannel c = FileChannel.open(open, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                c.write(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 0, 50, 1, 2, 3})); // a torn record
            }
            Files.writeString(dir.resolve("obj-00000000000000000009.tmp"), "half");
            Files.writeString(dir.resolve("obj-00000000000000000008-5-100.obj"), "short");
        }
        List<String> warnings = new ArrayList<>();
        try (Spool s = Spool.open(dir, 1 << 20)) {
            List<Spool.Entry> entries = s.recover(warnings::add);
            assertThat(entries).hasSize(1);
            Spool.Entry e = entries.get(0);
            assertThat(e.path().getFileName().toString()).isEqualTo("seg-00000000000000000001.rec");
            List<String> payloads = new ArrayList<>();
            SegmentFormat.readRecords(e.path(), r -> payloads.add(new String(r.payload(), StandardCharsets.UTF_8)));
            assertThat(payloads).containsExactly("event 0", "event 1", "event 2");
            assertThat(warnings).anyMatch(w -> w.contains("partial record")).anyMatch(w -> w.contains("incomplete"));
            assertThat(Files.exists(dir.resolve("obj-00000000000000000009.tmp"))).isFalse();
            assertThat(s.used()).isEqualTo(Files.size(e.path()));
            assertThat(s.allocate(0)[0]).isGreaterThan(9);
        }
    }

    @Test
    void recover_whenCrashCameBetweenRenamingTheObjectAndDeletingItsSegment_keepsOnlyTheObject() throws Exception {
        Path obj;
        try (Spool s = Spool.open(dir, 1 << 20)) {
            SegmentWriter w = s.openSegment(s.allocate(1)[0]);
            byte[] p = "event".getBytes(StandardCharsets.UTF_8);
            w.append(1, 1, p, p.length);
            w.seal();
            obj = s.objectPath(1, 1, 6);
            Files.writeString(obj, "event\n");
        }
        try (Spool s = Spool.open(dir, 1 << 20)) {
            List<Spool.Entry> entries = s.recover(w -> { });
            assertThat(entries).extracting(Spool.Entry::path).containsExactly(obj);
            assertThat(s.list()).containsExactly(obj);
            assertThat(s.used()).isEqualTo(6);
        }
    }

    @Test
    void awaitSpace_whenFull_blocksUntilSpaceFreedOrStop() throws Exception {
        try (Spool s = Spool.open(dir, 100)) {
            SegmentWriter w = s.openSegment(1);
            w.append(1, 1, new byte[100], 100);
            Spool.Entry sealed = w.seal();
            assertThat(s.isFull()).isTrue();
            CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.awaitSpace(() -> false);
                } catch (InterruptedException e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(waiter).isNotDone();
            s.remove(sealed.path());
            assertThat(waiter.get(10, TimeUnit.SECONDS)).isTrue();

            SegmentWriter w2 = s.openSegment(2);
            w2.append(2, 1, new byte[100], 100);
            AtomicBoolean stop = new AtomicBoolean(true);
            assertThat(s.awaitSpace(stop::get)).isFalse();
            w2.closeQuietly();
        }
    }
}
