package io.logship.host.runtime;

import io.logship.api.Metrics;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The events an input with {@code FlowControl FALSE} dropped because a queue on its route was full: each counted
 * in the input's metrics ({@link #COUNTER}), and reported once per burst: one WARN when the first event of a burst
 * is dropped (naming the input and the full queue), one WARN with the burst's exact count when the burst ends (no
 * drop for {@link #QUIET}), and, while a burst goes on, one WARN a minute with the count so far. Thread-safe: the
 * input's thread records, the agent's thread {@link #tick ticks}.
 */
final class FullQueueDrops {
    static final String COUNTER = "flowcontrol.dropped";
    /** A burst ends when nothing was dropped for this long. */
    static final Duration QUIET = Duration.ofSeconds(1);
    private static final long PROGRESS_NANOS = Duration.ofMinutes(1).toNanos();

    private final String input;
    private final Logger log;
    private final Metrics.Counter counter;
    private final LongSupplier nanos;
    private final long quietNanos;
    /** True while a burst is open; read without the lock on every delivered event. */
    private volatile boolean inBurst;
    private long burstStart;
    private long lastDrop;
    private long lastProgress;
    private long burstCount;
    private final Set<String> full = new LinkedHashSet<>();

    FullQueueDrops(String input, Logger log, Metrics metrics, LongSupplier nanos, Duration quiet) {
        this.input = input;
        this.log = log;
        this.counter = metrics.counter(COUNTER);
        this.nanos = nanos;
        this.quietNanos = quiet.toNanos();
    }

    /**
     * One event dropped: its queue toward {@code where} (e.g. "output out (1000 events)") was full.
     * Counted once per event however many of its route's queues were full: call with every full one.
     */
    synchronized void dropped(Set<String> where) {
        long now = nanos.getAsLong();
        counter.increment();
        if (!inBurst) {
            inBurst = true;
            burstStart = now;
            lastProgress = now;
            burstCount = 0;
            full.clear();
            log.warn("input {}: FlowControl FALSE: the queue of {} is full; dropping events until it has room",
                    input, String.join(", ", where));
        }
        full.addAll(where);
        burstCount++;
        lastDrop = now;
        if (now - lastProgress >= PROGRESS_NANOS) {
            lastProgress = now;
            log.warn("input {}: FlowControl FALSE: still dropping: {} event(s) in {} s so far (full: {})", input,
                    burstCount, seconds(now - burstStart), String.join(", ", full));
        }
    }

    /** An event went through: ends an open burst that has been quiet long enough. Cheap when none is open. */
    void delivered() {
        if (inBurst) {
            tick();
        }
    }

    /** Ends an open burst that has been quiet for {@link #QUIET}. */
    synchronized void tick() {
        if (inBurst && nanos.getAsLong() - lastDrop >= quietNanos) {
            end();
        }
    }

    /** Ends an open burst now (at stop). */
    synchronized void finish() {
        if (inBurst) {
            end();
        }
    }

    long total() {
        return counter.get();
    }

    private void end() {
        inBurst = false;
        log.warn("input {}: FlowControl FALSE: dropped {} event(s) in {} s while the queue of {} was full; {} dropped "
                + "since start", input, burstCount, seconds(lastDrop - burstStart), String.join(", ", full),
                counter.get());
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
