package io.logship.api;

/** An output: one {@link #write} per event, {@link #flush} to make them durable. Called from one thread. */
public interface OutputModule extends Module {
    /** Takes one event (the output may batch it). A RetriableException makes the host retry the same event. */
    void write(Event event) throws LogshipException, InterruptedException;

    /**
     * Returns only when every event written so far is durable (on disk, in S3, or in the output's
     * disk spool). The host commits input positions after this returns. A RetriableException makes the
     * host retry the flush; events already written must not be lost by the failure.
     */
    void flush() throws LogshipException, InterruptedException;
}
