package io.logship.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * How om_tcp puts one event's bytes on the wire, and what it reads back. The bytes of an event are what its
 * OutputType encodes ({@code raw_event} and a LF for LineBased); a framing may add to them (octet counting) and may
 * read acknowledgements from the receiver. Framed bytes are what the spool keeps, so an event is framed once.
 *
 * <p>An acknowledged transport (logship's Binary) implements {@link #acknowledged} and {@link #readAcks}: the sender
 * then resends on a new connection exactly the events not acknowledged, instead of the tail it keeps for plain
 * transports.
 */
interface TcpOutputFraming {
    /** Where a framing writes an event's wire bytes: up to two parts (a prefix and the payload). */
    interface Sink {
        void put(byte[] a, int aLen, byte[] b, int bLen) throws IOException, InterruptedException;
    }

    /** Writes the wire bytes of one event whose OutputType bytes are {@code payload}. */
    void frame(byte[] payload, Sink out) throws IOException, InterruptedException;

    /** True when the receiver acknowledges events ({@link #readAcks} reports them). */
    default boolean acknowledged() {
        return false;
    }

    /**
     * Reads what the receiver sends on one connection until it closes it (returns) or the connection fails
     * (throws). A plain syslog receiver sends nothing: its bytes are discarded, and the return tells the sender
     * the receiver is gone. An acknowledged framing calls {@code acked} with the number of events acknowledged
     * (cumulative, in order) on this connection.
     */
    default void readAcks(InputStream in, LongConsumer acked) throws IOException {
        byte[] discard = new byte[512];
        while (in.read(discard) >= 0) {
            // nothing a plain receiver sends means anything here
        }
    }

    /** LineBased and extension OutputTypes: the OutputType's bytes as they are (they end in their separator). */
    TcpOutputFraming AS_IS = (payload, out) -> out.put(payload, payload.length, payload, 0);

    /** Syslog_TLS (RFC 5425, RFC 6587 octet counting): "LEN SP MSG", LEN the MSG's length in bytes. */
    TcpOutputFraming OCTET_COUNTING = (payload, out) -> {
        byte[] prefix = (payload.length + " ").getBytes(StandardCharsets.US_ASCII);
        out.put(prefix, prefix.length, payload, payload.length);
    };
}
