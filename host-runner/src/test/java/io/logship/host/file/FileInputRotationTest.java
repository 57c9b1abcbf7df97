package io.logship.host.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.host.config.ModuleConfigs;
import io.logship.testkit.FakeClock;
import io.logship.testkit.TestInputContext;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import io.logship.api.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Random interleavings of writes, polls, rename-and-create and copytruncate rotations (one poll between rotations). */
class FileInputRotationTest {
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

    @ParameterizedTest
    @CsvSource({"1,10", "3,2", "5,1", "6,10", "7,3", "8,1", "9,5", "12,10"})
    void read_whenRandomRotationsInterleaveWithWrites_deliversEveryLineOnceInOrder(long seed, int activeFiles)
            throws Exception {
        Random r = new Random(seed);
        Path a = dir.resolve("app.log");
        Files.createFile(a);
        FileInputProvider p = new FileInputProvider();
        FileInput in = (FileInput) p.create(ModuleConfigs.of(p, "in", dir, dir, dir, "File", a.toString(),
                "ReadFromLast", "FALSE", "ActiveFiles", String.valueOf(activeFiles)));
        TestInputContext ctx = context(Map.of());
        in.start(ctx);
        int next = 1;
        int gen = 0;
        try {
            readAll(in, ctx);
            for (int step = 0; step < 400; step++) {
                int action = r.nextInt(12);
                if (action < 5) {
                    next = append(a, next, 1 + r.nextInt(5), r);
                } else if (action < 7) {
                    readAll(in, ctx);
                } else if (action < 9) {
                    readAll(in, ctx);
                    next = append(a, next, r.nextInt(3), r);
                    Path old = dir.resolve("app.log." + (++gen));
                    Files.move(a, old);
                    next = append(old, next, r.nextInt(2), r); // writer not reopened yet
                    Files.createFile(a);
                } else if (action < 11) {
                    // copytruncate: the reader has seen the file non-empty since the last truncation (a file
                    // written and copytruncated from empty between two polls cannot be told from an idle one)
                    next = append(a, next, 1, r);
                    readAll(in, ctx);
                    next = append(a, next, r.nextInt(3), r);
                    Files.copy(a, dir.resolve("app.log.c" + (++gen)));
                    try (FileChannel ch = FileChannel.open(a, StandardOpenOption.WRITE)) {
                        ch.truncate(0);
                    }
                } else {
                    clock.advance(Duration.ofSeconds(3));
                }
            }
            readAll(in, ctx);
            clock.advance(Duration.ofSeconds(30));
            readAll(in, ctx);
            List<String> want = IntStream.range(1, next).mapToObj(i -> "line " + i).toList();
            List<String> got = ctx.raws();
            int k = 0;
            while (k < Math.min(got.size(), want.size()) && got.get(k).equals(want.get(k))) {
                k++;
            }
            assertThat(got.subList(k, Math.min(got.size(), k + 8)))
                    .as("first difference at index %d of %d delivered, %d written", k, got.size(), want.size())
                    .isEqualTo(want.subList(k, Math.min(want.size(), k + 8)));
            assertThat(got).hasSameSizeAs(want);
            assertThat(in.maxOpenFiles()).isLessThanOrEqualTo(activeFiles);
            assertThat(in.trackedFiles()).isEqualTo(1);
        } finally {
            in.stop();
        }
    }

    @ParameterizedTest
    @CsvSource({"21,10", "22,2", "24,1", "26,3", "27,10", "28,2"})
    void read_whenRestartedAtRandomPoints_resumesFromCommittedPositionsWithoutLossOrDuplicate(long seed,
            int activeFiles) throws Exception {
        Random r = new Random(seed);
        Path a = dir.resolve("app.log");
        Files.createFile(a);
        FileInputProvider p = new FileInputProvider();
        String[] conf = {"File", a.toString(), "ReadFromLast", "FALSE", "ActiveFiles", String.valueOf(activeFiles)};
        List<Event> delivered = new ArrayList<>();
        int committedCount = 0;
        TestInputContext ctx = context(Map.of());
        FileInput in = (FileInput) p.create(ModuleConfigs.of(p, "in", dir, dir, dir, conf));
        in.start(ctx);
        int next = 1;
        int gen = 0;
        int restarts = 0;
        // the host commits everything delivered before a rotation before the next one happens (its commit
        // interval is shorter than the rotation interval); see the README for what is lost otherwise
        int floor = 0;
        try {
            for (int step = 0; step < 300; step++) {
                int action = r.nextInt(14);
                if (action < 5) {
                    next = append(a, next, 1 + r.nextInt(5), r);
                } else if (action < 7) {
                    readAll(in, ctx);
                } else if (action < 9) {
                    next = append(a, next, 1, r);
                    readAll(in, ctx);
                    floor = delivered.size() + ctx.events.size();
                    next = append(a, next, r.nextInt(3), r);
                    Path old = dir.resolve("app.log." + (++gen));
                    Files.move(a, old);
                    next = append(old, next, r.nextInt(2), r);
                    Files.createFile(a);
                } else if (action < 11) {
                    next = append(a, next, 1, r);
                    readAll(in, ctx);
                    floor = delivered.size() + ctx.events.size();
                    next = append(a, next, r.nextInt(3), r);
                    Files.copy(a, dir.resolve("app.log.c" + (++gen)));
                    try (FileChannel ch = FileChannel.open(a, StandardOpenOption.WRITE)) {
                        ch.truncate(0);
                    }
                } else if (action == 11) {
                    clock.advance(Duration.ofSeconds(3));
                } else {
                    if (r.nextBoolean()) {
                        ctx.refuseAfter(r.nextInt(3)); // stopped in the middle of a read
                        in.read(ctx);
                    }
                    delivered.addAll(ctx.events);
                    ctx.events.clear();
                    // the host had committed some prefix of what was delivered (never less than before)
                    committedCount = Math.max(committedCount, floor);
                    committedCount += r.nextInt(delivered.size() - committedCount + 1);
                    delivered.subList(committedCount, delivered.size()).clear();
                    Map<String, String> commit = new HashMap<>();
                    for (Event e : delivered) {
                        commit.put(e.position().stream(), e.position().value());
                    }
                    in.stop();
                    Instant t = clock.instant();
                    ctx = context(commit);
                    clock.set(t.plusSeconds(1));
                    in = (FileInput) p.create(ModuleConfigs.of(p, "in", dir, dir, dir, conf));
                    in.start(ctx);
                    restarts++;
                }
                delivered.addAll(ctx.events);
                ctx.events.clear();
            }
            readAll(in, ctx);
            clock.advance(Duration.ofSeconds(30));
            readAll(in, ctx);
            delivered.addAll(ctx.events);
            List<String> got = delivered.stream().map(Event::raw).toList();
            List<String> want = IntStream.range(1, next).mapToObj(i -> "line " + i).toList();
            int k = 0;
            while (k < Math.min(got.size(), want.size()) && got.get(k).equals(want.get(k))) {
                k++;
            }
            assertThat(got.subList(k, Math.min(got.size(), k + 8)))
                    .as("first difference at index %d of %d delivered, %d written, %d restarts", k, got.size(),
                            want.size(), restarts)
                    .isEqualTo(want.subList(k, Math.min(want.size(), k + 8)));
            assertThat(got).hasSameSizeAs(want);
            assertThat(restarts).isPositive();
        } finally {
            in.stop();
        }
    }

    private static int append(Path p, int next, int count, Random r) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append("line ").append(next++);
            if (r.nextInt(4) == 0) {
                sb.append('\r');
            }
            sb.append('\n');
        }
        Files.writeString(p, sb, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return next;
    }

    private static void readAll(FileInput in, TestInputContext ctx) throws Exception {
        for (int i = 0; i < 1000; i++) {
            ctx.scheduled = null;
            in.read(ctx);
            if (!Duration.ZERO.equals(ctx.scheduled)) {
                return;
            }
        }
        throw new AssertionError("read kept asking for more");
    }
}
