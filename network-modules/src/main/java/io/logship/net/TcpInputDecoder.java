package io.logship.net;

import io.logship.api.Event;
import java.nio.ByteBuffer;

/**
 * How one connection's bytes become records ({@code InputType}): one instance per connection, used by the selector
 * thread only. Built-in decoders: LineBased ({@link LineFramingDecoder}), Syslog_TLS ({@link SyslogFramingDecoder}),
 * an {@code <Extension>} InputType ({@link SplitterFramingDecoder}) or a {@link DelimitedInputType}
 * ({@link DelimitedFramingDecoder}).
 *
 * <p>A decoder for an acknowledged protocol (logship's {@code Binary}) also answers {@link #acknowledge}: the bytes
 * to write back to the peer once the records it produced so far have been committed; the connection writes them.
 */
interface TcpInputDecoder {
    /** Where a decoder puts records (the connection adds MessageSourceAddress and batches them). */
    interface Records {
        void add(Event record);
    }

    /** The peer broke the framing: the connection is closed, records decoded before stay delivered. */
    final class FramingException extends Exception {
        private static final long serialVersionUID = 1L;

        FramingException(String message) {
            super(message);
        }
    }

    /** Consumes every remaining byte of {@code in} (its array is readable), adding complete records to out. */
    void decode(ByteBuffer in, Records out) throws FramingException;

    /** The connection had no data for a while: a decoder that flushes idle records (AutoFlush) emits them. */
    default void idle(Records out) {
    }

    /** The connection ends: emit whatever is held (a last line without its terminator). */
    void end(Records out);

    /** The connection is closed: give back what the decoder holds (its share of the input's framing budget). */
    default void release() {
    }

    /** True while part of a record is held (for the incomplete-record timeout). */
    boolean partial();

    /**
     * Bytes to send the peer now that the first {@code committedRecords} records of this connection are committed,
     * or null when the protocol has no acknowledgements (every plain syslog framing).
     */
    default ByteBuffer acknowledge(long committedRecords) {
        return null;
    }
}
