package io.logship.host.runtime;

import java.time.Clock;
import java.time.Duration;

/**
 * The runtime's tunables. Production reads them from system properties ({@link #fromSystemProperties});
 * tests build them directly with short intervals and an injected clock.
 *
 * @param clock            the clock modules see and EventReceivedTime comes from
 * @param queueCapacity    events each output's queue holds before post() blocks ({@code logship.queue.capacity})
 * @param flushMaxEvents   an output is flushed after at most this many writes ({@code logship.flush.events})
 * @param flushInterval    ... or this long after its last flush ({@code logship.flush.interval.ms})
 * @param commitInterval   how often positions are committed ({@code logship.commit.interval.ms})
 * @param stopTimeout      how long a graceful stop may take before it is abandoned ({@code logship.stop.timeout.ms})
 * @param backoffInitial   first retry delay after a failure ({@code logship.backoff.initial.ms})
 * @param backoffMax       retry delay cap ({@code logship.backoff.max.ms})
 * @param statsInterval    how often the stats summary is logged ({@code logship.stats.interval.s})
 * @param handleSignals    whether SIGTERM/SIGINT stop the agent (off in unit tests)
 */
record RuntimeOptions(Clock clock, int queueCapacity, int flushMaxEvents, Duration flushInterval,
                      Duration commitInterval, Duration stopTimeout, Duration backoffInitial, Duration backoffMax,
                      Duration statsInterval, boolean handleSignals) {

    RuntimeOptions {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1");
        }
        if (flushMaxEvents < 1) {
            throw new IllegalArgumentException("flush max events must be at least 1");
        }
    }

    static RuntimeOptions defaults() {
        return new RuntimeOptions(Clock.systemUTC(), 10_000, 10_000, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofSeconds(60),
                true);
    }

    static RuntimeOptions fromSystemProperties() {
        RuntimeOptions d = defaults();
        return new RuntimeOptions(d.clock(),
                (int) longProp("logship.queue.capacity", d.queueCapacity()),
                (int) longProp("logship.flush.events", d.flushMaxEvents()),
                Duration.ofMillis(longProp("logship.flush.interval.ms", d.flushInterval().toMillis())),
                Duration.ofMillis(longProp("logship.commit.interval.ms", d.commitInterval().toMillis())),
                Duration.ofMillis(longProp("logship.stop.timeout.ms", d.stopTimeout().toMillis())),
                Duration.ofMillis(longProp("logship.backoff.initial.ms", d.backoffInitial().toMillis())),
                Duration.ofMillis(longProp("logship.backoff.max.ms", d.backoffMax().toMillis())),
                Duration.ofSeconds(longProp("logship.stats.interval.s", d.statsInterval().toSeconds())),
                true);
    }

    RuntimeOptions withClock(Clock c) {
        return new RuntimeOptions(c, queueCapacity, flushMaxEvents, flushInterval, commitInterval, stopTimeout,
                backoffInitial, backoffMax, statsInterval, handleSignals);
    }

    RuntimeOptions withQueueCapacity(int n) {
        return new RuntimeOptions(clock, n, flushMaxEvents, flushInterval, commitInterval, stopTimeout,
                backoffInitial, backoffMax, statsInterval, handleSignals);
    }

    RuntimeOptions withFlushMaxEvents(int n) {
        return new RuntimeOptions(clock, queueCapacity, n, flushInterval, commitInterval, stopTimeout,
                backoffInitial, backoffMax, statsInterval, handleSignals);
    }

    RuntimeOptions withCommitInterval(Duration d) {
        return new RuntimeOptions(clock, queueCapacity, flushMaxEvents, flushInterval, d, stopTimeout,
                backoffInitial, backoffMax, statsInterval, handleSignals);
    }

    RuntimeOptions withStopTimeout(Duration d) {
        return new RuntimeOptions(clock, queueCapacity, flushMaxEvents, flushInterval, commitInterval, d,
                backoffInitial, backoffMax, statsInterval, handleSignals);
    }

    /** The retry delay after {@code failures} consecutive failures: initial * 2^(failures-1), capped. */
    Duration backoff(int failures) {
        long initial = Math.max(1, backoffInitial.toMillis());
        int shift = Math.min(Math.max(failures - 1, 0), 30);
        long ms = initial << shift;
        if (ms <= 0 || ms > backoffMax.toMillis()) {
            ms = backoffMax.toMillis();
        }
        return Duration.ofMillis(ms);
    }

    private static long longProp(String name, long def) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            return Long.parseLong(v.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + name + ": not a whole number: " + v);
        }
    }
}
