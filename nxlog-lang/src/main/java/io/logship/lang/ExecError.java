package io.logship.lang;

/**
 * A run-time error in a statement (type mismatch, bad date, ...): the host logs it with the instance and the
 * statement's file:line, rate-limited, counts it, and the event goes on with the statements after the
 * failing one. Carries no stack trace: it is an expected outcome, thrown per event.
 */
public class ExecError extends RuntimeException {
    public ExecError(String message) {
        super(message, null, false, false);
    }

    public ExecError(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
