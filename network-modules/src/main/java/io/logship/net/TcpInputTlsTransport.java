package io.logship.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * TLS on one non-blocking connection (im_ssl): an {@link SSLEngine} between the socket and the decoder. Reads feed
 * the engine, the handshake's replies are written as the socket allows (OP_WRITE while some are pending), and
 * decrypted bytes are handed out in pieces that fit the caller's buffer. A handshake that fails (an untrusted or
 * missing client certificate, a protocol the settings refuse) is an {@link IOException} whose message says why, in
 * {@link TlsContext#reason} terms; the alert is sent before the connection is closed when the socket takes it.
 */
final class TcpInputTlsTransport implements TcpInputTransport {
    private final SSLEngine engine;
    private ByteBuffer netIn;
    private final ByteBuffer netOut;
    private ByteBuffer appIn;
    private boolean peerClosed;
    /** The bytes in netIn are the start of a TLS record: nothing to do until more come. */
    private boolean underflow;

    TcpInputTlsTransport(SSLEngine engine) throws SSLException {
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet);
        this.netOut.flip(); // read mode, empty
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        engine.beginHandshake();
    }

    @Override
    public int read(SocketChannel ch, ByteBuffer dst) throws IOException {
        int given = drain(dst);
        if (given > 0 && !dst.hasRemaining()) {
            return given;
        }
        if (!peerClosed && netIn.hasRemaining()) {
            int r = ch.read(netIn);
            if (r < 0) {
                peerClosed = true;
            } else if (r > 0) {
                underflow = false;
            }
        }
        try {
            process(ch);
        } catch (SSLException e) {
            sendAlert(ch);
            throw new IOException(reason(e), e);
        }
        given += drain(dst);
        if (given == 0 && (peerClosed || engine.isInboundDone()) && appIn.position() == 0) {
            return -1;
        }
        return given;
    }

    /** Runs the engine as far as the bytes at hand allow. */
    private void process(SocketChannel ch) throws IOException {
        while (true) {
            SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                }
                case NEED_WRAP -> {
                    if (netOut.hasRemaining() && !write(ch)) {
                        return; // the socket is full: go on when it is writable
                    }
                    netOut.compact();
                    SSLEngineResult r;
                    try {
                        r = engine.wrap(ByteBuffer.allocate(0), netOut);
                    } finally {
                        netOut.flip();
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED && !netOut.hasRemaining()) {
                        return;
                    }
                    if (!write(ch)) {
                        return;
                    }
                }
                default -> {
                    // NEED_UNWRAP, NOT_HANDSHAKING, FINISHED: decrypt what came
                    netIn.flip();
                    SSLEngineResult r;
                    try {
                        r = engine.unwrap(netIn, appIn);
                    } finally {
                        netIn.compact();
                    }
                    underflow = r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW;
                    switch (r.getStatus()) {
                        case BUFFER_UNDERFLOW -> {
                            int packet = engine.getSession().getPacketBufferSize();
                            if (netIn.capacity() < packet) {
                                ByteBuffer bigger = ByteBuffer.allocate(packet);
                                netIn.flip();
                                bigger.put(netIn);
                                netIn = bigger;
                            }
                            return; // need more from the socket
                        }
                        case BUFFER_OVERFLOW -> {
                            if (appIn.position() == 0) {
                                appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
                                continue;
                            }
                            return; // the caller drains appIn first
                        }
                        case CLOSED -> {
                            peerClosed = true;
                            return;
                        }
                        default -> {
                            if (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                                    && engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_WRAP
                                    && engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_TASK) {
                                return;
                            }
                        }
                    }
                }
            }
        }
    }

    private static String reason(SSLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("Empty client certificate chain")) {
                return "the client presented no certificate from a CA in CAFile/CADir (RequireCert is TRUE)";
            }
        }
        return TlsContext.reason(e);
    }

    /** Writes pending handshake bytes; false when the socket did not take them all. */
    private boolean write(SocketChannel ch) throws IOException {
        while (netOut.hasRemaining()) {
            if (ch.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }

    private void sendAlert(SocketChannel ch) {
        try {
            engine.closeOutbound();
            netOut.compact();
            try {
                engine.wrap(ByteBuffer.allocate(0), netOut);
            } finally {
                netOut.flip();
            }
            write(ch);
        } catch (IOException | RuntimeException e) {
            // the connection is closed anyway
        }
    }

    /** Moves decrypted bytes into dst as far as they fit. */
    private int drain(ByteBuffer dst) {
        if (appIn.position() == 0) {
            return 0;
        }
        appIn.flip();
        int n = Math.min(appIn.remaining(), dst.remaining());
        int lim = appIn.limit();
        appIn.limit(appIn.position() + n);
        dst.put(appIn);
        appIn.limit(lim);
        appIn.compact();
        return n;
    }

    @Override
    public boolean wantsWrite() {
        return netOut.hasRemaining();
    }

    @Override
    public void flush(SocketChannel ch) throws IOException {
        write(ch);
    }

    @Override
    public boolean incomplete() {
        SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
        return netIn.position() > 0 || (hs != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                && hs != SSLEngineResult.HandshakeStatus.FINISHED);
    }

    @Override
    public boolean hasBuffered() {
        return appIn.position() > 0 || (netIn.position() > 0 && !underflow);
    }

    @Override
    public void close(SocketChannel ch) throws IOException {
        try {
            engine.closeOutbound();
            netOut.compact();
            try {
                engine.wrap(ByteBuffer.allocate(0), netOut);
            } finally {
                netOut.flip();
            }
            write(ch);
        } catch (IOException | RuntimeException e) {
            // closing anyway
        } finally {
            ch.close();
        }
    }
}
