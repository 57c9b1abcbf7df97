package io.logship.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.LogshipException;
import io.logship.api.ModuleConfig;
import io.logship.host.config.ModuleConfigs;
import io.logship.testkit.TestInputContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecInputTest {
    private final ExecInputProvider provider = new ExecInputProvider();
    @TempDir
    Path tmp;
    private ExecInput input;

    @AfterEach
    void stop() {
        if (input != null) {
            input.stop();
        }
    }

    private TestInputContext start(String... pairs) throws Exception {
        ModuleConfig config = ModuleConfigs.of(provider, "exec", tmp, tmp, tmp, pairs);
        input = (ExecInput) provider.create(config);
        TestInputContext ctx = new TestInputContext("im_exec", "exec", tmp);
        input.start(ctx);
        return ctx;
    }

    private ExecInput withBackoff(String script, Backoff backoff) {
        return new ExecInput("exec", new ChildCommand("/bin/sh", List.of("-c", script)), true, backoff);
    }

    @Test
    void read_whenChildPrintsLines_postsOneEventPerLineWithoutLineEnds() throws Exception {
        TestInputContext ctx = start("Command", "/bin/sh", "Arg", "-c", "Arg", "printf 'a\\nb\\r\\n\\nlast'");
        ctx.runUntilIdle(input, 1000);
        assertThat(ctx.raws()).containsExactly("a", "b", "", "last");
        assertThat(ctx.events).allSatisfy(e -> assertThat(e.position()).isNull());
        assertThat(ctx.scheduled).as("Restart FALSE: no read after the exit").isNull();
        assertThat(ctx.logged()).anyMatch(l -> l.startsWith("WARN") && l.contains("exited with code 0")
                && l.contains("Restart is FALSE"));
    }

    @Test
    void arg_withBlanks_isOneArgument() throws Exception {
        TestInputContext ctx = start("Command", "/bin/sh", "Arg", "-c", "Arg", "printf '[%s]\\n' \"$1\"",
                "Arg", "sh", "Arg", "two words");
        ctx.runUntilIdle(input, 1000);
        assertThat(ctx.raws()).containsExactly("[two words]");
    }

    @Test
    void stderr_isLoggedNotPosted() throws Exception {
        TestInputContext ctx = start("Command", "/bin/sh", "Arg", "-c", "Arg", "echo oops >&2; echo out");
        ctx.runUntilIdle(input, 1000);
        assertThat(ctx.raws()).containsExactly("out");
        Await.until("the stderr line in the log",
                () -> ctx.logged().contains("WARN exec: /bin/sh stderr: oops"));
    }

    @Test
    void start_whenProgramMissing_failsNamingIt() {
        assertThatThrownBy(() -> start("Command", "/no/such/program"))
                .isInstanceOf(LogshipException.class)
                .hasMessageContaining("exec: cannot start /no/such/program");
    }

    @Test
    void read_whenChildKeepsExiting_restartsWithDoublingBackoffAndWarnsOncePerBurst() throws Exception {
        input = withBackoff("echo run; exit 3", new Backoff(Duration.ofMillis(10), Duration.ofMillis(40),
                Duration.ofSeconds(30)));
        TestInputContext ctx = new TestInputContext("im_exec", "exec", tmp);
        input.start(ctx);
        List<Duration> delays = new java.util.ArrayList<>();
        while (delays.size() < 4) {
            ctx.scheduled = null;
            input.read(ctx);
            assertThat(ctx.scheduled).as("a read is always scheduled while Restart is TRUE").isNotNull();
            if (!ctx.scheduled.isZero()) {
                delays.add(ctx.scheduled); // the host would wait this long; the test reads at once
            }
        }
        assertThat(delays).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40),
                Duration.ofMillis(40));
        assertThat(ctx.raws()).containsExactly("run", "run", "run", "run");
        assertThat(ctx.logged().stream().filter(l -> l.contains("exited with code 3")))
                .hasSize(1)
                .allMatch(l -> l.startsWith("WARN") && l.contains("starting it again in 10 ms"));
        assertThat(ctx.counter("exec.restarts")).isEqualTo(4);
    }

    @Test
    void backoff_afterAStableRun_startsAgainFromTheFirstDelay() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(10));
        assertThat(b.failed(Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.firstOfBurst()).isTrue();
        assertThat(b.failed(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.firstOfBurst()).isFalse();
        assertThat(b.failed(Duration.ZERO)).isEqualTo(Duration.ofSeconds(4));
        assertThat(b.failed(Duration.ZERO)).isEqualTo(Duration.ofSeconds(8));
        assertThat(b.failed(Duration.ZERO)).isEqualTo(Duration.ofSeconds(8));
        assertThat(b.failed(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.firstOfBurst()).isTrue();
    }

    @Test
    void stop_whileChildRuns_endsIt() throws Exception {
        TestInputContext ctx = start("Command", "/bin/sh", "Arg", "-c", "Arg", "echo ready; exec sleep 60");
        while (ctx.raws().isEmpty()) {
            input.read(ctx);
        }
        ProcessHandle child = ProcessHandle.current().children().findFirst().orElseThrow();
        long t0 = System.nanoTime();
        input.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        assertThat(child.isAlive()).isFalse();
        ctx.scheduled = null;
        input.read(ctx);
        assertThat(ctx.scheduled).isNull();
        input = null;
    }
}
