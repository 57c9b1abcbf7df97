package io.logship.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.host.config.ConfigLoader;
import io.logship.host.config.ModuleRegistry;
import io.logship.host.runtime.Agent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real agent on an nxlog.conf: im_exec's lines through a route into om_exec's child. */
class ExecPipelineIT {
    @TempDir
    Path tmp;

    @Test
    void imExecToOmExec_throughTheAgent_deliversEveryLineInOrder() throws Exception {
        Path out = tmp.resolve("out.txt");
        Path conf = tmp.resolve("nxlog.conf");
        Files.createDirectories(tmp.resolve("cache"));
        Files.writeString(conf, String.join("\n",
                "CacheDir " + tmp.resolve("cache"),
                "<Input gen>",
                "  Module   im_exec",
                "  Command  /bin/sh",
                "  Arg      -c",
                "  Arg      i=1; while [ $i -le 500 ]; do echo \"line $i\"; i=$((i+1)); done",
                "  InputType LineBased",
                "</Input>",
                "<Output sink>",
                "  Module   om_exec",
                "  Command  /bin/sh",
                "  Arg      -c",
                "  Arg      cat >> " + out,
                "</Output>",
                "<Route r>", "  Path gen => sink", "</Route>", ""));
        Agent agent = new Agent(ConfigLoader.load(conf, ModuleRegistry.load()));
        Thread run = new Thread(agent::runUntilStopped, "agent");
        run.start();
        try {
            Await.until("500 lines in " + out, () -> lines(out).size() >= 500);
        } finally {
            agent.stop();
            run.join(10_000);
        }
        List<String> got = lines(out);
        assertThat(got).hasSize(500).startsWith("line 1", "line 2").endsWith("line 500");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
