package io.logship.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.host.config.ConfigLoader;
import io.logship.host.config.ModuleRegistry;
import io.logship.host.runtime.Agent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The real agent routing im_internal to an output that fails every event once: the host's warning about each
 * failure (logged on the output thread while it delivers an im_internal event) must not come back as an event.
 */
class InternalLoopIT {
    @TempDir
    Path tmp;

    @Test
    void outputFailingOnInternalEvents_doesNotFeedItsErrorsBack() throws Exception {
        Path conf = tmp.resolve("nxlog.conf");
        Files.writeString(conf, String.join("\n",
                "CacheDir " + tmp.resolve("cache"),
                "<Input internal>", "  Module im_internal", "</Input>",
                "<Output out>", "  Module om_flaky", "</Output>",
                "<Route r>", "  Path internal => out", "</Route>", ""));
        Files.createDirectories(tmp.resolve("cache"));
        FlakyOutputProvider.ACCEPTED.clear();
        Agent agent = new Agent(ConfigLoader.load(conf, ModuleRegistry.load()));
        Thread run = new Thread(agent::runUntilStopped, "agent");
        run.start();
        try {
            // the agent logs its start after the modules started: that record is delivered first (after a failure)
            Await.until("a first record delivered", () -> !snapshot().isEmpty());
            // FIFO: a loop record logged during that delivery would be queued before this marker
            LoggerFactory.getLogger("logship.marker").warn("marker after the first delivery");
            Await.until("the marker delivered", () -> snapshot().contains("marker after the first delivery"));
        } finally {
            agent.stop();
            run.join(10_000);
        }
        assertThat(snapshot()).noneMatch(m -> m.contains("write failed") || m.contains("succeeded after"));
    }

    private static List<String> snapshot() {
        synchronized (FlakyOutputProvider.ACCEPTED) {
            return List.copyOf(FlakyOutputProvider.ACCEPTED);
        }
    }
}
