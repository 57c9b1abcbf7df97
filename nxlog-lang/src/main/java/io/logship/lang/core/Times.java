package io.logship.lang.core;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Datetimes as NXLog keeps them: microseconds since the epoch. */
final class Times {
    private Times() {
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    static Instant ofMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    /** NXLog's precision: microseconds. */
    static Instant truncate(Instant t) {
        return t.getNano() % 1000 == 0 ? t : t.truncatedTo(ChronoUnit.MICROS);
    }
}
