package io.logship.api;

/** An input: called back when its scheduled read fires; posts events that may carry positions. */
public interface InputModule extends Module {
    /**
     * Reads what is available, posts it through the context, and schedules the next read. The host
     * calls this once right after start. A {@link RetriableException} is logged and the read is
     * retried with backoff; any other exception is logged and the read is retried after the last
     * scheduled delay.
     */
    void read(InputContext context) throws LogshipException, InterruptedException;
}
