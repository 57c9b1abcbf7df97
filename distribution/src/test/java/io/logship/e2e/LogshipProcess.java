package io.logship.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The real {@code ./logship} launcher at the repository root, run as a child process. */
final class LogshipProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private LogshipProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static synchronized Path root() {
        Path root = Path.of(System.getProperty("logship.root", "..")).toAbsolutePath().normalize();
        if (!Files.isExecutable(root.resolve("logship"))) {
            throw new IllegalStateException("no executable ./logship under " + root);
        }
        if (!stampTouched) {
            markLibCurrent(root.resolve("distribution/target/lib"));
            stampTouched = true;
        }
        return root;
    }

    private static boolean stampTouched;

    /**
     * These tests run after this build's package phase filled distribution/target/lib, so the jars there are
     * current. The launcher decides whether to rebuild by comparing sources with lib/.built, which the
     * package phase writes; refresh it so a source saved during the build cannot make the launcher start a
     * nested build in the middle of a test.
     */
    private static void markLibCurrent(Path lib) {
        try (var jars = Files.newDirectoryStream(lib, ".built")) {
            for (Path jar : jars) {
                Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("distribution/target/lib is missing: run the ITs with "
                    + "'./mvnw -pl distribution -am verify' (" + e + ")", e);
        }
    }

    /**
     * Starts {@code ./logship ARGS}; its stdout and stderr go (appended) to {@code log}. Extra JVM options
     * (e.g. -Dlogship.commit.interval.ms=200) go through LOGSHIP_JAVA_OPTS.
     */
    static LogshipProcess start(Path workDir, Path log, String javaOpts, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(root().resolve("logship").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (javaOpts != null) {
            pb.environment().put("LOGSHIP_JAVA_OPTS", javaOpts);
        }
        return new LogshipProcess(pb.start(), log);
    }

    Process process() {
        return process;
    }

    /** Waits for the exit and returns the exit code; fails with the log's tail when it takes too long. */
    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("logship did not exit within " + seconds + " s; log:\n" + logTail());
        }
        return process.exitValue();
    }

    /** SIGTERM. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String logTail() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() > 8000 ? "..." + text.substring(text.length() - 8000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Polls a condition (every 5 ms) until it holds; fails when the agent exits first or time runs out. */
    void awaitWhileRunning(String what, long seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("logship exited (" + process.exitValue() + ") before " + what + "; log:\n"
                        + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; log:\n" + logTail());
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
