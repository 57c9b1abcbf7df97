package io.logship.system;

import io.logship.api.Event;
import io.logship.api.LogshipException;
import io.logship.api.OutputModule;
import io.logship.api.RetriableException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.event.Level;

/**
 * om_exec: runs a program and writes each event's {@code $raw_event} as a line to its stdin; its stdout and
 * stderr are logged. Lines gather in a buffer that goes into the pipe when full and at every {@link #flush}, which
 * returns once the pipe took everything (as far as a pipe can be made durable: what a child read and then lost
 * when it died is gone; that is the limit of this transport).
 *
 * <p>A child that died (exit or a broken pipe) is started again after a back-off (first exit of a burst logged at
 * WARN with its exit code) and the buffered lines that had not gone into the pipe go to the new child; meanwhile
 * write and flush throw {@link RetriableException}, so the host retries the same event and nothing is dropped.
 * With {@code Restart FALSE} the child is not started again and every write fails retriably: the events are held
 * (the routes back up), the error is logged once.
 */
final class ExecOutput extends ExecChild implements OutputModule {
    static final int BUFFER = 64 * 1024;

    private byte[] pending = new byte[BUFFER];
    private int pendingLen;
    private ChildProcess child;
    private OutputStream stdin;
    private long retryAtNanos;
    private boolean deadForGood;
    private volatile boolean stopping;

    ExecOutput(String instance, ChildCommand command, boolean restart, Backoff backoff) {
        super(instance, command, restart, backoff, "failure");
    }

    @Override
    ChildProcess launch() throws LogshipException {
        ChildProcess c = ChildProcess.start(command, instance);
        Process p = c.process();
        c.log("stdout", p.getInputStream(), logger, Level.INFO, instance + ": " + command.program() + " stdout: ");
        c.log("stderr", p.getErrorStream(), logger, Level.WARN, instance + ": " + command.program() + " stderr: ");
        child = c;
        stdin = p.getOutputStream();
        return c;
    }

    @Override
    public void write(Event event) throws LogshipException {
        ensureChild();
        String raw = event.raw();
        byte[] line = (raw == null ? "" : raw).getBytes(StandardCharsets.UTF_8);
        int need = line.length + 1;
        if (pendingLen > 0 && pendingLen + need > BUFFER) {
            drain(); // a failure leaves this event unaccepted: the host retries this write
        }
        if (pendingLen + need > pending.length) {
            pending = Arrays.copyOf(pending, pendingLen + need);
        }
        System.arraycopy(line, 0, pending, pendingLen, line.length);
        pending[pendingLen + line.length] = '\n';
        pendingLen += need;
    }

    @Override
    public void flush() throws LogshipException {
        ensureChild();
        drain();
    }

    private void drain() throws RetriableException {
        try {
            stdin.write(pending, 0, pendingLen);
            stdin.flush();
        } catch (IOException e) {
            throw died("its stdin failed (" + e.getMessage() + ")", e);
        }
        pendingLen = 0;
        if (pending.length > BUFFER) {
            pending = new byte[BUFFER];
        }
    }

    /** A child to write to, or a RetriableException saying when there will be one. */
    private void ensureChild() throws RetriableException {
        if (stopping) {
            throw new RetriableException(instance + ": stopping", null);
        }
        if (child != null) {
            if (child.process().isAlive()) {
                return;
            }
            throw died("it exited", null);
        }
        if (deadForGood) {
            throw new RetriableException(instance + ": " + command + " is not running and Restart is FALSE; "
                    + "events are held until the agent restarts", null, Duration.ofMinutes(1));
        }
        long wait = retryAtNanos - System.nanoTime();
        if (wait > 0) {
            throw new RetriableException(instance + ": " + command + " starts again in "
                    + TimeUnit.NANOSECONDS.toMillis(wait) + " ms", null, Duration.ofNanos(wait));
        }
        try {
            relaunch();
        } catch (LogshipException e) {
            Duration delay = startFailed(e);
            retryAtNanos = System.nanoTime() + delay.toNanos();
            throw new RetriableException(e.getMessage(), e, delay);
        }
    }

    /** The child is gone: logs it (once per burst), plans the restart, and returns the exception to throw. */
    private RetriableException died(String how, IOException cause) {
        ChildProcess c = child;
        child = null;
        stdin = null;
        int code = c.terminate(Duration.ofSeconds(1));
        Duration ranFor = c.ranFor();
        String what = command + " " + how + ", exit code " + code + " after " + ranFor.toMillis() + " ms";
        if (!restart) {
            deadForGood = true;
            logger.error("{}: {}; not started again (Restart is FALSE): events are held, not dropped, until the "
                    + "agent restarts", instance, what);
            return new RetriableException(instance + ": " + what, cause, Duration.ofMinutes(1));
        }
        Duration delay = backOff(ranFor);
        retryAtNanos = System.nanoTime() + delay.toNanos();
        logBurst(what + "; starting it again in " + delay.toMillis() + " ms, then the unsent events are written "
                + "to it");
        return new RetriableException(instance + ": " + what, cause, delay);
    }

    @Override
    public void stop() {
        stopping = true;
        ChildProcess c = child;
        if (c == null) {
            return;
        }
        try {
            stdin.close(); // end of input: a well-behaved child finishes and exits by itself
        } catch (IOException e) {
            // gone already
        }
        try {
            if (c.process().waitFor(2, TimeUnit.SECONDS)) {
                logger.info("{}: {} exited with code {} at stop", instance, command, c.process().exitValue());
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        logger.info("{}: stopped {} (exit code {})", instance, command, c.terminate(Duration.ofSeconds(2)));
    }

    @Override
    public String toString() {
        return "om_exec " + instance + " (" + command + ")";
    }
}
