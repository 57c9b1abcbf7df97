package io.logship.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A small RELP server written from the spec (librelp's doc/relp.md) for tests: answers {@code open} with
 * {@code 200 OK} and its offers, {@code syslog} with {@code rsp 200 OK} (or 500 for messages {@link #reject}
 * matches), {@code close} with {@code rsp 200 OK} then the {@code serverclose} hint; responses in command order.
 * A test can hold the acknowledgements back ({@link #holdAcks}), make it drop the connection without answering after
 * a number of messages ({@link #dropAfter}, as a receiver that dies), or answer with garbage once
 * ({@link #garbageOnce}). Every {@code syslog} message received is recorded, duplicates included.
 */
final class RelpSpecResponder implements AutoCloseable {
    final List<String> received = new CopyOnWriteArrayList<>();
    final List<String> commands = new CopyOnWriteArrayList<>();
    /** Connections accepted so far. */
    volatile int connections;
    /** While true, responses to syslog are queued, not sent. */
    volatile boolean holdAcks;
    /** Close the connection (without answering) when this many messages were received in all; 0: never. */
    volatile int dropAfter;
    /** The next connection's first response is garbage instead of the open response. */
    volatile boolean garbageOnce;
    volatile Predicate<String> reject = m -> false;

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean closed;

    RelpSpecResponder() throws IOException {
        this(0);
    }

    RelpSpecResponder(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        acceptor = new Thread(this::accept, "relp-responder");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = server.accept();
                connections++;
                open.add(s);
                Thread t = new Thread(() -> serve(s), "relp-responder-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        List<RelpFrame> held = new ArrayList<>();
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            RelpFrameReader reader = new RelpFrameReader("client", RelpSession.MAX_DATA);
            byte[] buf = new byte[8192];
            List<RelpFrame> frames = new ArrayList<>();
            boolean first = true;
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    return;
                }
                frames.clear();
                reader.feed(buf, 0, n, frames::add);
                for (RelpFrame f : frames) {
                    commands.add(f.command());
                    if (first && garbageOnce) {
                        garbageOnce = false;
                        out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        return;
                    }
                    first = false;
                    switch (f.command()) {
                        case "open" -> {
                            out.write(RelpFrame.of(f.txnr(), "rsp", "200 OK\nrelp_version=0\n"
                                    + "relp_software=RelpSpecResponder\ncommands=syslog").encode());
                            out.flush();
                        }
                        case "syslog" -> {
                            String m = f.text();
                            received.add(m);
                            if (dropAfter > 0 && received.size() >= dropAfter) {
                                dropAfter = 0;
                                return; // dies before answering: every unanswered message must come again
                            }
                            held.add(RelpFrame.of(f.txnr(), "rsp", reject.test(m) ? "500 rejected by test"
                                    : "200 OK"));
                        }
                        case "close" -> {
                            out.write(RelpFrame.of(f.txnr(), "rsp", "200 OK").encode());
                            out.write(RelpFrame.of(0, "serverclose", "").encode());
                            out.flush();
                            return;
                        }
                        default -> out.write(RelpFrame.of(f.txnr(), "rsp", "500 unknown command").encode());
                    }
                }
                release(held, out);
            }
        } catch (IOException e) {
            // the client went away or sent garbage: the connection ends, as the spec says
        } finally {
            open.remove(s);
        }
    }

    private void release(List<RelpFrame> held, OutputStream out) throws IOException {
        while (holdAcks && !closed && !held.isEmpty()) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // a test releases them
        }
        for (RelpFrame f : held) {
            out.write(f.encode());
        }
        held.clear();
        out.flush();
    }

    /** Messages received, first occurrences only, in order of first arrival. */
    List<String> distinct() {
        return received.stream().distinct().toList();
    }

    /** Drops every open connection at once (as a receiver that crashes). */
    void dropConnections() {
        synchronized (open) {
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException e) {
                    // gone
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        dropConnections();
    }
}
