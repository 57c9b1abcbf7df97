package io.logship.system;

import io.logship.api.LogshipException;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * What im_exec and om_exec share: the command, the Restart setting and its back-off, starting the child at
 * {@link #start}, and counting and logging restarts (the first failure of a burst at WARN, the rest at DEBUG).
 * How the child's streams are used is each module's own ({@link #launch}).
 */
abstract class ExecChild {
    final String instance;
    final ChildCommand command;
    final boolean restart;
    final Backoff backoff;
    /** What one failure is called in the burst log lines ("exit", "failure"). */
    private final String failure;
    Logger logger;
    private Metrics.Counter restarts;

    ExecChild(String instance, ChildCommand command, boolean restart, Backoff backoff, String failure) {
        this.instance = instance;
        this.command = command;
        this.restart = restart;
        this.backoff = backoff;
        this.failure = failure;
    }

    /** Takes the logger and the {@code exec.restarts} counter, then starts the child. */
    public void start(ModuleContext context) throws LogshipException {
        logger = context.logger();
        restarts = context.metrics().counter("exec.restarts");
        started(context);
        ChildProcess c = launch();
        logger.info("{}: started {} (pid {})", instance, command, c.pid());
    }

    /** Hook for a module's own state from the context, before the first launch. */
    void started(ModuleContext context) {
    }

    /** Starts the child and wires its streams; returns it. */
    abstract ChildProcess launch() throws LogshipException;

    /** Starts the child again after a back-off; returns it. */
    ChildProcess relaunch() throws LogshipException {
        ChildProcess c = launch();
        logger.debug("{}: started {} again (pid {})", instance, command, c.pid());
        return c;
    }

    /** The child could not be started again: the back-off delay before the next try, counted and logged. */
    Duration startFailed(LogshipException e) {
        Duration delay = backOff(Duration.ZERO);
        logBurst(e.getMessage() + "; trying again in " + delay.toMillis() + " ms");
        return delay;
    }

    /** The child failed after running {@code ranFor}: the back-off delay before it starts again, counted. */
    Duration backOff(Duration ranFor) {
        Duration delay = backoff.failed(ranFor);
        restarts.increment();
        return delay;
    }

    /** Logs a failure: the first of a burst at WARN, the rest at DEBUG. */
    void logBurst(String what) {
        if (backoff.firstOfBurst()) {
            logger.warn("{}: {} (further {}s in this burst are logged at DEBUG)", instance, what, failure);
        } else {
            logger.debug("{}: {} ({} {} of this burst)", instance, what, failure, backoff.failures());
        }
    }
}
