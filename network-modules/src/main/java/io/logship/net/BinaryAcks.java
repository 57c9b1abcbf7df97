package io.logship.net;

import io.logship.api.Position;
import java.util.Map;

/**
 * The receiving side of {@code InputType Binary} for one connection: which sequence number it may acknowledge. Each
 * event it posts carries the position {@code <stream> = <session>:<sequence>}; the host commits a position once
 * every output on the input's routes has flushed the events up to it, and {@link #toAcknowledge} reads the
 * committed positions ({@code InputContext.committedPositions()}) to find the highest committed sequence number of
 * this connection. An acknowledgement therefore means "durable at every output of the receiving agent".
 *
 * <p>The stream is the connection's slot ({@link BinaryStreams}), reused by later connections, so the host keeps one
 * entry per slot rather than one per connection ever made; the session (random per connection) tells this
 * connection's committed values from an earlier one's. Frames that could not be read (skipped, reported) are
 * acknowledged with the first committed frame after them, or once everything before them is committed. Thread-safe
 * (the connection's reader posts, the input's thread acknowledges).
 */
final class BinaryAcks {
    private final String stream;
    private final String session;
    private long lastPosted;
    private long skippedAfterLastPosted;
    private long lastAcknowledged;

    BinaryAcks(String stream, String session) {
        this.stream = stream;
        this.session = session;
    }

    String stream() {
        return stream;
    }

    /** The position for the event of frame {@code sequence}, which is about to be posted. */
    synchronized Position posted(long sequence) {
        lastPosted = sequence;
        skippedAfterLastPosted = 0;
        return new Position(stream, session + ":" + sequence);
    }

    /** Frame {@code sequence} was skipped (malformed): nothing is posted for it. */
    synchronized void skipped(long sequence) {
        skippedAfterLastPosted = sequence;
    }

    /**
     * The sequence number to acknowledge now, from the host's committed positions, or 0 when there is nothing new
     * to acknowledge.
     */
    synchronized long toAcknowledge(Map<String, String> committed) {
        long c = committedSequence(committed.get(stream));
        long ackable = c;
        if (c >= lastPosted && skippedAfterLastPosted > 0) {
            ackable = skippedAfterLastPosted; // everything posted is committed: the skipped frames after it too
        }
        if (ackable > lastAcknowledged) {
            lastAcknowledged = ackable;
            return ackable;
        }
        return 0;
    }

    synchronized long lastAcknowledged() {
        return lastAcknowledged;
    }

    private long committedSequence(String value) {
        if (value == null || !value.startsWith(session) || value.length() <= session.length()
                || value.charAt(session.length()) != ':') {
            return 0; // nothing of this connection committed yet (or an earlier connection's value)
        }
        try {
            return Long.parseLong(value.substring(session.length() + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
