package io.logship.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logship.host.config.ConfigLoader;
import io.logship.host.config.ModuleRegistry;
import io.logship.host.config.ResolvedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** im_file → Exec → om_file through the real config loader and agent, as a user's nxlog.conf runs. */
@Timeout(60)
class ExecAgentTest {
    @TempDir
    Path dir;

    private final List<Runnable> cleanup = new ArrayList<>();

    @AfterEach
    void tearDown() {
        cleanup.forEach(Runnable::run);
    }

    private Path conf(String... lines) throws IOException {
        List<String> all = new ArrayList<>(List.of("CacheDir " + dir.resolve("cache")));
        all.addAll(List.of(lines));
        Path f = dir.resolve("logship.conf");
        Files.writeString(f, String.join("\n", all) + "\n");
        return f;
    }

    private static String fileInput(String name, Path file, String... extra) {
        return String.join("\n", List.of("<Input " + name + ">", "  Module im_file", "  File " + file,
                "  ReadFromLast FALSE", "  PollInterval 50ms", String.join("\n", extra), "</Input>"));
    }

    private static String fileOutput(String name, Path file, String... extra) {
        return String.join("\n", List.of("<Output " + name + ">", "  Module om_file", "  File " + file,
                String.join("\n", extra), "</Output>"));
    }

    private Agent agent(Path conf) throws Exception {
        ResolvedConfig rc = ConfigLoader.load(conf, ModuleRegistry.load(), dir.resolve("home"));
        return new Agent(rc, TestPipeline.options());
    }

    private int runOnce(Path conf) throws Exception {
        return agent(conf).runOnce();
    }

    private static List<String> lines(Path p) throws IOException {
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }

    private ListAppender<ILoggingEvent> capture(String logger) {
        Logger l = (Logger) LoggerFactory.getLogger(logger);
        ListAppender<ILoggingEvent> a = new ListAppender<>();
        a.start();
        l.addAppender(a);
        cleanup.add(() -> l.detachAppender(a));
        return a;
    }

    @Test
    void drop_whenInputExecDropsEvents_theyAreNotWrittenAndNotReadAgainAfterRestart() throws Exception {
        Path in = dir.resolve("in.log");
        Path out = dir.resolve("out.log");
        Files.writeString(in, "keep 1\ndebug 2\nkeep 3\ndebug 4\n");
        Path dropping = conf(fileInput("in", in, "  Exec if $raw_event =~ /^debug/ drop(); \\",
                "       else $raw_event = 'seen: ' + $raw_event;"), fileOutput("out", out),
                "<Route r>", "Path in => out", "</Route>");

        assertThat(runOnce(dropping)).isZero();
        assertThat(lines(out)).containsExactly("seen: keep 1", "seen: keep 3");

        // the file now ends with a dropped event: its position must still be committed
        Files.writeString(in, "keep 5\ndebug 6\n", StandardOpenOption.APPEND);
        assertThat(runOnce(dropping)).isZero();
        assertThat(lines(out)).containsExactly("seen: keep 1", "seen: keep 3", "seen: keep 5");

        // restart with statements that drop nothing: no dropped line comes back
        Path keeping = conf(fileInput("in", in, "  Exec $raw_event = 'again: ' + $raw_event;"),
                fileOutput("out", out), "<Route r>", "Path in => out", "</Route>");
        Files.writeString(in, "keep 7\n", StandardOpenOption.APPEND);
        assertThat(runOnce(keeping)).isZero();
        assertThat(lines(out)).containsExactly("seen: keep 1", "seen: keep 3", "seen: keep 5", "again: keep 7");
    }

    @Test
    void exec_inInputProcessorAndOutput_runsInRouteOrderAndEachMayDrop() throws Exception {
        Path in = dir.resolve("in.log");
        Path out = dir.resolve("out.log");
        Files.writeString(in, "a\nb\nc\nd\n");
        Path f = conf(fileInput("in", in, "  Exec $trail = 'in';", "  Exec if $raw_event == 'b' drop();"),
                "<Processor p>", "  Module pm_null", "  <Exec>", "    $trail = $trail + '>p';",
                "    if $raw_event == 'c' drop();", "  </Exec>", "</Processor>",
                fileOutput("out", out, "  Exec if $raw_event == 'd' drop();",
                        "  Exec $raw_event = $raw_event + ' ' + $trail + '>out';"),
                "<Route r>", "Path in => p => out", "</Route>");
        Agent agent = agent(f);
        assertThat(agent.runOnce()).isZero();
        assertThat(lines(out)).containsExactly("a in>p>out");
        assertThat(agent.inputs().get(0).stats()).contains("in=4 dropped=1");
        assertThat(agent.outputs().get(0).stats()).contains("out=1 dropped=1");
    }

    @Test
    void exec_whenAStatementFailsOnEveryEvent_everyEventGoesOnAndOneErrorIsLogged() throws Exception {
        Path in = dir.resolve("in.log");
        Path out = dir.resolve("out.log");
        Files.writeString(in, String.join("\n", IntStream.range(0, 50).mapToObj(i -> "line " + i).toList()) + "\n");
        Path f = conf(fileInput("in", in, "  Exec $n = $raw_event * 2;", "  Exec $raw_event = 'ok ' + $raw_event;"),
                fileOutput("out", out), "<Route r>", "Path in => out", "</Route>");
        ListAppender<ILoggingEvent> log = capture("logship.in");
        Agent agent = agent(f);
        assertThat(agent.runOnce()).isZero();
        assertThat(lines(out)).hasSize(50).allSatisfy(l -> assertThat(l).startsWith("ok line "));
        assertThat(agent.inputs().get(0).simpleMetrics().counters()).containsEntry(RateLimitedErrors.COUNTER, 50L);
        List<String> errors = log.list.stream().filter(e -> e.getLevel().toString().equals("ERROR"))
                .map(ILoggingEvent::getFormattedMessage).toList();
        // the first at once, the other 49 in one summary at stop
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).startsWith("in: " + f + ":7: invalid operation string * integer");
        assertThat(errors.get(1)).startsWith("in: " + f + ":7: 49 more run-time error(s)");
    }

    @Test
    void config_withoutRoute_routesEveryInputToEveryOutputAsNxlogDoes() throws Exception {
        Path a = dir.resolve("a.log");
        Path b = dir.resolve("b.log");
        Path out = dir.resolve("out.log");
        Files.writeString(a, "from a\n");
        Files.writeString(b, "from b\n");
        Path f = conf(fileInput("a", a), fileInput("b", b), fileOutput("out", out));
        assertThat(runOnce(f)).isZero();
        assertThat(lines(out)).containsExactlyInAnyOrder("from a", "from b");
    }

    @Test
    void schedule_atStartup_runsWithoutAnEvent() throws Exception {
        Path in = dir.resolve("in.log");
        Files.writeString(in, "x\n");
        Path f = conf(fileInput("in", in, "  <Schedule>", "    When @startup",
                "    Exec log_info('scheduled ' + hostname());", "  </Schedule>"),
                fileOutput("out", dir.resolve("out.log")), "<Route r>", "Path in => out", "</Route>");
        ListAppender<ILoggingEvent> log = capture("logship.in");
        assertThat(runOnce(f)).isZero();
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).startsWith("in: scheduled "));
    }
}
