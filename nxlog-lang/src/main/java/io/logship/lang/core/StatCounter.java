package io.logship.lang.core;

import java.util.Locale;

/**
 * One statistical counter ({@code create_stat}) and its algorithm, as NXLog computes them, time in microseconds:
 * <ul>
 * <li>COUNT: the sum of the values added.</li>
 * <li>COUNTMIN / COUNTMAX: the smallest / largest COUNT seen at the end of an interval.</li>
 * <li>AVG: the average of the values added during the last complete interval; AVGMIN / AVGMAX: the smallest /
 * largest such average.</li>
 * <li>RATE: the sum of the values added during the last complete interval, per interval (scaled by
 * interval / elapsed when the counter was read late); RATEMIN / RATEMAX: the smallest / largest rate.</li>
 * <li>GRAD: the change of RATE from one interval to the next; GRADMIN / GRADMAX: the smallest / largest change.</li>
 * </ul>
 * A counter is brought up to date whenever it is added to or read ({@code add_stat}, {@code get_stat}); an
 * interval ends at the first such time at least {@code interval} seconds after the previous end. Until one
 * interval has ended only COUNT has a value (the others are undef). Thread-safe (synchronised per counter).
 */
final class StatCounter {
    enum Type {
        COUNT, COUNTMIN, COUNTMAX, AVG, AVGMIN, AVGMAX, RATE, RATEMIN, RATEMAX, GRAD, GRADMIN, GRADMAX;

        /** The type named case-insensitively, or null. */
        static Type of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        /** -1 keeps the minimum, 1 the maximum, 0 the latest. */
        int extreme() {
            String n = name();
            return n.endsWith("MIN") ? -1 : n.endsWith("MAX") ? 1 : 0;
        }
    }

    private final Type type;
    private final long intervalMicros;
    /** When the counter expires (micros since the epoch), or Long.MAX_VALUE for never. */
    private final long expiry;
    private long lastUpdate;
    /** COUNT*: the running total; the others: the sum within the current interval. */
    private long sum;
    private long adds;
    private long lastRate;
    private long value;
    private boolean defined;

    StatCounter(Type type, long intervalSeconds, long start, long expiry) {
        this.type = type;
        this.intervalMicros = intervalSeconds * 1_000_000L;
        this.lastUpdate = start;
        this.expiry = expiry;
    }

    Type type() {
        return type;
    }

    boolean expired(long now) {
        return now >= expiry;
    }

    synchronized void add(long v, long now) {
        update(now);
        sum += v;
        adds++;
    }

    /** The value at {@code now}, or null (undef) while it has none. */
    synchronized Long get(long now) {
        update(now);
        return defined ? value : null;
    }

    private void update(long now) {
        if (type == Type.COUNT) {
            value = sum;
            defined = true;
            return;
        }
        long length = now - lastUpdate;
        if (length < intervalMicros || length <= 0) {
            return;
        }
        long sample;
        switch (type) {
            case COUNTMIN, COUNTMAX -> sample = sum;
            case AVG, AVGMIN, AVGMAX -> {
                sample = adds == 0 ? 0 : sum / adds;
                sum = 0;
                adds = 0;
            }
            case RATE, RATEMIN, RATEMAX -> {
                sample = scaled(length);
                sum = 0;
            }
            default -> { // GRAD*
                long rate = scaled(length);
                sum = 0;
                sample = rate - lastRate; // the first interval's change is from 0, as in NXLog
                lastRate = rate;
            }
        }
        int extreme = type.extreme();
        if (!defined || extreme == 0 || (extreme < 0 ? sample < value : sample > value)) {
            value = sample;
        }
        defined = true;
        lastUpdate = now;
    }

    /** The interval's sum per interval length, for an update that came {@code length} after the previous. */
    private long scaled(long length) {
        return length == intervalMicros ? sum : (long) ((double) sum * intervalMicros / length);
    }
}
