package io.logship.host.buffer;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * pm_buffer's two warnings, NXLog's way, rate-limited: one WARN when the fill reaches {@code WarnLimit}, armed
 * again once the fill has fallen to half of it; one WARN when the buffer is full (the inputs feeding it wait, or
 * drop with {@code FlowControl FALSE}), armed again once the fill has fallen to half of {@code MaxSize}. A small
 * buffer in a busy route fills and drains many times a second, so each warning is logged at most once per
 * {@link #INTERVAL}, saying how many times it was reached in between. Thread-safe.
 */
final class FillWarnings {
    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final String instance;
    private final Logger log;
    private final long warnBytes;
    private final long maxBytes;
    private final LongSupplier nanos;
    private final Limited limit = new Limited();
    private final Limited full = new Limited();

    /** One warning's state: armed, when last logged, how often reached since. */
    private final class Limited {
        boolean armed = true;
        long lastLogged;
        boolean loggedOnce;
        long reachedSince;

        /** Reached: true when it is to be logged now. */
        boolean reach() {
            if (!armed) {
                return false;
            }
            armed = false;
            long now = nanos.getAsLong();
            if (loggedOnce && now - lastLogged < INTERVAL.toNanos()) {
                reachedSince++;
                return false;
            }
            loggedOnce = true;
            lastLogged = now;
            return true;
        }

        String since() {
            long n = reachedSince;
            reachedSince = 0;
            return n == 0 ? "" : " (and " + n + " more time(s) since the last such warning)";
        }
    }

    /** @param warnBytes WarnLimit in bytes, 0 for none */
    FillWarnings(String instance, Logger log, long warnBytes, long maxBytes, LongSupplier nanos) {
        this.instance = instance;
        this.log = log;
        this.warnBytes = warnBytes;
        this.maxBytes = maxBytes;
        this.nanos = nanos;
    }

    /** The fill is now {@code bytes}. */
    synchronized void filled(long bytes) {
        if (warnBytes > 0 && bytes >= warnBytes && limit.reach()) {
            log.warn("pm_buffer {}: holds {} KiB, reaching its WarnLimit of {} KiB (MaxSize {} KiB){}", instance,
                    bytes / 1024, warnBytes / 1024, maxBytes / 1024, limit.since());
        } else if (bytes <= warnBytes / 2) {
            limit.armed = true;
        }
        if (bytes <= maxBytes / 2) {
            full.armed = true;
        }
    }

    /** An event waits for room: the buffer holds {@code bytes}. */
    synchronized void full(long bytes) {
        if (full.reach()) {
            log.warn("pm_buffer {}: full ({} KiB of MaxSize {} KiB): the inputs feeding it wait (those with "
                    + "FlowControl FALSE drop) until the outputs after it take events again{}", instance,
                    bytes / 1024, maxBytes / 1024, full.since());
        }
    }
}
