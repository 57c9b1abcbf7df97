package io.logship.lang;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * At most one warning per key per interval (a module's per-line problems, xm_multiline and pm_pattern), so a
 * bad input cannot flood the log. Thread-safe; two threads at the same moment may both be let through.
 */
public final class WarnLimit {
    private final long everyMillis;
    private final ConcurrentMap<String, Long> last = new ConcurrentHashMap<>();

    public WarnLimit(long everyMillis) {
        this.everyMillis = everyMillis;
    }

    /** True when a warning under {@code key} may be logged now, which is then counted as its last. */
    public boolean allow(String key) {
        long now = System.currentTimeMillis();
        Long prev = last.get(key);
        if (prev == null || now - prev >= everyMillis) {
            last.put(key, now);
            return true;
        }
        return false;
    }
}
