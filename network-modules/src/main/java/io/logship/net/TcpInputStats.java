package io.logship.net;

import io.logship.api.Utf8;
import io.logship.api.Metrics;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The counters of a network input and its warnings about bad peers: at most one WARN per kind of problem per
 * burst (a minute), naming the instance and the peer of the occurrence logged, and how many occurrences of that
 * kind were not logged since the previous warning. Thread-safe.
 */
final class TcpInputStats {
    static final long BURST_MILLIS = 60_000;

    enum Kind { SPLIT, INVALID_UTF8, FRAMING, REFUSED, TIMEOUT, REJECTED, FAILED, BUDGET }

    private static final class Burst {
        long lastMillis = Long.MIN_VALUE / 2;
        long suppressed;
    }

    private final String instance;
    private final Logger log;
    private final LongSupplier clockMillis;
    private final Map<Kind, Burst> bursts = new EnumMap<>(Kind.class);
    final Metrics.Counter events;
    final Metrics.Counter bytes;
    final Metrics.Counter split;
    final Metrics.Counter invalidUtf8;
    final Metrics.Counter framingErrors;
    final Metrics.Counter refused;
    final Metrics.Counter timeouts;
    final Metrics.Counter rejected;
    final Metrics.Counter accepted;
    final Metrics.Counter failed;

    TcpInputStats(String instance, Logger log, Metrics metrics, LongSupplier clockMillis) {
        this.instance = instance;
        this.log = log;
        this.clockMillis = clockMillis;
        this.events = metrics.counter("events");
        this.bytes = metrics.counter("bytes");
        this.split = metrics.counter("records_split");
        this.invalidUtf8 = metrics.counter("invalid_utf8_records");
        this.framingErrors = metrics.counter("framing_errors");
        this.refused = metrics.counter("connections_refused");
        this.timeouts = metrics.counter("incomplete_record_timeouts");
        this.rejected = metrics.counter("records_rejected");
        this.accepted = metrics.counter("connections_accepted");
        this.failed = metrics.counter("connections_failed");
        for (Kind k : Kind.values()) {
            bursts.put(k, new Burst());
        }
    }

    String instance() {
        return instance;
    }

    Logger log() {
        return log;
    }

    void split(String peer, int max) {
        split.increment();
        warn(Kind.SPLIT, "{}: a record from {} is longer than {} bytes (BufferSize); split into several events",
                peer, max);
    }

    void invalidUtf8(String peer) {
        invalidUtf8.increment();
        warn(Kind.INVALID_UTF8, "{}: a record from {} is not valid UTF-8; invalid bytes replaced by U+FFFD", peer,
                null);
    }

    void framing(String peer, String reason) {
        framingErrors.increment();
        warn(Kind.FRAMING, "{}: closing the connection from {}: {}", peer, reason);
    }

    void refused(String peer, int max) {
        refused.increment();
        warn(Kind.REFUSED, "{}: refusing the connection from {}: MaxConnections ({}) connections are open", peer,
                max);
    }

    void timeout(String peer, long millis) {
        timeouts.increment();
        warn(Kind.TIMEOUT, "{}: closing the connection from {}: a record (or the TLS handshake) was incomplete "
                + "for more than {} ms (IncompleteRecordTimeout); what it had sent of a record is posted as an event", peer, millis);
    }

    void failed(String peer, String reason) {
        failed.increment();
        warn(Kind.FAILED, "{}: connection from {} failed: {}", peer, reason);
    }

    void overBudget(String peer, long limit) {
        warn(Kind.BUDGET, "{}: incomplete records of all connections hold {} bytes, the input's limit: the record "
                + "from {} is cut into pieces instead of held", String.valueOf(limit), peer);
    }

    void rejected(String peer, String reason) {
        rejected.increment();
        warn(Kind.REJECTED, "{}: a record from {} was rejected by the InputType and is not posted: {}", peer,
                reason);
    }

    private void warn(Kind kind, String format, String peer, Object detail) {
        long now = clockMillis.getAsLong();
        long skipped;
        Burst b = bursts.get(kind);
        synchronized (b) {
            if (now - b.lastMillis < BURST_MILLIS) {
                b.suppressed++;
                return;
            }
            skipped = b.suppressed;
            b.suppressed = 0;
            b.lastMillis = now;
        }
        String suffix = skipped > 0 ? " (" + skipped + " more of these since the last warning)" : "";
        if (detail == null) {
            log.warn(format + suffix, instance, peer);
        } else {
            log.warn(format + suffix, instance, peer, detail);
        }
    }
}
