package io.logship.lang;

/**
 * Compiled statements. {@link #run} executes them in order for the event in the context: a statement that
 * fails with an {@link ExecError} is reported to the environment's {@link ExecErrors} with its file:line and
 * the run goes on; after {@code drop()} nothing more runs. Thread-safe: one program, one context per thread.
 */
@FunctionalInterface
public interface ExecProgram {
    /** A program that does nothing. */
    ExecProgram EMPTY = ctx -> {
    };

    void run(ExecContext ctx);

    /** This program, then {@code next} (not after a drop). */
    default ExecProgram then(ExecProgram next) {
        if (this == EMPTY) {
            return next;
        }
        if (next == EMPTY) {
            return this;
        }
        ExecProgram first = this;
        return ctx -> {
            first.run(ctx);
            if (!ctx.dropped()) {
                next.run(ctx);
            }
        };
    }
}
