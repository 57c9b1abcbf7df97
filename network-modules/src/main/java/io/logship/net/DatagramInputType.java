package io.logship.net;

import io.logship.api.Event;
import java.util.Optional;

/**
 * How a datagram input (im_udp, im_uds datagram) turns datagrams into events when its {@code InputType} names an
 * extension of this kind (xm_gelf's {@code GELF}: plain, gzip or zlib JSON, or chunks reassembled per message id).
 * Implementations are thread-safe factories; a {@link Decoder} is used by one thread at a time.
 */
public interface DatagramInputType {
    /** A decoder for one input instance (it may hold partial chunked messages, bounded). */
    Decoder open(String source);

    interface Decoder {
        /**
         * One datagram as received.
         *
         * @param peer what the input calls the sender in messages (address:port, or the socket path)
         * @return the event when the datagram completes one, empty when it is a chunk of one not complete yet
         * @throws IllegalArgumentException when the datagram is malformed (the message says why, without the payload)
         */
        Optional<Event> datagram(byte[] data, int offset, int length, String peer);
    }
}
