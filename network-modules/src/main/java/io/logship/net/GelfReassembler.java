package io.logship.net;

import io.logship.api.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts chunked GELF messages back together, per sender and message id, with bounded memory: a message whose chunks
 * have not all arrived within the timeout of its first chunk (Graylog's five seconds) is dropped, and when the
 * chunks held would pass {@code maxBytes} the oldest incomplete messages are dropped first; each drop is reported
 * to the {@link Dropped} listener with the sender, the id and how many chunks had arrived. A chunk that repeats one
 * already held is ignored (UDP may duplicate), and counted. Not thread-safe: one per input.
 */
final class GelfReassembler {
    /** Hears of every incomplete message given up. */
    @FunctionalInterface
    interface Dropped {
        void dropped(String peer, long id, int received, int count, String why);
    }

    private record Key(String peer, long id) {
    }

    private static final class Partial {
        final int count;
        final byte[][] parts;
        final long firstMillis;
        int received;
        long bytes;

        Partial(int count, long firstMillis) {
            this.count = count;
            this.parts = new byte[count][];
            this.firstMillis = firstMillis;
        }
    }

    private final Clock clock;
    private final long timeoutMillis;
    private final long maxBytes;
    private final Dropped dropped;
    private final Metrics.Counter duplicates;
    private final LinkedHashMap<Key, Partial> partials = new LinkedHashMap<>();
    private long heldBytes;

    GelfReassembler(Clock clock, Duration timeout, long maxBytes, Dropped dropped, Metrics.Counter duplicates) {
        this.clock = clock;
        this.timeoutMillis = timeout.toMillis();
        this.maxBytes = maxBytes;
        this.dropped = dropped;
        this.duplicates = duplicates;
    }

    /**
     * One chunk (the datagram starts with the chunk magic).
     *
     * @return the whole payload when this chunk completes its message, else null
     * @throws IllegalArgumentException for a malformed chunk: too short, a count of 0 or over 128, a sequence number
     *                                  not below the count, or a count that differs from the earlier chunks'
     */
    byte[] chunk(byte[] b, int off, int len, String peer) {
        if (len < GelfChunker.HEADER) {
            throw new IllegalArgumentException("GELF chunk of " + len + " bytes is shorter than its "
                    + GelfChunker.HEADER + "-byte header");
        }
        long id = 0;
        for (int i = 0; i < 8; i++) {
            id = (id << 8) | (b[off + 2 + i] & 0xff);
        }
        int seq = b[off + 10] & 0xff;
        int count = b[off + 11] & 0xff;
        if (count == 0 || count > GelfChunker.MAX_CHUNKS) {
            throw new IllegalArgumentException("GELF chunk of message " + hex(id) + " says the message has " + count
                    + " chunks (1 to " + GelfChunker.MAX_CHUNKS + " allowed)");
        }
        if (seq >= count) {
            throw new IllegalArgumentException("GELF chunk of message " + hex(id) + " has sequence number " + seq
                    + ", not below its chunk count " + count);
        }
        long now = clock.millis();
        expire(now);
        byte[] body = java.util.Arrays.copyOfRange(b, off + GelfChunker.HEADER, off + len);
        if (count == 1) {
            return body;
        }
        Key key = new Key(peer, id);
        Partial p = partials.get(key);
        if (p == null) {
            p = new Partial(count, now);
            partials.put(key, p);
        } else if (p.count != count) {
            throw new IllegalArgumentException("GELF chunk " + seq + " of message " + hex(id) + " says " + count
                    + " chunks, the earlier ones said " + p.count);
        }
        if (p.parts[seq] != null) {
            duplicates.increment();
            return null;
        }
        makeRoom(body.length, key);
        p.parts[seq] = body;
        p.received++;
        p.bytes += body.length;
        heldBytes += body.length;
        if (p.received < p.count) {
            return null;
        }
        partials.remove(key);
        heldBytes -= p.bytes;
        byte[] whole = new byte[(int) p.bytes];
        int at = 0;
        for (byte[] part : p.parts) {
            System.arraycopy(part, 0, whole, at, part.length);
            at += part.length;
        }
        return whole;
    }

    /** Drops the messages whose first chunk is older than the timeout, now. */
    void expire() {
        if (!partials.isEmpty()) {
            expire(clock.millis());
        }
    }

    /** Drops the messages whose first chunk is older than the timeout. */
    void expire(long nowMillis) {
        Iterator<Map.Entry<Key, Partial>> it = partials.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Partial> e = it.next();
            Partial p = e.getValue();
            if (nowMillis - p.firstMillis < timeoutMillis) {
                break; // insertion order is age order
            }
            it.remove();
            heldBytes -= p.bytes;
            dropped.dropped(e.getKey().peer(), e.getKey().id(), p.received, p.count,
                    "not all chunks arrived within " + timeoutMillis + " ms");
        }
    }

    /** Drops the oldest incomplete messages (other than {@code keep}) until {@code more} bytes fit. */
    private void makeRoom(long more, Key keep) {
        Iterator<Map.Entry<Key, Partial>> it = partials.entrySet().iterator();
        while (heldBytes + more > maxBytes && it.hasNext()) {
            Map.Entry<Key, Partial> e = it.next();
            if (e.getKey().equals(keep)) {
                continue;
            }
            Partial p = e.getValue();
            it.remove();
            heldBytes -= p.bytes;
            dropped.dropped(e.getKey().peer(), e.getKey().id(), p.received, p.count,
                    "incomplete messages held more than " + maxBytes + " bytes; the oldest is dropped");
        }
    }

    int pending() {
        return partials.size();
    }

    long heldBytes() {
        return heldBytes;
    }

    static String hex(long id) {
        return String.format("%016x", id);
    }
}
