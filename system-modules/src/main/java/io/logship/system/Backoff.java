package io.logship.system;

import java.time.Duration;

/**
 * The delay before a child process is started again after it exited or failed: {@code initial} after the first
 * failure of a burst, doubled after each further one, at most {@code max}. A child that ran for at least
 * {@code stable} before it exited ends the burst: the next delay is {@code initial} again. Not thread-safe.
 */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final Duration stable;
    private Duration next;
    private int failures;

    Backoff(Duration initial, Duration max, Duration stable) {
        this.initial = initial;
        this.max = max;
        this.stable = stable;
        this.next = initial;
    }

    /** NXLog's one second before a restart, doubled up to a minute; a run of ten seconds ends a burst. */
    static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(10));
    }

    /**
     * Records one exit or failure of a child that ran for {@code ranFor}.
     *
     * @return the delay before the next start
     */
    Duration failed(Duration ranFor) {
        if (ranFor.compareTo(stable) >= 0) {
            next = initial;
            failures = 0;
        }
        failures++;
        Duration d = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return d;
    }

    /** True when the last {@link #failed} began a new burst (the one to log at WARN). */
    boolean firstOfBurst() {
        return failures == 1;
    }

    /** Failures in the current burst. */
    int failures() {
        return failures;
    }
}
