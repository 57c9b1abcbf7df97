package io.logship.net;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * One connection of {@code OutputType Binary}, sending side: connects (TLS when configured, certificate and host
 * name verified unless AllowUntrusted), writes frames (buffered until {@link #flush} or a read), and reads the
 * receiver's cumulative acknowledgements. Reads wait at most the timeout. {@link #abort} may be called from another
 * thread.
 */
final class BinarySession {
    private final String peer;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final BinaryAckReader acks;
    private final byte[] buf = new byte[4096];
    private final Duration timeout;

    private BinarySession(String peer, Socket socket, long alreadyAcked, Duration timeout) throws IOException {
        this.peer = peer;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.acks = new BinaryAckReader(peer, alreadyAcked);
        this.timeout = timeout;
    }

    static BinarySession open(NetEndpoint target, TlsContext tls, int localPort, Duration connectTimeout,
                              Duration timeout, long alreadyAcked) throws IOException {
        Socket s = new Socket();
        try {
            if (localPort > 0) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(localPort));
            }
            s.connect(new InetSocketAddress(target.host(), target.port()), (int) connectTimeout.toMillis());
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            if (tls != null) {
                javax.net.ssl.SSLSocket ssl = tls.clientSocket(s, target.host(), target.port());
                s = ssl;
                try {
                    ssl.startHandshake();
                } catch (javax.net.ssl.SSLException e) {
                    throw new javax.net.ssl.SSLHandshakeException(TlsContext.reason(e));
                }
            }
            return new BinarySession(target.toString(), s, alreadyAcked, timeout);
        } catch (IOException | RuntimeException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a socket that failed
            }
            throw e;
        }
    }

    String peer() {
        return peer;
    }

    void send(byte[] frame) throws IOException {
        out.write(frame);
    }

    void flush() throws IOException {
        out.flush();
    }

    /**
     * Waits for the next acknowledgement bytes (flushing what is buffered first).
     *
     * @param highestSent the highest sequence number sent on this connection
     * @return the highest sequence number acknowledged so far
     */
    long awaitAck(long highestSent) throws IOException {
        flush();
        int n;
        try {
            n = in.read(buf);
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("no acknowledgement from the receiver within " + timeout.toSeconds()
                    + " s");
        }
        if (n < 0) {
            throw new EOFException("the receiver closed the connection");
        }
        return acks.feed(buf, 0, n, highestSent);
    }

    /** Acknowledgements that already arrived, without waiting: the highest acknowledged so far. */
    long pollAcks(long highestSent) throws IOException {
        int available = in.available();
        if (available > 0) {
            int n = in.read(buf, 0, Math.min(buf.length, available));
            if (n < 0) {
                throw new EOFException("the receiver closed the connection");
            }
            return acks.feed(buf, 0, n, highestSent);
        }
        return acks.acked();
    }

    void abort() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
