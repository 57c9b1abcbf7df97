package io.logship.host.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@Timeout(30)
class DiskQueueTest {
    @TempDir
    Path dir;

    private final ch.qos.logback.classic.Logger log =
            (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("test.diskqueue");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<DiskQueue> open = new ArrayList<>();

    {
        appender.start();
        log.addAppender(appender);
    }

    @AfterEach
    void close() throws IOException {
        log.detachAppender(appender);
        for (DiskQueue q : open) {
            q.close();
        }
    }

    private DiskQueue open(long maxBytes, String committed) throws IOException {
        DiskQueue q = DiskQueue.open(new Segments(dir, "buf"), maxBytes, committed, log);
        open.add(q);
        return q;
    }

    private static byte[] rec(int i) {
        return String.format("record-%03d", i).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(DiskQueue.Record r) {
        return new String(r.payload(), StandardCharsets.UTF_8);
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("buf\\.\\d+\\.q")).sorted().toList();
        }
    }

    @Test
    void next_whenAppendedAndSynced_returnsEveryRecordInOrderThenNothing() throws Exception {
        DiskQueue q = open(1 << 20, null);
        for (int i = 0; i < 10; i++) {
            q.append(rec(i), () -> false);
        }
        assertThat(q.next(0)).as("still in the write buffer").isNull();
        q.sync();
        for (int i = 0; i < 10; i++) {
            assertThat(text(q.next(0))).isEqualTo(String.format("record-%03d", i));
        }
        assertThat(q.next(TimeUnit.MILLISECONDS.toNanos(20))).isNull();
        assertThat(q.size()).as("read is not committed").isEqualTo(10 * (8 + "record-000".length()));
    }

    @Test
    void open_whenTheCommittedPositionIsPastWhatACrashKept_goesOnWithTheNextSegment() throws Exception {
        DiskQueue q = open(1 << 20, null);
        for (int i = 0; i < 5; i++) {
            q.append(rec(i), () -> false);
        }
        q.sync();
        String afterAll = null;
        for (int i = 0; i < 5; i++) {
            afterAll = q.next(0).position(); // delivered and committed before the writer fsynced
        }
        q.close();
        Path seg = segmentFiles().get(0);
        try (var ch = java.nio.channels.FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(Segments.HEADER.length + 3L * (8 + rec(0).length)); // the crash kept 3 of the 5
        }

        DiskQueue again = open(1 << 20, afterAll);

        assertThat(again.size()).isZero();
        assertThat(again.next(0)).isNull();
        again.append(rec(5), () -> false);
        again.sync();
        assertThat(text(again.next(0))).isEqualTo("record-005");
        assertThat(segmentFiles()).as("the consumed segment is gone").hasSize(1);
    }

    @Test
    void open_whenRestartedAfterACommit_replaysExactlyTheRecordsAfterItAndCountsOnlyThem() throws Exception {
        DiskQueue q = open(1 << 20, null);
        for (int i = 0; i < 100; i++) {
            q.append(rec(i), () -> false);
        }
        q.sync();
        String at40 = null;
        for (int i = 0; i < 60; i++) { // read ahead of the commit
            DiskQueue.Record r = q.next(0);
            if (i == 39) {
                at40 = r.position();
            }
        }
        q.commit(at40);
        q.close();

        DiskQueue again = open(1 << 20, at40);
        List<String> got = new ArrayList<>();
        DiskQueue.Record r;
        while ((r = again.next(0)) != null) {
            got.add(text(r));
        }
        assertThat(got).hasSize(60).first().isEqualTo("record-040");
        assertThat(got).last().isEqualTo("record-099");
        long expected = 0;
        for (int i = 40; i < 100; i++) {
            expected += 8 + rec(i).length;
        }
        assertThat(again.size()).isEqualTo(expected);
    }

    @Test
    void open_whenLastRecordIsTorn_reportsFileAndOffsetCutsItAndKeepsTheWholeOnes() throws Exception {
        DiskQueue q = open(1 << 20, null);
        for (int i = 0; i < 5; i++) {
            q.append(rec(i), () -> false);
        }
        q.sync();
        q.close();
        Path seg = segmentFiles().get(0);
        long good = Files.size(seg);
        // a crash in the middle of the next append: a length announcing 100 bytes, then only 3 of them
        Files.write(seg, new byte[] {0, 0, 0, 100, 1, 2, 3, 4, 'a', 'b', 'c'}, StandardOpenOption.APPEND);

        DiskQueue again = open(1 << 20, null);

        assertThat(Files.size(seg)).isEqualTo(good);
        List<String> warnings = appender.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).singleElement().asString().startsWith(seg + ": torn record at offset " + good
                + ": a record cut short (100 bytes announced); cutting the 11 byte(s) from there");
        List<String> got = new ArrayList<>();
        DiskQueue.Record r;
        while ((r = again.next(0)) != null) {
            got.add(text(r));
        }
        assertThat(got).containsExactly("record-000", "record-001", "record-002", "record-003", "record-004");
    }

    @Test
    void open_whenARecordChecksumFails_cutsFromThereAndSaysSo() throws Exception {
        DiskQueue q = open(1 << 20, null);
        for (int i = 0; i < 3; i++) {
            q.append(rec(i), () -> false);
        }
        q.sync();
        q.close();
        Path seg = segmentFiles().get(0);
        byte[] all = Files.readAllBytes(seg);
        all[all.length - 1] ^= 0x55; // the last record's last payload byte
        Files.write(seg, all);

        DiskQueue again = open(1 << 20, null);

        assertThat(appender.list).anyMatch(e -> e.getFormattedMessage().contains(
                "a record whose checksum does not match"));
        assertThat(text(again.next(0))).isEqualTo("record-000");
        assertThat(text(again.next(0))).isEqualTo("record-001");
        assertThat(again.next(0)).isNull();
    }

    @Test
    void append_whenFull_waitsUntilACommitMakesRoomAndNeverHoldsMoreThanMaxSize() throws Exception {
        int recBytes = 8 + rec(0).length;
        long max = 10L * recBytes;
        DiskQueue q = open(max, null);
        for (int i = 0; i < 10; i++) {
            q.append(rec(i), () -> false);
        }
        q.sync();
        assertThat(q.isFull(rec(10).length)).isTrue();
        CompletableFuture<Void> eleventh = new CompletableFuture<>();
        Thread writer = new Thread(() -> {
            try {
                q.append(rec(10), () -> false);
                eleventh.complete(null);
            } catch (IOException | InterruptedException e) {
                eleventh.completeExceptionally(e);
            }
        });
        writer.start();
        awaitWaiting(writer);
        assertThat(eleventh).as("waits while full").isNotDone();
        assertThat(q.size()).isLessThanOrEqualTo(max);

        DiskQueue.Record first = q.next(0);
        awaitWaiting(writer);
        assertThat(eleventh).as("reading alone frees nothing: the record is not delivered yet").isNotDone();
        q.commit(first.position());
        eleventh.get(10, TimeUnit.SECONDS);
        assertThat(q.size()).isEqualTo(max);
    }

    /** Polls (with a deadline) until the thread waits on a condition. */
    private static void awaitWaiting(Thread t) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.TIMED_WAITING && t.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as("thread waiting").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void append_whenFullButStopping_writesPastTheBound() throws Exception {
        int recBytes = 8 + rec(0).length;
        DiskQueue q = open(2L * recBytes, null);
        AtomicBoolean stopping = new AtomicBoolean();
        q.append(rec(0), stopping::get);
        q.append(rec(1), stopping::get);
        stopping.set(true);
        q.append(rec(2), stopping::get); // returns: a stop writes what is queued in front of the buffer
        assertThat(q.size()).isEqualTo(3L * recBytes);
    }

    @Test
    void commit_whenPastWholeSegments_deletesThemAndReplaysAcrossSegmentsInOrder() throws Exception {
        DiskQueue q = open(16 * 1024, null); // segments of 4 KiB
        byte[] big = new byte[1000];
        for (int i = 0; i < 12; i++) {
            big[0] = (byte) i;
            q.append(big.clone(), () -> false);
        }
        q.sync();
        assertThat(segmentFiles()).hasSizeGreaterThanOrEqualTo(3);
        DiskQueue.Record r = null;
        for (int i = 0; i < 12; i++) {
            r = q.next(0);
            assertThat(r.payload()[0]).isEqualTo((byte) i);
        }
        int before = segmentFiles().size();
        q.commit(r.position());
        assertThat(segmentFiles()).hasSizeLessThan(before).hasSize(1); // the one being written stays
        assertThat(q.size()).isZero();
    }

    @Test
    void open_whenAFileWithTheBuffersNameIsNoSegment_refusesNamingIt() throws Exception {
        Path foreign = dir.resolve("buf.0000000001.q");
        Files.writeString(foreign, "not a pm_buffer file at all");
        assertThatThrownBy(() -> open(1 << 20, null)).isInstanceOf(IOException.class)
                .hasMessage(foreign + ": not a logship pm_buffer segment (its first bytes are not the header); move "
                        + "it out of the buffer's Directory");
    }
}
