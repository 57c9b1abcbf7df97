package io.logship.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.Event;
import io.logship.api.LogshipException;
import io.logship.api.RetriableException;
import io.logship.host.config.ModuleConfigs;
import io.logship.testkit.TestModuleContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecOutputTest {
    @TempDir
    Path tmp;
    private ExecOutput output;
    private final TestModuleContext ctx = new TestModuleContext("om_exec", "exec", Path.of("."));

    @AfterEach
    void stop() {
        if (output != null) {
            output.stop();
        }
    }

    private List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** What the host does with a RetriableException: the same call again after the delay it asks for. */
    private static int withHostRetries(Call call) throws Exception {
        for (int attempt = 1; attempt <= 50; attempt++) {
            try {
                call.run();
                return attempt;
            } catch (RetriableException e) {
                LockSupport.parkNanos(e.retryAfter().orElse(Duration.ofMillis(10)).toNanos());
            }
        }
        throw new AssertionError("not accepted after 50 attempts");
    }

    interface Call {
        void run() throws Exception;
    }

    @Test
    void write_thenFlush_childReceivesEachRawEventAsALine() throws Exception {
        Path out = tmp.resolve("out.txt");
        output = (ExecOutput) new ExecOutputProvider().create(ModuleConfigs.of(new ExecOutputProvider(), "exec",
                tmp, tmp, tmp, "Command", "/bin/sh", "Arg", "-c", "Arg", "cat >> " + out));
        output.start(ctx);
        output.write(Event.ofRaw("one"));
        output.write(Event.ofRaw("två"));
        output.write(new Event().set("x", 1L));
        output.flush();
        Await.until("three lines in " + out, () -> lines(out).size() == 3);
        assertThat(lines(out)).containsExactly("one", "två", "");
    }

    @Test
    void write_whenChildDied_restartsItAndTheHeldEventReachesTheNewChild() throws Exception {
        Path out = tmp.resolve("out.txt");
        // each child reads one line (sh's read takes bytes one at a time from a pipe), keeps it, exits 5
        output = new ExecOutput("exec", new ChildCommand("/bin/sh", List.of("-c",
                "read line; echo \"$line\" >> " + out + "; exit 5")), true,
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(30)));
        output.start(ctx);
        output.write(Event.ofRaw("first"));
        output.flush();
        Await.until("the first child's line", () -> lines(out).equals(List.of("first")));
        Await.until("the first child's exit", () -> ProcessHandle.current().children().noneMatch(
                p -> p.info().command().orElse("").endsWith("sh")));

        int attempts = withHostRetries(() -> output.write(Event.ofRaw("second")));
        withHostRetries(output::flush);

        assertThat(attempts).as("the first attempt found the child gone").isGreaterThan(1);
        Await.until("the second child's line", () -> lines(out).size() == 2);
        assertThat(lines(out)).containsExactly("first", "second");
        assertThat(ctx.logged()).filteredOn(l -> l.contains("exit code 5"))
                .singleElement().satisfies(l -> assertThat(l).startsWith("WARN").contains("starting it again"));
        assertThat(ctx.counter("exec.restarts")).isEqualTo(1);
    }

    @Test
    void flush_whenTheChildClosedItsStdin_failsRetriablyThenTheLinesGoToTheNextChild() throws Exception {
        Path out = tmp.resolve("out.txt");
        Path marker = tmp.resolve("first-ran");
        // the first child closes its stdin and stays; the next ones copy stdin to out
        output = new ExecOutput("exec", new ChildCommand("/bin/sh", List.of("-c",
                "if [ -e " + marker + " ]; then exec cat >> " + out + "; fi; exec 0<&-; touch " + marker
                        + "; exec sleep 30")), true,
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(30)));
        output.start(ctx);
        Await.until("the first child closed its stdin", () -> Files.exists(marker));
        output.write(Event.ofRaw("kept"));
        List<RetriableException> failures = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            try {
                output.flush();
                break;
            } catch (RetriableException e) {
                failures.add(e);
                LockSupport.parkNanos(e.retryAfter().orElse(Duration.ofMillis(10)).toNanos());
            }
        }
        assertThat(failures).first().satisfies(e -> {
            assertThat(e.getMessage()).contains("its stdin failed");
            assertThat(e.getCause()).isInstanceOf(IOException.class);
        });
        Await.until("the line at the second child", () -> lines(out).equals(List.of("kept")));
    }

    @Test
    void write_whenChildDiedAndRestartFalse_holdsEventsWithRetriableErrors() throws Exception {
        output = (ExecOutput) new ExecOutputProvider().create(ModuleConfigs.of(new ExecOutputProvider(), "exec",
                tmp, tmp, tmp, "Command", "/bin/sh", "Arg", "-c", "Arg", "exit 4", "Restart", "FALSE"));
        output.start(ctx);
        Await.until("the child's exit", () -> ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive));
        assertThatThrownBy(() -> output.write(Event.ofRaw("x"))).isInstanceOf(RetriableException.class)
                .hasMessageContaining("exit code 4");
        assertThatThrownBy(() -> output.write(Event.ofRaw("x"))).isInstanceOf(RetriableException.class)
                .hasMessageContaining("Restart is FALSE");
        assertThat(ctx.logged()).filteredOn(l -> l.startsWith("ERROR")).singleElement()
                .satisfies(l -> assertThat(l).contains("events are held, not dropped"));
    }

    @Test
    void start_whenProgramMissing_failsNamingIt() throws Exception {
        output = (ExecOutput) new ExecOutputProvider().create(ModuleConfigs.of(new ExecOutputProvider(), "exec",
                tmp, tmp, tmp, "Command", "no-such-program-here"));
        assertThatThrownBy(() -> output.start(ctx)).isInstanceOf(LogshipException.class)
                .hasMessageContaining("exec: cannot start no-such-program-here (looked up in PATH)");
        output = null;
    }

    @Test
    void childStderr_isLogged() throws Exception {
        output = (ExecOutput) new ExecOutputProvider().create(ModuleConfigs.of(new ExecOutputProvider(), "exec",
                tmp, tmp, tmp, "Command", "/bin/sh", "Arg", "-c", "Arg", "while read l; do echo \"bad $l\" >&2; done"));
        output.start(ctx);
        output.write(Event.ofRaw("a"));
        output.flush();
        Await.until("the stderr line", () -> ctx.logged().contains("WARN exec: /bin/sh stderr: bad a"));
    }
}
