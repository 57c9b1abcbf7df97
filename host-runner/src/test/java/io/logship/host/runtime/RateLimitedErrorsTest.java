package io.logship.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.lang.ExecError;
import io.logship.testkit.TestMetrics;
import io.logship.testkit.TestModuleContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RateLimitedErrorsTest {
    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1);
    private final TestMetrics metrics = new TestMetrics();

    private RateLimitedErrors errors(TestModuleContext ctx) {
        return new RateLimitedErrors("in", ctx.logger(), metrics, now::get, Duration.ofSeconds(60));
    }

    @Test
    void report_whenOneStatementFailsOften_logsTheFirstThenOneSummaryPerInterval() {
        TestModuleContext ctx = new TestModuleContext("im_test", "in", dir);
        RateLimitedErrors e = errors(ctx);
        for (int i = 1; i <= 100; i++) {
            e.report("a.conf:4", new ExecError("bad " + i));
        }
        assertThat(ctx.logged()).containsExactly("ERROR in: a.conf:4: bad 1 (the event goes on; further errors of "
                + "this statement are summarised at most every 60 s)");
        now.addAndGet(TimeUnit.SECONDS.toNanos(61));
        e.report("a.conf:4", new ExecError("bad 101"));
        assertThat(ctx.logged()).hasSize(2);
        assertThat(ctx.logged().get(1)).isEqualTo("ERROR in: a.conf:4: 100 more run-time error(s) in the last 61 s; "
                + "the latest: bad 101");
        assertThat(metrics.count(RateLimitedErrors.COUNTER)).isEqualTo(101);
    }

    @Test
    void report_whenTwoStatementsFail_limitsEachOnItsOwn() {
        TestModuleContext ctx = new TestModuleContext("im_test", "in", dir);
        RateLimitedErrors e = errors(ctx);
        e.report("a.conf:4", new ExecError("x"));
        e.report("a.conf:9", new ExecError("y"));
        e.report("a.conf:4", new ExecError("x2"));
        assertThat(ctx.logged()).hasSize(2);
        assertThat(ctx.logged().get(1)).startsWith("ERROR in: a.conf:9: y");
    }

    @Test
    void flush_whenErrorsWereHeldBack_logsTheirCountOnce() {
        TestModuleContext ctx = new TestModuleContext("im_test", "in", dir);
        RateLimitedErrors e = errors(ctx);
        e.report("a.conf:4", new ExecError("x"));
        e.report("a.conf:4", new ExecError("x"));
        e.report("a.conf:4", new ExecError("last"));
        e.flush(false); // not an interval yet
        assertThat(ctx.logged()).hasSize(1);
        now.addAndGet(TimeUnit.SECONDS.toNanos(60));
        e.flush(false);
        e.flush(false);
        assertThat(ctx.logged()).hasSize(2);
        assertThat(ctx.logged().get(1)).isEqualTo("ERROR in: a.conf:4: 2 more run-time error(s) in the last 60 s; "
                + "the latest: last");
        e.report("a.conf:4", new ExecError("again"));
        e.flush(true); // at stop: whatever is held back
        assertThat(ctx.logged()).hasSize(3);
        assertThat(ctx.logged().get(2)).contains("1 more run-time error(s)");
    }
}
