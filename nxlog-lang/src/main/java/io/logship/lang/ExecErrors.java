package io.logship.lang;

/** Where run-time errors of statements go: the host logs them rate-limited per statement and counts them. */
@FunctionalInterface
public interface ExecErrors {
    /**
     * @param where "file:line" of the failing statement
     * @param error what went wrong
     */
    void report(String where, ExecError error);
}
