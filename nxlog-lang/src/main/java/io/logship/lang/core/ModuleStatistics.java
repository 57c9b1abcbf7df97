package io.logship.lang.core;

import io.logship.lang.ExecError;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An instance's statistical counters by name. Expired counters are gone (reads are undef, adds are errors as
 * for a counter never created); past {@link #MAX} live counters creating another is an error. Thread-safe.
 */
final class ModuleStatistics {
    static final int MAX = 10_000;

    private final ConcurrentHashMap<String, StatCounter> counters = new ConcurrentHashMap<>();
    private final int max;

    ModuleStatistics() {
        this(MAX);
    }

    ModuleStatistics(int max) {
        this.max = max;
    }

    /** NXLog's create_stat: a counter that already exists (and has not expired) is left as it is. */
    void create(String name, StatCounter counter, long now) {
        StatCounter old = counters.get(name);
        if (old != null && !old.expired(now)) {
            return;
        }
        if (old == null && counters.size() >= max) {
            counters.values().removeIf(c -> c.expired(now));
            if (counters.size() >= max) {
                throw new ExecError("create_stat(): too many statistical counters (" + max + "); a counter name"
                        + " built from event data? give them a lifetime");
            }
        }
        counters.compute(name, (k, c) -> c != null && !c.expired(now) ? c : counter);
    }

    /** The live counter, or null. */
    StatCounter find(String name, long now) {
        StatCounter c = counters.get(name);
        if (c != null && c.expired(now)) {
            counters.remove(name, c);
            return null;
        }
        return c;
    }
}
