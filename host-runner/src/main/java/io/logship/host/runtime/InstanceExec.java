package io.logship.host.runtime;

import io.logship.api.Event;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecEnvironment;
import io.logship.lang.ExecError;
import io.logship.lang.ExecProgram;

/**
 * One instance's compiled statements with what they run in: the instance's {@link ExecEnvironment} and an
 * {@link ExecContext} for the one thread (at a time) that runs them: the input's posting thread, the processor's
 * caller (under the processor's lock), the output's worker, or the scheduler.
 */
final class InstanceExec {
    private final ExecProgram program;
    private final ExecEnvironment env;
    private final ExecContext ctx;

    InstanceExec(ExecProgram program, ExecEnvironment env) {
        this.program = program;
        this.env = env;
        this.ctx = new ExecContext(env);
    }

    /** Null when the program is empty: nothing to run per event. */
    static InstanceExec of(ExecProgram program, ExecEnvironment env) {
        return program == null || program == ExecProgram.EMPTY ? null : new InstanceExec(program, env);
    }

    ExecEnvironment env() {
        return env;
    }

    /**
     * Runs the statements on the event.
     *
     * @return false when they dropped it
     */
    boolean keep(Event event) {
        ctx.reset(event);
        run();
        return !ctx.dropped();
    }

    /** Runs the statements without an event (a {@code <Schedule>}). */
    void runWithoutEvent() {
        ctx.reset(null);
        run();
    }

    private void run() {
        try {
            program.run(ctx);
        } catch (ExecError e) {
            env.errors().report("statements of " + env.instanceName(), e);
        } catch (RuntimeException e) {
            // a bug in a function, not in the config: still the event goes on
            env.errors().report("statements of " + env.instanceName(), new ExecError(e.toString(), e));
        }
    }
}
