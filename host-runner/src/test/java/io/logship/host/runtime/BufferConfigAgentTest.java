package io.logship.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logship.host.config.ConfigLoader;
import io.logship.host.config.ModuleRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** pm_buffer from a config file, between the real im_file and om_file. */
@Timeout(60)
class BufferConfigAgentTest {
    @TempDir
    Path dir;

    private int runOnce(String... lines) throws Exception {
        Path f = dir.resolve("logship.conf");
        Files.writeString(f, "CacheDir " + dir.resolve("cache") + "\nSpoolDir " + dir.resolve("spool") + "\n"
                + String.join("\n", lines) + "\n");
        return new Agent(ConfigLoader.load(f, ModuleRegistry.load(), dir.resolve("home")), TestPipeline.options())
                .runOnce();
    }

    private String[] config(Path in, Path out, String... buffer) {
        List<String> l = new java.util.ArrayList<>(List.of("<Input in>", "Module im_file", "File " + in,
                "ReadFromLast FALSE", "PollInterval 50ms", "</Input>", "<Processor buf>", "Module pm_buffer"));
        l.addAll(List.of(buffer));
        l.addAll(List.of("</Processor>", "<Output out>", "Module om_file", "File " + out, "</Output>",
                "<Route r>", "Path in => buf => out", "</Route>"));
        return l.toArray(String[]::new);
    }

    private static List<String> lines(int n) {
        return IntStream.range(0, n).mapToObj(i -> "line " + i).toList();
    }

    @Test
    void runOnce_whenRouteGoesThroughADiskBufferInItsOwnDirectory_deliversEveryLineInOrder() throws Exception {
        Path in = dir.resolve("in.log");
        Path out = dir.resolve("out.log");
        Files.write(in, lines(5000));
        Path bufDir = dir.resolve("buffers/b");

        assertThat(runOnce(config(in, out, "Type Disk", "MaxSize 1024", "Directory " + bufDir, "CreateDir TRUE",
                "Exec $raw_event = $raw_event + ' via buffer';"))).isZero();

        assertThat(Files.readAllLines(out)).isEqualTo(lines(5000).stream().map(s -> s + " via buffer").toList());
        try (var files = Files.list(bufDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
                    .matches("buf\\.\\d{10}\\.q");
        }
    }

    @Test
    void runOnce_whenRouteGoesThroughAMemBuffer_deliversEveryLineInOrder() throws Exception {
        Path in = dir.resolve("in.log");
        Path out = dir.resolve("out.log");
        Files.write(in, lines(5000));

        assertThat(runOnce(config(in, out, "Type Mem", "MaxSize 64"))).isZero();

        assertThat(Files.readAllLines(out)).isEqualTo(lines(5000));
    }

    @Test
    void runOnce_whenAMemBufferFeedsADiskBufferWithAProcessorBetween_deliversEveryLineInOrder() throws Exception {
        Path in = dir.resolve("in.log");
        Path out = dir.resolve("out.log");
        Files.write(in, lines(5000));
        Path f = dir.resolve("logship.conf");

        assertThat(runOnce("<Input in>", "Module im_file", "File " + in, "ReadFromLast FALSE", "PollInterval 50ms",
                "</Input>", "<Processor mem>", "Module pm_buffer", "Type Mem", "MaxSize 16", "</Processor>",
                "<Processor odd>", "Module pm_filter", "Condition $raw_event =~ /[13579]$/", "</Processor>",
                "<Processor disk>", "Module pm_buffer", "Type Disk", "MaxSize 64", "</Processor>",
                "<Output out>", "Module om_file", "File " + out, "</Output>",
                "<Route r>", "Path in => mem, odd, disk => out", "</Route>")).isZero();

        assertThat(Files.readAllLines(out)).isEqualTo(lines(5000).stream().filter(l -> l.matches(".*[13579]$"))
                .toList());
        assertThat(new FileCheckpointStore(dir.resolve("cache")).load("in")).isNotEmpty();
    }

    @Test
    void run_whenDiskBufferDirectoryIsMissingAndCreateDirIsFalse_doesNotStartAndNamesTheDirectory()
            throws Exception {
        ch.qos.logback.classic.Logger agentLog =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("logship.agent");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        agentLog.addAppender(appender);
        Path missing = dir.resolve("nowhere");
        try {
            Files.write(dir.resolve("in.log"), lines(3));
            assertThat(runOnce(config(dir.resolve("in.log"), dir.resolve("out.log"), "Type Disk", "MaxSize 64",
                    "Directory " + missing))).isEqualTo(1);
            assertThat(appender.list).map(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.equals(
                    "cannot start output buf (pm_buffer): pm_buffer buf: Directory " + missing + " does not exist "
                            + "(create it, or set CreateDir TRUE); logship is not starting"));
            assertThat(dir.resolve("out.log")).doesNotExist();
        } finally {
            agentLog.detachAppender(appender);
        }
    }
}
