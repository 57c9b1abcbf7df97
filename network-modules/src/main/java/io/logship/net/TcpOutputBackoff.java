package io.logship.net;

import java.time.Duration;

/**
 * The wait between rounds of failed connection attempts: NXLog's {@code Reconnect} when set (a fixed interval);
 * otherwise 1 s, doubled after each failed round up to 60 s, back to 1 s once a connection lasted. Not thread-safe.
 */
final class TcpOutputBackoff {
    static final Duration INITIAL = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(60);
    private final Duration fixed;
    private final Duration initial;
    private Duration next;

    TcpOutputBackoff(Duration fixed, Duration initial) {
        this.fixed = fixed;
        this.initial = initial;
        this.next = initial;
    }

    static TcpOutputBackoff of(Duration reconnect) {
        return new TcpOutputBackoff(reconnect, INITIAL);
    }

    Duration next() {
        if (fixed != null) {
            return fixed;
        }
        Duration d = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(MAX) > 0 ? MAX : doubled;
        return d;
    }

    void reset() {
        next = initial;
    }
}
