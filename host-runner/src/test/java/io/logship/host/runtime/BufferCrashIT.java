package io.logship.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of an agent whose route goes through a disk pm_buffer while the buffer holds a backlog the input has
 * already committed; a restart delivers every event: those only the buffer held included.
 */
@Timeout(120)
class BufferCrashIT {
    private static final int TOTAL = 10_000;

    @TempDir
    Path dir;

    private Process start(String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                BufferCrashDriver.class.getName(), dir.toString(), mode, String.valueOf(TOTAL))
                .redirectErrorStream(true).redirectOutput(dir.resolve(mode + ".log").toFile()).start();
    }

    private long committedInput() {
        try {
            String v = new FileCheckpointStore(dir.resolve("cache")).load("in").get("");
            return v == null ? 0 : Long.parseLong(v);
        } catch (Exception e) {
            return 0; // not written yet
        }
    }

    private long outLines() throws IOException {
        Path out = dir.resolve("out.log");
        if (!Files.exists(out)) {
            return 0;
        }
        return Files.readAllLines(out, StandardCharsets.UTF_8).size();
    }

    @Test
    void crash_whenKilledWithABacklogInTheBuffer_restartDeliversEveryEvent() throws Exception {
        Process child = start("slow");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long committed = 0;
        long delivered = 0;
        while (true) {
            if (!child.isAlive()) {
                throw new AssertionError("the agent died: " + Files.readString(dir.resolve("slow.log")));
            }
            assertThat(System.nanoTime()).as("a backlog built up in the buffer").isLessThan(deadline);
            committed = committedInput();
            delivered = outLines();
            if (committed >= 4000 && delivered >= 200 && delivered < committed - 1000) {
                break;
            }
            Thread.onSpinWait();
        }
        child.destroyForcibly(); // SIGKILL: no stop, no last flush or commit
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Process again = start("once");
        assertThat(again.waitFor(90, TimeUnit.SECONDS)).as("the restart finishes (see once.log)").isTrue();
        assertThat(again.exitValue()).as(Files.readString(dir.resolve("once.log"))).isZero();

        List<String> lines = Files.readAllLines(dir.resolve("out.log"), StandardCharsets.UTF_8);
        Set<String> seen = new HashSet<>(lines);
        for (int i = 0; i < TOTAL; i++) {
            assertThat(seen).as("event %d (the input had committed %d at the kill, %d were delivered)", i,
                    committed, delivered).contains("x-" + i);
        }
        long duplicates = lines.size() - seen.size();
        System.out.printf("BufferCrashIT: killed at %d committed by the input, %d delivered; after the restart %d "
                + "lines, %d duplicates%n", committed, delivered, lines.size(), duplicates);
        assertThat(new FileCheckpointStore(dir.resolve("cache")).load("in")).isEqualTo(Map.of("", "10000"));
    }
}
