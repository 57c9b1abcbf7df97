package io.logship.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
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
    private final Closeable closer;
    private final InputStream in;
    private final OutputStream out;
    private final int sendBuffer;
    private final Thread watcher;
    private final Options options;
    private volatile boolean closed;
    private volatile String deadReason;

    private TcpOutputConnection(NetEndpoint endpoint, Closeable closer, InputStream in, OutputStream out,
                                int sendBuffer, Options options) {
        this.endpoint = endpoint;
        this.closer = closer;
        this.in = in;
        this.out = out;
        this.sendBuffer = sendBuffer;
        this.options = options;
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
            TcpOutputConnection c = new TcpOutputConnection(ep, used, used.getInputStream(), used.getOutputStream(),
                    used.getSendBufferSize(), o);
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

    /**
     * Connects to a Unix domain stream socket ({@link NetEndpoint#isUnix}). Its streams call the channel directly:
     * the JDK's channel streams would make a blocked read hold up every write.
     */
    static TcpOutputConnection openUnix(NetEndpoint ep, Options o) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(ep.host()));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        InputStream in = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return ch.read(ByteBuffer.wrap(b, off, len));
            }
        };
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        };
        TcpOutputConnection c = new TcpOutputConnection(ep, ch, in, out, ch.getOption(StandardSocketOptions.SO_SNDBUF),
                o);
        c.watcher.start();
        return c;
    }

    private void watch() {
        try {
            options.framing().readAcks(in, options.acked());
            deadReason = "the receiver closed the connection";
        } catch (IOException e) {
            deadReason = closed ? "closed" : "connection lost (" + e.getMessage() + ")";
        }
        close(); // makes a write blocked on a dead connection fail now
    }

    void write(byte[] b, int len) throws IOException {
        out.write(b, 0, len);
    }

    /** Why the watcher found the connection dead, or null while it is alive. */
    String deadReason() {
        return deadReason;
    }

    int sendBufferSize() {
        return sendBuffer;
    }

    @Override
    public void close() {
        closed = true;
        try {
            closer.close();
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
