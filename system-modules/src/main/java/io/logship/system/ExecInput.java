package io.logship.system;

import io.logship.api.Event;
import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.api.LogshipException;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.event.Level;

/**
 * im_exec: runs a program and posts each line of its stdout as an event ({@code $raw_event}); its stderr is
 * logged. Lines go through a bounded queue: when the routes are slow the queue fills, the reader stops, the pipe
 * fills and the child blocks on its writes, so nothing grows without bound. No positions: a pipe is a stream.
 *
 * <p>When the child exits: with {@code Restart TRUE} it is started again after a back-off (one second, doubled
 * per exit within a burst up to a minute; the first exit of a burst is logged at WARN with its exit code, the
 * rest at DEBUG); with {@code Restart FALSE} (NXLog's default) the exit is logged and the input ends.
 */
final class ExecInput extends ExecChild implements InputModule {
    /** How long a read waits for a line before returning (so stop is seen at once). */
    private static final long POLL_MILLIS = 200;
    private static final int BATCH = 1000;
    static final int MAX_LINE = 1 << 20;

    private record Exited(ChildProcess child, int code) {
    }

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(1024);
    private volatile ChildProcess child;
    private volatile boolean stopping;
    private Metrics.Counter lines;

    ExecInput(String instance, ChildCommand command, boolean restart, Backoff backoff) {
        super(instance, command, restart, backoff, "exit");
    }

    @Override
    void started(ModuleContext context) {
        lines = context.metrics().counter("exec.lines");
    }

    @Override
    ChildProcess launch() throws LogshipException {
        ChildProcess c = ChildProcess.start(command, instance);
        Process p = c.process();
        try {
            p.getOutputStream().close(); // the child reads nothing from us: it sees end of input at once
        } catch (java.io.IOException e) {
            // already closed
        }
        c.log("stderr", p.getErrorStream(), logger, Level.WARN, instance + ": " + command.program() + " stderr: ");
        c.pump("stdout", p.getInputStream(), MAX_LINE, queue::put, () -> exited(c));
        child = c;
        return c;
    }

    /** After the child's stdout ended: its exit goes into the queue behind its last line. */
    private void exited(ChildProcess c) {
        try {
            int code = c.waitForExit();
            queue.put(new Exited(c, code));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

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
                onExit(context, exit);
                return;
            }
            if (!context.post(Event.ofRaw((String) item))) {
                return; // the agent is stopping
            }
            lines.increment();
            if (++n == BATCH) {
                break;
            }
            item = queue.poll();
        }
        context.scheduleRead(Duration.ZERO);
    }

    private void onExit(InputContext context, Exited exit) {
        child = null;
        Duration ranFor = exit.child().ranFor();
        if (stopping) {
            return;
        }
        if (!restart) {
            logger.warn("{}: {} exited with code {} after {} ms; not started again (Restart is FALSE), so this "
                    + "input reads nothing more", instance, command, exit.code(), ranFor.toMillis());
            return;
        }
        Duration delay = backOff(ranFor);
        logBurst(command + " exited with code " + exit.code() + " after " + ranFor.toMillis()
                + " ms; starting it again in " + delay.toMillis() + " ms");
        context.scheduleRead(delay);
    }

    @Override
    public void stop() {
        stopping = true;
        ChildProcess c = child;
        if (c != null) {
            int code = c.terminate(Duration.ofSeconds(2));
            logger.info("{}: stopped {} (exit code {})", instance, command, code);
        }
        queue.clear();
    }

    @Override
    public String toString() {
        return "im_exec " + instance + " (" + command + ")";
    }
}
