package io.logship.net;

import io.logship.api.Event;

/**
 * How a stream input (im_tcp, im_ssl, im_uds stream) splits a connection's bytes when its {@code InputType} names an
 * extension of this kind: records end with a delimiter byte other than a line feed (xm_gelf's {@code GELF} over TCP:
 * a NUL byte) and each record's bytes become one event. Thread-safe.
 */
public interface DelimitedInputType {
    /** The byte that ends a record. */
    byte delimiter();

    /**
     * One record, without its delimiter.
     *
     * @param peer what the input calls the sender in messages
     * @throws IllegalArgumentException when the record is malformed (the message says why, without the payload)
     */
    Event record(byte[] data, int offset, int length, String peer);
}
