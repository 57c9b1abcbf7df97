package io.logship.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.host.config.Cron;
import io.logship.host.config.Schedule;
import io.logship.lang.ExecEnvironment;
import io.logship.lang.ExecError;
import io.logship.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SchedulerTest {
    private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:15:30Z"));
    private final Scheduler scheduler = new Scheduler(clock, ZoneOffset.UTC);
    private final List<String> ran = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final ExecEnvironment env = new ExecEnvironment("x", "im_test", LoggerFactory.getLogger("test"), clock,
            ZoneOffset.UTC, "host", null, (where, e) -> errors.add(where + ": " + e.getMessage()));

    private void add(String name, Cron when, Duration every, Instant first) {
        Schedule s = new Schedule(when, every, first, ctx -> {
            assertThat(ctx.event()).isNull(); // a schedule runs without an event
            ran.add(name + "@" + clock.instant());
        }, "a.conf:3");
        scheduler.add("x", s, new InstanceExec(s.program(), env));
    }

    @Test
    void runDue_whenEvery_runsOncePerIntervalAndSkipsMissedRuns() {
        add("every", null, Duration.ofSeconds(30), null);
        scheduler.plan();
        assertThat(scheduler.runDue()).isZero();
        clock.advance(Duration.ofSeconds(30));
        assertThat(scheduler.runDue()).isEqualTo(1);
        assertThat(scheduler.runDue()).isZero();
        clock.advance(Duration.ofSeconds(100)); // three intervals missed: one run, the next on the grid
        assertThat(scheduler.runDue()).isEqualTo(1);
        assertThat(scheduler.jobs().get(0).next).isEqualTo(Instant.parse("2026-03-01T10:18:00Z")); // 10:16:00 + 4 * 30 s
    }

    @Test
    void runDue_whenWhenCronAndStartup_runsAtTheirTimes() {
        add("hourly", Cron.parse("@hourly"), null, null);
        add("startup", Cron.STARTUP, null, null);
        scheduler.plan();
        assertThat(scheduler.runDue()).isEqualTo(1); // @startup at once
        assertThat(ran).containsExactly("startup@2026-03-01T10:15:30Z");
        clock.set(Instant.parse("2026-03-01T10:59:59Z"));
        assertThat(scheduler.runDue()).isZero();
        clock.set(Instant.parse("2026-03-01T11:00:00Z"));
        assertThat(scheduler.runDue()).isEqualTo(1);
        clock.set(Instant.parse("2026-03-01T12:00:05Z"));
        assertThat(scheduler.runDue()).isEqualTo(1);
        assertThat(ran).containsExactly("startup@2026-03-01T10:15:30Z", "hourly@2026-03-01T11:00:00Z",
                "hourly@2026-03-01T12:00:05Z");
    }

    @Test
    void plan_whenFirstIsPast_nextRunFallsOnFirstPlusIntervals() {
        add("first", null, Duration.ofMinutes(10), Instant.parse("2026-03-01T08:00:00Z"));
        add("future", null, Duration.ofMinutes(10), Instant.parse("2026-03-02T00:00:00Z"));
        scheduler.plan();
        assertThat(scheduler.jobs().get(0).next).isEqualTo(Instant.parse("2026-03-01T10:20:00Z"));
        assertThat(scheduler.jobs().get(1).next).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
    }

    @Test
    void runDue_whenStatementsFail_reportsAndKeepsTheSchedule() {
        Schedule s = new Schedule(null, Duration.ofSeconds(1), null, ctx -> {
            throw new ExecError("boom");
        }, "a.conf:3");
        scheduler.add("x", s, new InstanceExec(s.program(), env));
        scheduler.plan();
        clock.advance(Duration.ofSeconds(1));
        assertThat(scheduler.runDue()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(scheduler.runDue()).isEqualTo(1);
        assertThat(errors).hasSize(2).allSatisfy(e -> assertThat(e).endsWith(": boom"));
    }
}
