package io.logship.net;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * One RELP session over one TCP connection, client side: connects, exchanges {@code open} and the offers, sends
 * commands (buffered until {@link #flush} or a read), and reads the server's frames. Reads wait at most the response
 * timeout. {@link #abort} may be called from another thread and makes a blocked read or write fail at once.
 */
final class RelpSession implements AutoCloseable {
    /** RELP's maximum data length in version 1 of the spec and librelp's default: 128 KiB. */
    static final int MAX_DATA = 128 * 1024;
    static final String OFFERS = "relp_version=0\nrelp_software=logship,0.1,https://github.com/logship\n"
            + "commands=syslog";

    private final String peer;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final RelpFrameReader reader;
    private final ArrayDeque<RelpFrame> frames = new ArrayDeque<>();
    private final byte[] readBuffer = new byte[16 * 1024];
    private final Duration responseTimeout;
    private final StringBuilder header = new StringBuilder(32);

    private RelpSession(String peer, Socket socket, Duration responseTimeout) throws IOException {
        this.peer = peer;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.reader = new RelpFrameReader(peer, MAX_DATA);
        this.responseTimeout = responseTimeout;
    }

    /**
     * Connects and opens a session: {@code open} with transaction number {@code txnr} and logship's offers, then
     * waits for the server's {@code rsp}, which must be 200 and offer {@code relp_version} and the {@code syslog}
     * command.
     *
     * @throws IOException when the connection fails or the server refuses (the message says which, with host:port)
     */
    static RelpSession open(NetEndpoint target, TlsContext tls, int localPort, Duration connectTimeout,
                            Duration responseTimeout, int txnr) throws IOException {
        Socket s = new Socket();
        RelpSession session = null;
        try {
            if (localPort > 0) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(localPort));
            }
            s.connect(new InetSocketAddress(target.host(), target.port()), (int) connectTimeout.toMillis());
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, responseTimeout.toMillis()));
            if (tls != null) {
                s = handshake(tls, s, target);
            }
            session = new RelpSession(target.toString(), s, responseTimeout);
            session.send(txnr, "open", OFFERS.getBytes(StandardCharsets.US_ASCII));
            RelpFrame f = session.next();
            if (f.txnr() != txnr || !"rsp".equals(f.command())) {
                throw new RelpProtocolException(target + ": expected the response to open (transaction " + txnr
                        + "), got " + f);
            }
            RelpResponse r = RelpResponse.parse(target.toString(), f);
            if (!r.ok()) {
                throw new RelpProtocolException(target + ": the server refused the RELP session: " + r.describe());
            }
            Map<String, List<String>> offers = r.offers();
            if (!offers.containsKey("relp_version")) {
                throw new RelpProtocolException(target + ": the server's response to open has no relp_version offer");
            }
            if (!offers.getOrDefault("commands", List.of()).contains("syslog")) {
                throw new RelpProtocolException(target + ": the server does not offer the syslog command (offers: "
                        + RelpResponse.printable(String.join(",", offers.keySet())) + ")");
            }
            return session;
        } catch (IOException | RuntimeException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a socket that failed
            }
            throw e;
        }
    }

    /** TLS over the connected socket, handshake done; a failure says why (not trusted, host name mismatch...). */
    private static Socket handshake(TlsContext tls, Socket plain, NetEndpoint target) throws IOException {
        javax.net.ssl.SSLSocket ssl = tls.clientSocket(plain, target.host(), target.port());
        try {
            ssl.startHandshake();
        } catch (javax.net.ssl.SSLException e) {
            ssl.close();
            throw new javax.net.ssl.SSLHandshakeException(target + ": " + TlsContext.reason(e));
        }
        return ssl;
    }

    String peer() {
        return peer;
    }

    /** Buffers one command; the bytes go out when the buffer is full, at {@link #flush} or before a read. */
    void send(int txnr, String command, byte[] data) throws IOException {
        header.setLength(0);
        header.append(txnr).append(' ').append(command).append(' ').append(data.length);
        if (data.length > 0) {
            header.append(' ');
        }
        for (int i = 0; i < header.length(); i++) {
            out.write(header.charAt(i));
        }
        out.write(data);
        out.write('\n');
    }

    void flush() throws IOException {
        out.flush();
    }

    /** The next frame from the server, flushing what was buffered first; waits at most the response timeout. */
    RelpFrame next() throws IOException {
        flush();
        while (frames.isEmpty()) {
            int n;
            try {
                n = in.read(readBuffer);
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException(peer + ": no response from the server within "
                        + responseTimeout.toSeconds() + " s");
            }
            if (n < 0) {
                throw new EOFException(peer + ": the server closed the connection");
            }
            reader.feed(readBuffer, 0, n, frames::addLast);
        }
        return frames.removeFirst();
    }

    /** A frame that has already arrived, without waiting, or null. */
    RelpFrame poll() throws IOException {
        if (frames.isEmpty() && in.available() > 0) {
            int n = in.read(readBuffer, 0, Math.min(readBuffer.length, in.available()));
            if (n < 0) {
                throw new EOFException(peer + ": the server closed the connection");
            }
            reader.feed(readBuffer, 0, n, frames::addLast);
        }
        return frames.pollFirst();
    }

    /**
     * Ends the session as the spec says: {@code close}, wait (briefly) for its response, close the connection.
     * Failures are ignored: the connection is closed either way.
     */
    void closeGracefully(int txnr, Duration wait) {
        try {
            socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
            send(txnr, "close", new byte[0]);
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                RelpFrame f = next();
                if (f.txnr() == txnr) {
                    break;
                }
            }
        } catch (IOException e) {
            // the connection goes either way
        } finally {
            abort();
        }
    }

    /** Closes the connection at once (also from another thread). */
    void abort() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        abort();
    }
}
