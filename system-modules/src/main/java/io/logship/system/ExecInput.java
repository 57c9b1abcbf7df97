package io.logship.system;

import io.logship.api.Event;
import io.logship.api.InputContext;
import io.logship.api.LogshipException;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import java.time.Duration;
import org.slf4j.event.Level;

/**
 * im_exec: runs a program and posts each line of its stdout as an event ({@code $raw_event}); its stderr is
 * logged. Lines go through a bounded queue ({@link ChildLinesInput}). No positions: a pipe is a stream.
 *
 * <p>When the child exits: with {@code Restart TRUE} it is started again after a back-off (one second, doubled
 * per exit within a burst up to a minute; the first exit of a burst is logged at WARN with its exit code, the
 * rest at DEBUG); with {@code Restart FALSE} (NXLog's default) the exit is logged and the input ends.
 */
final class ExecInput extends ChildLinesInput {
    static final int MAX_LINE = 1 << 20;

    private Metrics.Counter lines;

    ExecInput(String instance, ChildCommand command, boolean restart, Backoff backoff) {
        super(instance, command, restart, backoff, 1024);
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
        pumpStdout(c, MAX_LINE);
        return c;
    }

    @Override
    boolean postLine(InputContext context, String line) throws InterruptedException {
        if (!context.post(Event.ofRaw(line))) {
            return false;
        }
        lines.increment();
        return true;
    }

    @Override
    void exited(InputContext context, Exited exit) {
        Duration ranFor = exit.child().ranFor();
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
    void stopped(int exitCode) {
        logger.info("{}: stopped {} (exit code {})", instance, command, exitCode);
    }

    @Override
    public String toString() {
        return "im_exec " + instance + " (" + command + ")";
    }
}
