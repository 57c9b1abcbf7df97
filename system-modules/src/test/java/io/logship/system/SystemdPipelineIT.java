package io.logship.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.host.config.ConfigLoader;
import io.logship.host.config.ModuleRegistry;
import io.logship.host.runtime.Agent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real agent on an nxlog.conf: im_systemd over a journal directory into om_file, stopped and started again. */
class SystemdPipelineIT {
    @TempDir
    Path tmp;

    @BeforeEach
    void installed() {
        Journals.assumeInstalled();
    }

    @Test
    void imSystemdToOmFile_acrossARestart_deliversEveryEntryOnce() throws Exception {
        Path journal = Files.createDirectories(tmp.resolve("journal"));
        Path out = tmp.resolve("out.txt");
        Path conf = tmp.resolve("nxlog.conf");
        Files.createDirectories(tmp.resolve("cache"));
        Files.writeString(conf, String.join("\n",
                "CacheDir " + tmp.resolve("cache"),
                "<Input journal>",
                "  Module       im_systemd",
                "  Directory    journal",
                "  ReadFromLast FALSE",
                "  Exec         $raw_event = $Message + ' ' + $SyslogSeverity + ' ' + $ProcessID;",
                "</Input>",
                "<Output file>",
                "  Module   om_file",
                "  File     " + out,
                "</Output>",
                "<Route r>", "  Path journal => file", "</Route>", ""));
        Journals.append(journal.resolve("a.journal"), 0, List.of(
                List.of("MESSAGE=first", "PRIORITY=3", "_PID=10"),
                List.of("MESSAGE=second", "PRIORITY=6", "_PID=11")));
        run(conf, out, 2);
        Journals.append(journal.resolve("a.journal"), 10, List.of(List.of("MESSAGE=third", "PRIORITY=4", "_PID=12")));
        run(conf, out, 3);
        assertThat(lines(out)).containsExactly("first ERR 10", "second INFO 11", "third WARNING 12");
    }

    private static void run(Path conf, Path out, int lines) throws Exception {
        Agent agent = new Agent(ConfigLoader.load(conf, ModuleRegistry.load()));
        Thread run = new Thread(agent::runUntilStopped, "agent");
        run.start();
        try {
            Await.until(lines + " lines in " + out, () -> lines(out).size() >= lines);
        } finally {
            agent.stop();
            run.join(10_000);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
