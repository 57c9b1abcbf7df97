package io.logship.system;

import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Logs the lines a child writes where logship does not read them as events (its stderr, xm_exec's output), at a
 * bounded rate: at most {@code perWindow} lines per {@code windowNanos}; the rest are counted and their number is
 * logged when the next window opens, so a child in a loop cannot flood the agent's log. Thread-safe.
 */
final class ChildOutputLog {
    private final Logger logger;
    private final Level level;
    private final String prefix;
    private final int perWindow;
    private final long windowNanos;
    private long windowStart;
    private int inWindow;
    private long suppressed;

    ChildOutputLog(Logger logger, Level level, String prefix, int perWindow, long windowNanos) {
        this.logger = logger;
        this.level = level;
        this.prefix = prefix;
        this.perWindow = perWindow;
        this.windowNanos = windowNanos;
        this.windowStart = System.nanoTime() - windowNanos;
    }

    /** Twenty lines per ten seconds. */
    static ChildOutputLog of(Logger logger, Level level, String prefix) {
        return new ChildOutputLog(logger, level, prefix, 20, 10_000_000_000L);
    }

    void line(String line) {
        long dropped;
        synchronized (this) {
            long now = System.nanoTime();
            if (now - windowStart >= windowNanos) {
                windowStart = now;
                inWindow = 0;
            }
            if (inWindow >= perWindow) {
                suppressed++;
                return;
            }
            inWindow++;
            dropped = suppressed;
            suppressed = 0;
        }
        if (dropped > 0) {
            logger.atLevel(level).log("{}({} more lines not logged)", prefix, dropped);
        }
        logger.atLevel(level).log("{}{}", prefix, line);
    }
}
