package io.logship.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Event;
import io.logship.testkit.TestInputContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** im_systemd on real journal files written by systemd-journal-remote and read by journalctl. */
class SystemdInputIT {
    @TempDir
    Path tmp;
    private Path dir;
    private Path file;
    private final List<SystemdInput> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        Journals.assumeInstalled();
        dir = Files.createDirectories(tmp.resolve("journal"));
        file = dir.resolve("remote.journal");
    }

    @AfterEach
    void stopAll() {
        started.forEach(SystemdInput::stop);
    }

    private SystemdInput start(TestInputContext ctx, boolean readFromLast, boolean savePos) throws Exception {
        SystemdInput in = new SystemdInput("journal", new JournalCommand("journalctl", dir), readFromLast, savePos,
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(10)));
        started.add(in);
        in.start(ctx);
        return in;
    }

    /** Calls read as the host would, without waiting out its delays, until the condition holds (or 20 s pass). */
    private static void readUntil(SystemdInput in, TestInputContext ctx, String what, BooleanSupplier done)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; got " + messages(ctx)
                        + "; log " + ctx.logged());
            }
            in.read(ctx);
        }
    }

    private static List<Object> messages(TestInputContext ctx) {
        synchronized (ctx.events) {
            return ctx.events.stream().map(e -> e.get("Message")).toList();
        }
    }

    @Test
    void readFromLastFalse_readsTheWholeJournalWithNxlogsFields() throws Exception {
        Journals.append(file, 0, List.of(
                List.of("MESSAGE=disk full", "PRIORITY=3", "SYSLOG_FACILITY=4", "_PID=42", "_HOSTNAME=web1",
                        "SYSLOG_IDENTIFIER=app", "_SYSTEMD_UNIT=app.service", "MY_FIELD=mine"),
                List.of("MESSAGE=second", "PRIORITY=6")));
        TestInputContext ctx = new TestInputContext("im_systemd", "journal", tmp);
        SystemdInput in = start(ctx, false, true);
        readUntil(in, ctx, "two entries", () -> ctx.events.size() >= 2);
        Event e = ctx.events.get(0);
        assertThat(e.get("Message")).isEqualTo("disk full");
        assertThat(e.get("SyslogSeverityValue")).isEqualTo(3L);
        assertThat(e.get("SyslogFacilityValue")).isEqualTo(4L);
        assertThat(e.get("SyslogFacility")).isEqualTo("AUTH");
        assertThat(e.get("ProcessID")).isEqualTo(42L);
        assertThat(e.get("Hostname")).isEqualTo("web1");
        assertThat(e.get("SourceName")).isEqualTo("app");
        assertThat(e.get("SystemdUnit")).isEqualTo("app.service");
        assertThat(e.get("MY_FIELD")).isEqualTo("mine");
        assertThat(e.get("EventTime")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(ctx.events).allSatisfy(ev -> assertThat(ev.position().value()).startsWith("s="));
        assertThat(ctx.events.get(0).position()).isNotEqualTo(ctx.events.get(1).position());
        assertThat(ctx.counter("systemd.entries")).isEqualTo(2);
    }

    @Test
    void restart_continuesJustAfterTheCommittedEntry_andFollowsNewOnes() throws Exception {
        Journals.append(file, 0, Journals.messages("one", "two", "three"));
        TestInputContext ctx = new TestInputContext("im_systemd", "journal", tmp);
        SystemdInput first = start(ctx, false, true);
        readUntil(first, ctx, "three entries", () -> ctx.events.size() >= 3);
        ctx.commit(2);
        first.stop();
        Journals.append(file, 10, Journals.messages("four"));

        TestInputContext next = ctx.restart();
        SystemdInput second = start(next, true, true);
        readUntil(second, next, "three and four", () -> next.events.size() >= 2);
        Journals.append(dir.resolve("rotated.journal"), 20, Journals.messages("five"));
        readUntil(second, next, "five, from a new file in the directory", () -> messages(next).contains("five"));
        assertThat(messages(next)).containsExactly("three", "four", "five");
    }

    @Test
    void readFromLastTrue_withoutAPosition_readsOnlyNewEntries() throws Exception {
        Journals.append(file, 0, Journals.messages("old1", "old2"));
        TestInputContext ctx = new TestInputContext("im_systemd", "journal", tmp);
        SystemdInput in = start(ctx, true, true);
        // journalctl seeks to the end once it runs; until a new entry shows, write another one
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int n = 0;
        while (ctx.events.isEmpty() && System.nanoTime() < deadline) {
            Journals.append(file, 10 + n, Journals.messages("new" + n++));
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (ctx.events.isEmpty() && System.nanoTime() < until) {
                in.read(ctx);
            }
        }
        assertThat(messages(ctx)).isNotEmpty().allMatch(m -> ((String) m).startsWith("new"));
    }

    @Test
    void savePosFalse_ignoresTheSavedCursorAndPostsNoPositions() throws Exception {
        Journals.append(file, 0, Journals.messages("a", "b"));
        TestInputContext ctx = new TestInputContext("im_systemd", "journal", tmp);
        ctx.committed.put("", "s=0;i=1");
        SystemdInput in = start(ctx, false, false);
        readUntil(in, ctx, "both entries", () -> ctx.events.size() >= 2);
        assertThat(messages(ctx)).containsExactly("a", "b");
        assertThat(ctx.events).allSatisfy(e -> assertThat(e.position()).isNull());
    }

    @Test
    void aCursorJournalctlRefuses_isReportedAndTheJournalReadAsReadFromLastSays() throws Exception {
        Journals.append(file, 0, Journals.messages("a", "b"));
        TestInputContext ctx = new TestInputContext("im_systemd", "journal", tmp);
        ctx.committed.put("", "not-a-cursor");
        SystemdInput in = start(ctx, false, true);
        readUntil(in, ctx, "both entries after the refused cursor", () -> ctx.events.size() >= 2);
        assertThat(messages(ctx)).containsExactly("a", "b");
        assertThat(ctx.logged()).anyMatch(l -> l.startsWith("WARN") && l.contains("refused the cursor not-a-cursor")
                && l.contains("the whole journal"));
        assertThat(ctx.logged()).anyMatch(l -> l.contains("journalctl: ") && l.contains("cursor"));
    }
}
