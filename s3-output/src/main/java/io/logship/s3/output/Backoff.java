package io.logship.s3.output;

import io.logship.s3.S3Errors;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The upload workers' shared backoff: after a failure every worker waits; the wait starts at RetryInterval
 * and doubles per consecutive failure up to MaxRetryInterval (at once MaxRetryInterval for errors that need
 * a fix, such as AccessDenied), with jitter; a success clears it.
 */
final class Backoff {
    private final Duration retryInterval;
    private final Duration maxRetryInterval;
    // guarded by this
    private long untilNanos;
    private int consecutiveFailures;

    Backoff(Duration retryInterval, Duration maxRetryInterval) {
        this.retryInterval = retryInterval;
        this.maxRetryInterval = maxRetryInterval;
    }

    /** Waits while a backoff is in force, returning early once {@code shutdown} is true. */
    void await(BooleanSupplier shutdown) throws InterruptedException {
        while (true) {
            long wait;
            synchronized (this) {
                wait = untilNanos - System.nanoTime();
            }
            if (wait <= 0 || shutdown.getAsBoolean()) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(wait, 100_000_000L));
        }
    }

    synchronized void succeeded() {
        consecutiveFailures = 0;
        untilNanos = 0;
    }

    synchronized void failed(Throwable t) {
        consecutiveFailures++;
        long base = retryInterval.toNanos();
        long max = maxRetryInterval.toNanos();
        long d = S3Errors.isRetriable(t) || t instanceof IOException
                ? Math.min(max, base << Math.min(20, consecutiveFailures - 1)) : max;
        d = d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
        untilNanos = Math.max(untilNanos, System.nanoTime() + d);
    }

    /** True after two failures in a row: the store is failing (stop does not wait it out). */
    synchronized boolean failing() {
        return consecutiveFailures >= 2;
    }
}
