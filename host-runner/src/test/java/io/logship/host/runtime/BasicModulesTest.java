package io.logship.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Module;
import io.logship.api.ModuleProvider;
import io.logship.api.InputModule;
import io.logship.host.config.ConfigLoader;
import io.logship.host.config.ModuleConfigs;
import io.logship.host.config.ModuleRegistry;
import io.logship.testkit.TestInputContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** pm_filter, om_null, im_null, im_mark in a running agent or alone. */
@Timeout(60)
class BasicModulesTest {
    @TempDir
    Path dir;

    private Path conf(String... lines) throws IOException {
        Path f = dir.resolve("logship.conf");
        Files.writeString(f, "CacheDir " + dir.resolve("cache") + "\n" + String.join("\n", lines) + "\n");
        return f;
    }

    private int runOnce(Path f) throws Exception {
        return new Agent(ConfigLoader.load(f, ModuleRegistry.load(), dir.resolve("home")), TestPipeline.options())
                .runOnce();
    }

    private String input(Path file) {
        return "<Input in>\nModule im_file\nFile " + file + "\nReadFromLast FALSE\nPollInterval 50ms\n</Input>";
    }

    @Test
    void pmFilter_whenConditionIsNotTrue_dropsTheEventAndCommitsIt() throws Exception {
        Path in = dir.resolve("in.log");
        Path out = dir.resolve("out.log");
        Files.writeString(in, "error 1\ninfo 2\nerror 3\ninfo 4\n");
        Path f = conf(input(in), "<Processor only_errors>", "Module pm_filter", "Condition $raw_event =~ /^error/",
                "</Processor>", "<Output out>", "Module om_file", "File " + out, "</Output>",
                "<Route r>", "Path in => only_errors => out", "</Route>");
        assertThat(runOnce(f)).isZero();
        assertThat(Files.readAllLines(out)).containsExactly("error 1", "error 3");
        Files.writeString(in, "error 5\n", StandardOpenOption.APPEND);
        assertThat(runOnce(f)).isZero();
        assertThat(Files.readAllLines(out)).containsExactly("error 1", "error 3", "error 5");
    }

    @Test
    void omNull_discardsEventsAndTheirPositionsAreCommitted() throws Exception {
        Path in = dir.resolve("in.log");
        Path out = dir.resolve("out.log");
        Files.writeString(in, "a\nb\n");
        Path toNull = conf(input(in), "<Output nowhere>", "Module om_null", "</Output>", "<Route r>",
                "Path in => nowhere", "</Route>");
        assertThat(runOnce(toNull)).isZero();
        // the same input, now to a file: only what came after is read
        Files.writeString(in, "c\n", StandardOpenOption.APPEND);
        Path toFile = conf(input(in), "<Input idle>", "Module im_null", "</Input>", "<Output out>",
                "Module om_file", "File " + out, "</Output>", "<Route r>", "Path in, idle => out", "</Route>");
        assertThat(runOnce(toFile)).isZero();
        assertThat(Files.readAllLines(out)).containsExactly("c");
    }

    @Test
    void imMark_postsTheMarkEveryIntervalStartingOneIntervalAfterStart() throws Exception {
        ModuleProvider p = ModuleRegistry.load().find("im_mark").orElseThrow();
        Module m = p.create(ModuleConfigs.of(p, "mark", dir, dir, dir, "Mark", "alive", "MarkInterval", "2"));
        TestInputContext ctx = new TestInputContext("im_mark", "mark", dir);
        ctx.setClock(java.time.Clock.fixed(java.time.Instant.parse("2026-01-02T03:04:05Z"), java.time.ZoneOffset.UTC));
        ((InputModule) m).read(ctx);
        assertThat(ctx.events).isEmpty();
        assertThat(ctx.scheduled).isEqualTo(Duration.ofMinutes(2));
        ((InputModule) m).read(ctx);
        assertThat(ctx.events).singleElement().satisfies(e -> {
            assertThat(e.raw()).isEqualTo("alive");
            assertThat(e.getString("Message")).isEqualTo("alive");
            // the manual's other fields
            assertThat(e.get("EventTime")).isEqualTo(ctx.clock().instant());
            assertThat(e.get("ProcessID")).isEqualTo(ProcessHandle.current().pid());
            assertThat(e.get("Severity")).isEqualTo("INFO");
            assertThat(e.get("SeverityValue")).isEqualTo(2L);
            assertThat(e.get("SourceName")).isEqualTo("logship");
        });
        assertThat(ctx.scheduled).isEqualTo(Duration.ofMinutes(2));
        assertThat(List.of(p.name(), p.kind().name())).containsExactly("im_mark", "INPUT");
    }
}
