package io.logship.system;

import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.api.LogshipException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An input that reads the lines a child process writes to its stdout (im_exec, im_systemd). The lines go through a
 * bounded queue: when the routes are slow the queue fills, the reader stops, the pipe fills and the child blocks on
 * its writes, so nothing grows without bound. The child's exit goes into the queue behind its last line, so a read
 * sees every line before the exit. Subclasses launch the child ({@link #pumpStdout}), post each line and decide what
 * an exit means.
 */
abstract class ChildLinesInput extends ExecChild implements InputModule {
    /** How long a read waits for a line before returning (so stop is seen at once). */
    private static final long POLL_MILLIS = 200;
    private static final int BATCH = 1000;

    /** A child that ended, and its exit code. */
    record Exited(ChildProcess child, int code) {
    }

    private final BlockingQueue<Object> queue;
    volatile ChildProcess child;
    volatile boolean stopping;

    ChildLinesInput(String instance, ChildCommand command, boolean restart, Backoff backoff, int queueLines) {
        super(instance, command, restart, backoff, "exit");
        this.queue = new ArrayBlockingQueue<>(queueLines);
    }

    /** Reads the child's stdout, lines of at most {@code maxLine} bytes, into the queue, its exit behind them. */
    void pumpStdout(ChildProcess c, int maxLine) {
        c.pump("stdout", c.process().getInputStream(), maxLine, queue::put, () -> exited(c));
        child = c;
    }

    private void exited(ChildProcess c) {
        try {
            queue.put(new Exited(c, c.waitForExit()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Posts one line; false when the host is stopping. */
    abstract boolean postLine(InputContext context, String line) throws InterruptedException;

    /** The child exited (after its last line was posted); {@link #child} is already cleared. */
    abstract void exited(InputContext context, Exited exit);

    /** Logs that stop ended the child, with its exit code. */
    abstract void stopped(int exitCode);

    @Override
    public void read(InputContext context) throws InterruptedException {
        if (stopping) {
            return;
        }
        if (child == null) {
            try {
                relaunch();
            } catch (LogshipException e) {
                context.scheduleRead(startFailed(e));
                return;
            }
        }
        Object item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        int n = 0;
        while (item != null) {
            if (item instanceof Exited exit) {
                child = null;
                if (!stopping) {
                    exited(context, exit);
                }
                return;
            }
            if (!postLine(context, (String) item)) {
                return; // the agent is stopping
            }
            if (++n == BATCH) {
                break;
            }
            item = queue.poll();
        }
        context.scheduleRead(Duration.ZERO);
    }

    @Override
    public void stop() {
        stopping = true;
        ChildProcess c = child;
        if (c != null) {
            stopped(c.terminate(Duration.ofSeconds(2)));
        }
        queue.clear();
    }
}
