package io.logship.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.host.config.ModuleConfigs;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecEnvironment;
import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.testkit.TestModuleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecExtensionTest {
    @TempDir
    Path tmp;
    private final TestModuleContext caller = new TestModuleContext("im_file", "in", Path.of("."));
    private ExecContext ctx;
    private ExecExtension ext;

    @BeforeEach
    void setUp() throws Exception {
        ctx = new ExecContext(new ExecEnvironment("in", "im_file", caller.logger(), Clock.systemUTC(),
                ZoneOffset.UTC, "testhost", caller.metrics(), (where, e) -> { }));
        ext = create("Timeout", "2");
    }

    @AfterEach
    void killLeftovers() {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }

    private ExecExtension create(String... pairs) throws Exception {
        ExecExtensionProvider p = new ExecExtensionProvider();
        ExecExtension e = (ExecExtension) p.create(ModuleConfigs.of(p, "exec", tmp, tmp, tmp, pairs));
        e.start(new TestModuleContext("xm_exec", "exec", tmp));
        return e;
    }

    private Object call(ExecExtension e, String name, boolean procedure, Object... args) {
        ExecFunction f = e.execFunctions().stream()
                .filter(x -> x.name().equals(name) && x.procedure() == procedure).findFirst().orElseThrow();
        assertThat(f.acceptsArgCount(args.length)).isTrue();
        return f.impl().call(ctx, args);
    }

    @Test
    void execProcedure_waitsForTheProgram() {
        Path file = tmp.resolve("done");
        call(ext, "exec", true, "/bin/sh", "-c", "sleep 0.2; echo x > " + file);
        assertThat(file).exists();
    }

    @Test
    void execProcedure_logsOutputAndNonZeroExitThroughTheCaller() {
        call(ext, "exec", true, "/bin/sh", "-c", "echo said; echo moaned >&2; exit 2");
        assertThat(caller.logged()).contains("INFO exec: /bin/sh stdout: said", "WARN exec: /bin/sh stderr: moaned")
                .anyMatch(l -> l.startsWith("WARN") && l.contains("exited with code 2"));
    }

    @Test
    void execFunction_returnsStdoutWithArgumentsAsText() {
        assertThat(call(ext, "exec", false, "/bin/sh", "-c", "printf '%s\\n' \"$@\"", "sh", 42L, true, "two words"))
                .isEqualTo("42\nTRUE\ntwo words");
    }

    @Test
    void exec_whenProgramOutlivesTimeout_killsItAndFails() throws Exception {
        ExecExtension quick = create("Timeout", "200ms");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> call(quick, "exec", true, "/bin/sleep", "30"))
                .isInstanceOf(ExecError.class).hasMessageContaining("did not finish within 200 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void exec_withUndefArgumentOrMissingProgram_failsSayingWhich() {
        assertThatThrownBy(() -> call(ext, "exec", true, "/bin/echo", "a", null))
                .isInstanceOf(ExecError.class).hasMessage("exec(): argument 3 is undef");
        assertThatThrownBy(() -> call(ext, "exec", true, "/no/such/program"))
                .isInstanceOf(ExecError.class).hasMessageContaining("cannot start /no/such/program");
    }

    @Test
    void execAsync_returnsAtOnceAndRespectsMaxAsync() throws Exception {
        ExecExtension one = create("MaxAsync", "1");
        Path file = tmp.resolve("later");
        long t0 = System.nanoTime();
        call(one, "exec_async", true, "/bin/sh", "-c", "sleep 1; echo x > " + file);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(900));
        assertThat(file).doesNotExist();
        assertThatThrownBy(() -> call(one, "exec_async", true, "/bin/true"))
                .isInstanceOf(ExecError.class).hasMessageContaining("still running (MaxAsync)");
        Await.until("the async program's file", () -> Files.exists(file));
        Await.until("the async slot freed", () -> one.running() == 0);
        call(one, "exec_async", true, "/bin/true");
    }

    @Test
    void execAsync_logsNonZeroExit() {
        call(ext, "exec_async", true, "/bin/sh", "-c", "exit 9");
        Await.until("the exit logged", () -> caller.logged().stream().anyMatch(l -> l.contains("exited with code 9")));
    }
}
