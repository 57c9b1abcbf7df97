package io.logship.api;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may succeed when tried again (network, throttling, a store that is down).
 * The host retries the same call with backoff and never drops the events involved.
 */
public class RetriableException extends LogshipException {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    public RetriableException(String message, Throwable cause) {
        this(message, cause, null);
    }

    public RetriableException(String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** A hint from the failing side (e.g. S3 SlowDown) of how long to wait before the next try. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
