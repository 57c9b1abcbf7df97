package io.logship.host.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.ConfigException;
import io.logship.api.Event;
import io.logship.api.ModuleProvider;
import io.logship.host.config.ModuleConfigs;
import io.logship.testkit.FakeClock;
import io.logship.testkit.TestInputContext;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileInputTest {
    @TempDir
    Path dir;
    private final FakeClock clock = FakeClock.aMinuteAgo();

    /** The host as im_file instance "in" sees it, with {@code committed} as the last run's commits. */
    private TestInputContext context(Map<String, String> committed) {
        TestInputContext ctx = new TestInputContext("im_file", "in", dir);
        ctx.committed.putAll(committed);
        ctx.setClock(clock);
        return ctx;
    }

    private final List<FileInput> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(FileInput::stop);
    }

    private FileInput create(String... kv) throws ConfigException {
        FileInputProvider p = new FileInputProvider();
        FileInput in = (FileInput) p.create(ModuleConfigs.of(p, "in", dir, dir, dir, kv));
        started.add(in);
        return in;
    }

    private static FileInput start(FileInput in, TestInputContext ctx) throws ConfigException {
        in.start(ctx);
        return in;
    }

    /** Calls read until the module stops asking for an immediate read (as the host would). */
    private static void readAll(FileInput in, TestInputContext ctx) throws Exception {
        for (int i = 0; i < 10_000; i++) {
            ctx.scheduled = null;
            in.read(ctx);
            if (!Duration.ZERO.equals(ctx.scheduled)) {
                return;
            }
        }
        throw new AssertionError("read kept asking for more");
    }

    private static void append(Path p, String s) throws IOException {
        Files.writeString(p, s, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String lines(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= to; i++) {
            sb.append("line ").append(i).append('\n');
        }
        return sb.toString();
    }

    private static List<String> expected(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).toList();
    }

    @Test
    void serviceLoader_whenHostRunnerOnClasspath_findsBothProviders() {
        List<String> names = ServiceLoader.load(ModuleProvider.class).stream()
                .map(p -> p.get().name()).toList();
        assertThat(names).contains("im_file", "om_file");
    }

    @Test
    void create_whenWildcardInDirectory_reportsProblemWithLocation() {
        assertThatThrownBy(() -> create("File", dir.resolve("*/x.log").toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("<test>:1").hasMessageContaining("in").hasMessageContaining("directory");
    }

    @Test
    void create_whenMaxLineLengthTooSmall_isRejected() {
        assertThatThrownBy(() -> create("File", dir.resolve("a.log").toString(), "MaxLineLength", "4"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MaxLineLength");
    }

    @Test
    void read_whenWildcard_readsMatchingFilesAndPicksUpNewOnes() throws Exception {
        append(dir.resolve("a.log"), "a1\na2\n");
        append(dir.resolve("b.log"), "b1\n");
        append(dir.resolve("c.txt"), "c1\n");
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", dir.resolve("*.log").toString(), "ReadFromLast", "FALSE"), ctx);
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactlyInAnyOrder("a1", "a2", "b1");
        assertThat(ctx.events).allSatisfy(e -> assertThat(e.getString("FileName")).endsWith(".log"));
        assertThat(ctx.scheduled).isEqualTo(Duration.ofSeconds(1));

        append(dir.resolve("d.log"), "d1\nd2\n");
        ctx.events.clear();
        readAll(in, ctx);
        assertThat(ctx.raws()).as("before DirCheckInterval (2 s) has passed").isEmpty();
        clock.advance(Duration.ofSeconds(2));
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactly("d1", "d2");
    }

    @Test
    void read_whenReadFromLastTrue_skipsExistingContentButReadsNewFilesFromStart() throws Exception {
        append(dir.resolve("a.log"), "old1\nold2\n");
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", dir.resolve("*.log").toString(), "DirCheckInterval", "0"), ctx);
        readAll(in, ctx);
        assertThat(ctx.raws()).isEmpty();
        append(dir.resolve("a.log"), "new1\n");
        append(dir.resolve("b.log"), "b1\n");
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactlyInAnyOrder("new1", "b1");
    }

    @Test
    void read_whenReadFromLastTrueAndLastLineIncomplete_deliversThatLineWhole() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, "old1\npart");
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", a.toString()), ctx);
        readAll(in, ctx);
        append(a, "ial\n");
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactly("partial");
    }

    @Test
    void read_whenReadFromLastFalse_readsExistingContent() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, lines(1, 3));
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", a.toString(), "ReadFromLast", "FALSE"), ctx);
        readAll(in, ctx);
        assertThat(ctx.raws()).isEqualTo(expected(1, 3));
    }

    @Test
    void read_whenSavePosAndCommittedPosition_resumesThere() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, lines(1, 3));
        TestInputContext ctx1 = context(Map.of());
        FileInput in1 = start(create("File", a.toString(), "ReadFromLast", "FALSE"), ctx1);
        readAll(in1, ctx1);
        in1.stop();
        assertThat(ctx1.raws()).isEqualTo(expected(1, 3));
        // the host committed only up to line 2
        var commit = new java.util.HashMap<String, String>();
        Event second = ctx1.events.get(1);
        commit.put(second.position().stream(), second.position().value());
        append(a, lines(4, 5));

        TestInputContext ctx2 = context(commit);
        FileInput in2 = start(create("File", a.toString(), "ReadFromLast", "FALSE"), ctx2);
        readAll(in2, ctx2);
        assertThat(ctx2.raws()).isEqualTo(expected(3, 5));
    }

    @Test
    void read_whenSavePosFalse_ignoresCommittedPosition() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, lines(1, 3));
        TestInputContext ctx1 = context(Map.of());
        FileInput in1 = start(create("File", a.toString(), "ReadFromLast", "FALSE"), ctx1);
        readAll(in1, ctx1);
        TestInputContext ctx2 = context(ctx1.lastPositions());
        FileInput in2 = start(create("File", a.toString(), "ReadFromLast", "FALSE", "SavePos", "FALSE"), ctx2);
        readAll(in2, ctx2);
        assertThat(ctx2.raws()).isEqualTo(expected(1, 3));
    }

    @Test
    void read_whenCommittedPositionBelongsToReusedInode_readsNewFileFromStart() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, lines(1, 3));
        TestInputContext ctx1 = context(Map.of());
        FileInput in1 = start(create("File", a.toString(), "ReadFromLast", "FALSE"), ctx1);
        readAll(in1, ctx1);
        in1.stop();
        // same inode, different content (as if the inode had been reused by another file)
        try (FileChannel ch = FileChannel.open(a, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap("LINE 9\nLINE 8\nLINE 7\nLINE 6\n".getBytes(StandardCharsets.UTF_8)),
                    0);
        }
        TestInputContext ctx2 = context(ctx1.lastPositions());
        FileInput in2 = start(create("File", a.toString(), "ReadFromLast", "FALSE"), ctx2);
        readAll(in2, ctx2);
        assertThat(ctx2.raws()).containsExactly("LINE 9", "LINE 8", "LINE 7", "LINE 6");
    }

    @Test
    void read_whenRestartedWithPositionsAndUnchangedFileWithoutPosition_readFromLastStillSkipsIt()
            throws Exception {
        Path a = dir.resolve("a.log");
        Path b = dir.resolve("b.log");
        append(a, "a-old\n");
        append(b, "b-old\n");
        Instant past = Instant.now().minusSeconds(3600);
        Files.setLastModifiedTime(b, FileTime.from(past));
        TestInputContext ctx1 = context(Map.of());
        FileInput in1 = start(create("File", dir.resolve("*.log").toString()), ctx1);
        readAll(in1, ctx1);
        append(a, "a-new\n");
        readAll(in1, ctx1);
        in1.stop();
        assertThat(ctx1.raws()).containsExactly("a-new");
        // while stopped: a new file appears; b is untouched
        Path c = dir.resolve("c.log");
        append(c, "c1\n");
        Files.setLastModifiedTime(c, FileTime.from(Instant.now().plusSeconds(60)));
        TestInputContext ctx2 = context(ctx1.lastPositions());
        FileInput in2 = start(create("File", dir.resolve("*.log").toString()), ctx2);
        readAll(in2, ctx2);
        assertThat(ctx2.raws()).containsExactly("c1");
    }

    @Test
    void read_whenRecursive_findsFilesInSubdirectories() throws Exception {
        Files.createDirectories(dir.resolve("x/y"));
        append(dir.resolve("top.log"), "t\n");
        append(dir.resolve("x/mid.log"), "m\n");
        append(dir.resolve("x/y/deep.log"), "d\n");
        append(dir.resolve("x/y/deep.txt"), "no\n");
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", dir.resolve("*.log").toString(), "Recursive", "TRUE",
                "ReadFromLast", "FALSE"), ctx);
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactlyInAnyOrder("t", "m", "d");

        TestInputContext flat = context(Map.of());
        FileInput in2 = start(create("File", dir.resolve("*.log").toString(), "ReadFromLast", "FALSE"), flat);
        readAll(in2, flat);
        assertThat(flat.raws()).containsExactly("t");
    }

    @Test
    void read_whenLineLongerThanMaxLineLength_splitsAtCharBoundaryAndCounts() throws Exception {
        Path a = dir.resolve("a.log");
        String longLine = "0123456789abcdefghijklmnopqrstuvwxyz-0123"; // 41 bytes
        String utf = "aaaaaaaaaaaaaaa\u00e9bbbb"; // é straddles byte 16
        append(a, "short\n" + longLine + "\n" + utf + "\r\nafter\n");
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", a.toString(), "ReadFromLast", "FALSE", "MaxLineLength", "16"), ctx);
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactly("short", "0123456789abcdef", "ghijklmnopqrstuv", "wxyz-0123",
                "aaaaaaaaaaaaaaa", "\u00e9bbbb", "after");
        assertThat(ctx.metrics().counters()).containsEntry("lines_split", 2L);
        assertThat(String.join("", ctx.raws())).isEqualTo("short" + longLine + utf + "after");
    }

    @Test
    void read_whenLongLineArrivesInPieces_splitsWithoutWaitingForNewline() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, "x".repeat(40));
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", a.toString(), "ReadFromLast", "FALSE", "MaxLineLength", "16"), ctx);
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactly("x".repeat(16), "x".repeat(16));
        append(a, "yy\n");
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactly("x".repeat(16), "x".repeat(16), "xxxxxxxxyy");
        assertThat(ctx.metrics().counters()).containsEntry("lines_split", 1L);
    }

    @Test
    void read_whenCrlf_stripsCarriageReturn() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, "one\r\ntwo\r\n\r\nthree\n");
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", a.toString(), "ReadFromLast", "FALSE"), ctx);
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactly("one", "two", "", "three");
    }

    @Test
    void read_whenLastLineHasNoNewline_holdsItUntilCompleted() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, "a\nb");
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", a.toString(), "ReadFromLast", "FALSE"), ctx);
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactly("a");
        readAll(in, ctx);
        assertThat(ctx.raws()).as("nothing new: nothing posted").containsExactly("a");
        append(a, "c\nd\n");
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactly("a", "bc", "d");
        assertThat(SavedPosition.parse(ctx.events.get(1).position().value()).offset()).isEqualTo(5);
        assertThat(SavedPosition.parse(ctx.events.get(2).position().value()).offset()).isEqualTo(7);
    }

    @Test
    void read_whenRenameAndCreateRotation_readsOldToEndThenNewWithoutLossOrDuplicate() throws Exception {
        Path a = dir.resolve("app.log");
        append(a, lines(1, 3));
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", a.toString(), "ReadFromLast", "FALSE"), ctx);
        readAll(in, ctx);
        append(a, lines(4, 5));
        Files.move(a, dir.resolve("app.log.1"));
        append(dir.resolve("app.log.1"), lines(6, 6)); // the writer had not reopened yet
        append(a, lines(7, 8));
        readAll(in, ctx);
        assertThat(ctx.raws()).isEqualTo(expected(1, 8));
        assertThat(ctx.metrics().counters()).containsEntry("rotations", 1L);

        // a late write to the rotated file is still picked up until it has been idle for a while
        append(dir.resolve("app.log.1"), lines(9, 9));
        clock.advance(Duration.ofSeconds(1));
        readAll(in, ctx);
        assertThat(ctx.raws()).isEqualTo(expected(1, 9));
        clock.advance(Duration.ofSeconds(10));
        readAll(in, ctx);
        assertThat(in.trackedFiles()).isEqualTo(1);
        append(a, lines(10, 10));
        readAll(in, ctx);
        assertThat(ctx.raws()).isEqualTo(expected(1, 10));
        assertThat(ctx.events.stream().map(e -> e.position().stream()).distinct()).hasSize(2);
    }

    @Test
    void read_whenRotatedFileEndsWithoutNewline_deliversTheFinalLineWhenRetired() throws Exception {
        Path a = dir.resolve("app.log");
        append(a, "one\ntwo");
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", a.toString(), "ReadFromLast", "FALSE"), ctx);
        readAll(in, ctx);
        Files.move(a, dir.resolve("app.log.1"));
        append(a, "three\n");
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactly("one", "three");
        clock.advance(Duration.ofSeconds(10));
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactly("one", "three", "two");
    }

    @Test
    void read_whenRotatedWhileStopped_readsRestOfRotatedFileThenNewFile() throws Exception {
        Path a = dir.resolve("app.log");
        append(a, lines(1, 3));
        TestInputContext ctx1 = context(Map.of());
        FileInput in1 = start(create("File", a.toString()), ctx1);
        readAll(in1, ctx1);
        append(a, lines(1, 3).replace("line", "x")); // skipped part is not what we look at: add real lines
        readAll(in1, ctx1);
        in1.stop();
        assertThat(ctx1.raws()).containsExactly("x 1", "x 2", "x 3");
        append(a, lines(4, 5));
        Files.move(a, dir.resolve("app.log.1"));
        append(a, lines(6, 7));
        TestInputContext ctx2 = context(ctx1.lastPositions());
        clock.advance(Duration.ofSeconds(120)); // later than every saved t
        FileInput in2 = start(create("File", a.toString()), ctx2);
        Files.setLastModifiedTime(a, FileTime.from(Instant.now().plusSeconds(120)));
        readAll(in2, ctx2);
        assertThat(ctx2.raws()).isEqualTo(expected(4, 7));
    }

    @Test
    void read_whenCopyTruncate_restartsAtZeroAndReadsTheRaceWindowFromTheCopy() throws Exception {
        Path a = dir.resolve("app.log");
        append(a, lines(1, 3));
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", a.toString(), "ReadFromLast", "FALSE"), ctx);
        readAll(in, ctx);
        append(a, lines(4, 5)); // written after our last read, before logrotate copies
        Files.copy(a, dir.resolve("app.log.1"), StandardCopyOption.COPY_ATTRIBUTES);
        try (FileChannel ch = FileChannel.open(a, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
        append(a, lines(6, 7));
        readAll(in, ctx);
        assertThat(ctx.raws()).isEqualTo(expected(1, 7));
        assertThat(ctx.metrics().counters()).containsEntry("truncations", 1L);
        append(a, lines(8, 8));
        readAll(in, ctx);
        assertThat(ctx.raws()).isEqualTo(expected(1, 8));
    }

    @Test
    void read_whenTruncatedFileRegrowsPastOffsetBeforeNextPoll_detectsItByFingerprint() throws Exception {
        Path a = dir.resolve("app.log");
        append(a, "aa\nbb\n");
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", a.toString(), "ReadFromLast", "FALSE"), ctx);
        readAll(in, ctx);
        try (FileChannel ch = FileChannel.open(a, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
        append(a, "new line 1\nnew line 2\n");
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactly("aa", "bb", "new line 1", "new line 2");
    }

    @Test
    void read_whenFileDeletedWhileOpen_readsItsRestThenForgetsIt() throws Exception {
        Path a = dir.resolve("app.log");
        append(a, lines(1, 2));
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", a.toString(), "ReadFromLast", "FALSE"), ctx);
        readAll(in, ctx);
        append(a, lines(3, 4));
        Files.delete(a);
        readAll(in, ctx);
        assertThat(ctx.raws()).isEqualTo(expected(1, 4));
        clock.advance(Duration.ofSeconds(10));
        readAll(in, ctx);
        assertThat(in.trackedFiles()).isZero();
        assertThat(in.openFiles()).isZero();
    }

    @Test
    void read_whenMoreFilesThanActiveFiles_keepsAtMostThatManyOpenAndReadsAll() throws Exception {
        for (int i = 0; i < 6; i++) {
            append(dir.resolve("f" + i + ".log"), "f" + i + " a\n");
        }
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", dir.resolve("*.log").toString(), "ReadFromLast", "FALSE",
                "ActiveFiles", "2"), ctx);
        readAll(in, ctx);
        assertThat(ctx.raws()).hasSize(6);
        for (int i = 0; i < 6; i++) {
            append(dir.resolve("f" + i + ".log"), "f" + i + " b\n");
        }
        readAll(in, ctx);
        assertThat(ctx.raws()).hasSize(12);
        for (int i = 0; i < 6; i++) {
            assertThat(ctx.raws()).contains("f" + i + " a", "f" + i + " b");
        }
        assertThat(in.maxOpenFiles()).isEqualTo(2);
        assertThat(in.openFiles()).isLessThanOrEqualTo(2);
    }

    @Test
    void read_whenCloseWhenIdle_closesFilesAndStillFollowsThem() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, "1\n");
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", a.toString(), "ReadFromLast", "FALSE", "CloseWhenIdle", "TRUE"), ctx);
        readAll(in, ctx);
        readAll(in, ctx);
        assertThat(in.openFiles()).isZero();
        append(a, "2\n");
        // rotated while closed: found again by its identity in the same directory
        Files.move(a, dir.resolve("a.log.1"));
        append(a, "3\n");
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactly("1", "2", "3");
    }

    @Test
    void read_whenRenamedWithinPattern_isNotReadAgain() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, "1\n2\n");
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", dir.resolve("*.log").toString(), "ReadFromLast", "FALSE",
                "DirCheckInterval", "0"), ctx);
        readAll(in, ctx);
        Files.move(a, dir.resolve("b.log"));
        append(dir.resolve("b.log"), "3\n");
        readAll(in, ctx);
        clock.advance(Duration.ofSeconds(30));
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactly("1", "2", "3");
        assertThat(in.trackedFiles()).isEqualTo(1);
    }

    @Test
    void read_whenInvalidUtf8_replacesBytesAndCounts() throws Exception {
        Path a = dir.resolve("a.log");
        byte[] bytes = {'o', 'k', '\n', 'b', (byte) 0xFF, 'd', '\n', (byte) 0xC3, (byte) 0xA9, '\n',
                (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'};
        Files.write(a, bytes);
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", a.toString(), "ReadFromLast", "FALSE"), ctx);
        readAll(in, ctx);
        assertThat(ctx.raws()).hasSize(4);
        assertThat(ctx.raws().get(0)).isEqualTo("ok");
        assertThat(ctx.raws().get(1)).isEqualTo("b\uFFFDd");
        assertThat(ctx.raws().get(2)).isEqualTo("\u00e9");
        assertThat(ctx.raws().get(3)).contains("\uFFFD");
        assertThat(ctx.metrics().counters()).containsEntry("invalid_utf8_lines", 2L);
    }

    @Test
    void read_whenPostReturnsFalse_returnsPromptlyAndResumesWithoutLoss() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, lines(1, 5));
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", a.toString(), "ReadFromLast", "FALSE"), ctx);
        ctx.refuseAfter(2);
        in.read(ctx);
        assertThat(ctx.raws()).isEqualTo(expected(1, 2));
        ctx.resume();
        readAll(in, ctx);
        assertThat(ctx.raws()).isEqualTo(expected(1, 5));
    }

    @Test
    void read_afterAPassThatPosted_readsAgainAtOnceThenWaitsPollIntervalWhenNothingIsNew() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, lines(1, 3));
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", a.toString(), "ReadFromLast", "FALSE", "PollInterval", "7"), ctx);

        in.read(ctx);
        assertThat(ctx.raws()).isEqualTo(expected(1, 3));
        assertThat(ctx.scheduled).as("posted: read again at once").isEqualTo(Duration.ZERO);

        append(a, lines(4, 4)); // written between the two passes: not left for PollInterval
        in.read(ctx);
        assertThat(ctx.raws()).isEqualTo(expected(1, 4));
        assertThat(ctx.scheduled).isEqualTo(Duration.ZERO);

        in.read(ctx);
        assertThat(ctx.raws()).isEqualTo(expected(1, 4));
        assertThat(ctx.scheduled).as("nothing new: caught up").isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void read_whenMoreThanOneBatch_schedulesImmediateReadAndDeliversEverything() throws Exception {
        Path a = dir.resolve("a.log");
        String line = "x".repeat(1000) + "\n";
        int n = (int) (2 * FileInput.FILE_BUDGET / line.length()) + 500;
        try (var w = Files.newBufferedWriter(a)) {
            for (int i = 0; i < n; i++) {
                w.write(line);
            }
        }
        TestInputContext ctx = context(Map.of());
        FileInput in = start(create("File", a.toString(), "ReadFromLast", "FALSE"), ctx);
        in.read(ctx);
        assertThat(ctx.scheduled).isEqualTo(Duration.ZERO);
        assertThat(ctx.events.size()).isLessThan(n);
        readAll(in, ctx);
        assertThat(ctx.events).hasSize(n);
        assertThat(ctx.scheduled).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void positionValue_whenParsed_roundTrips() {
        SavedPosition p = new SavedPosition(123, 256, 0xabcdefL, 1700000000000L, "/var/log/my app.log");
        assertThat(SavedPosition.parse(p.encode())).isEqualTo(p);
        assertThat(SavedPosition.parse("garbage")).isNull();
    }
}
