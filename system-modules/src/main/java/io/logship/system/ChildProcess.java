package io.logship.system;

import io.logship.api.LogshipException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * One started child: its process, when it started, and the daemon threads that read its output streams. A
 * stream nobody reads as events is logged through {@link ChildOutputLog} so that the child never blocks on a full
 * pipe and what it says is not lost.
 */
final class ChildProcess {
    private final Process process;
    private final long startedNanos;
    private final String name;

    private ChildProcess(Process process, String name) {
        this.process = process;
        this.name = name;
        this.startedNanos = System.nanoTime();
    }

    static ChildProcess start(ChildCommand command, String instance) throws LogshipException {
        return new ChildProcess(command.start(instance), instance);
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    Duration ranFor() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Reads one of the child's streams on a daemon thread until its end, then runs {@code atEnd}. */
    Thread pump(String what, InputStream in, int maxLine, LineSplitter.Sink sink, Runnable atEnd) {
        Thread t = new Thread(() -> {
            try (in) {
                new LineSplitter(maxLine).pump(in, sink);
            } catch (IOException e) {
                // the stream was closed (stop) or the child is gone: its end
            } catch (InterruptedException e) {
                return;
            }
            atEnd.run();
        }, "logship-" + name + "-" + what);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Logs a stream line by line (rate-limited) on a daemon thread. */
    Thread log(String what, InputStream in, Logger logger, Level level, String prefix) {
        ChildOutputLog log = ChildOutputLog.of(logger, level, prefix);
        return pump(what, in, 64 * 1024, log::line, () -> { });
    }

    /** The exit code, waiting for it (the child's stdout has ended, so it is exiting). */
    int waitForExit() throws InterruptedException {
        return process.waitFor();
    }

    /**
     * Ends the child and what it started: SIGTERM, then SIGKILL after {@code grace}. Returns the exit code, or -1
     * when it could not be waited for.
     */
    int terminate(Duration grace) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.isAlive() ? -1 : process.exitValue();
    }
}
