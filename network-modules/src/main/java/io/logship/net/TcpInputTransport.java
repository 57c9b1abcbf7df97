package io.logship.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * What lies between a connection's socket and its decoder: nothing (im_tcp, im_uds) or TLS (im_ssl). One per
 * connection, selector thread only.
 */
interface TcpInputTransport {
    /**
     * Reads what is available into {@code dst} (application bytes).
     *
     * @return bytes put into dst, 0 when none now, -1 at the end of the stream
     * @throws IOException on a broken connection or, for TLS, a failed handshake (the message says why)
     */
    int read(SocketChannel ch, ByteBuffer dst) throws IOException;

    /** True while the transport has bytes to write before it can go on (a TLS handshake): OP_WRITE is wanted. */
    default boolean wantsWrite() {
        return false;
    }

    /** Writes what it has pending; called when the socket is writable. */
    default void flush(SocketChannel ch) throws IOException {
    }

    /** True when {@link #read} may have more without the socket being readable (TLS: decrypted bytes held). */
    default boolean hasBuffered() {
        return false;
    }

    /** True while the transport holds part of something (a TLS handshake not finished, part of a TLS record). */
    default boolean incomplete() {
        return false;
    }

    default void close(SocketChannel ch) throws IOException {
        ch.close();
    }

    /** Plain TCP. */
    TcpInputTransport PLAIN = SocketChannel::read;
}
