package io.logship.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * One connection of om_tcp/om_ssl to one endpoint: the socket (with LocalPort and TCPNoDelay), the TLS handshake
 * when the output has TLS, and a watcher thread that reads what the receiver sends through the framing
 * ({@link TcpOutputFraming#readAcks}): when the receiver closes or resets the connection, the watcher marks it
 * dead at once (the next write would only fail one write later). Closing it from any thread makes a blocked write
 * fail.
 */
final class TcpOutputConnection implements AutoCloseable {
    static final int CONNECT_TIMEOUT_MS = 10_000;

    final NetEndpoint endpoint;
    private final Socket socket;
    private final OutputStream out;
    private final Thread watcher;
    private volatile String deadReason;

    private final Options options;

    private TcpOutputConnection(NetEndpoint endpoint, Socket socket, Options options) throws IOException {
        this.endpoint = endpoint;
        this.socket = socket;
        this.options = options;
        this.out = socket.getOutputStream();
        this.watcher = new Thread(this::watch, "logship-tcp-watch-" + endpoint);
        watcher.setDaemon(true);
    }

    /** The options every connection gets. */
    record Options(int localPort, boolean noDelay, TlsContext tls, TcpOutputFraming framing, LongConsumer acked) {
    }

    /**
     * Connects (and shakes hands, with TLS).
     *
     * @throws IOException whose message is the reason for a log line (see {@link #reason})
     */
    static TcpOutputConnection open(NetEndpoint ep, Options o) throws IOException {
        Socket s = new Socket();
        try {
            s.setReuseAddress(true);
            if (o.localPort() > 0) {
                s.bind(new InetSocketAddress(o.localPort()));
            }
            s.setTcpNoDelay(o.noDelay());
            s.setKeepAlive(true);
            s.connect(new InetSocketAddress(ep.host(), ep.port()), CONNECT_TIMEOUT_MS);
            Socket used = s;
            if (o.tls() != null) {
                SSLSocket tls = o.tls().clientSocket(s, ep.host(), ep.port());
                tls.setSoTimeout(CONNECT_TIMEOUT_MS);
                tls.startHandshake();
                tls.setSoTimeout(0);
                used = tls;
            }
            TcpOutputConnection c = new TcpOutputConnection(ep, used, o);
            c.watcher.start();
            return c;
        } catch (IOException | RuntimeException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the failure is what matters
            }
            throw e;
        }
    }

    private void watch() {
        try {
            InputStream in = socket.getInputStream();
            options.framing().readAcks(in, options.acked());
            deadReason = "the receiver closed the connection";
        } catch (IOException e) {
            deadReason = socket.isClosed() ? "closed" : "connection lost (" + e.getMessage() + ")";
        }
        try {
            socket.close(); // makes a write blocked on a dead connection fail now
        } catch (IOException ignored) {
            // closing is all that is left
        }
    }

    void write(byte[] b, int len) throws IOException {
        out.write(b, 0, len);
    }

    /** Why the watcher found the connection dead, or null while it is alive. */
    String deadReason() {
        return deadReason;
    }

    int sendBufferSize() {
        try {
            return socket.getSendBufferSize();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** A connect or write failure as a reason for a log line: refused, timed out, TLS reasons, unknown host. */
    static String reason(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof SocketTimeoutException) {
            return "timed out after " + CONNECT_TIMEOUT_MS / 1000 + " s";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host (" + e.getMessage() + ")";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof SSLException) {
            return TlsContext.reason(e);
        }
        return String.valueOf(e.getMessage());
    }
}
