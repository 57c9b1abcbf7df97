package io.logship.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A TCP receiver on loopback for om_tcp tests: accepts connections one after another and keeps each one's bytes;
 * {@link #reset} ends the current connection with a RST, as a receiver that dies does.
 */
final class TestReceiver implements AutoCloseable {
    private final ServerSocket server;
    private final List<ByteArrayOutputStream> connections = new ArrayList<>();
    private final Thread thread;
    private volatile Socket current;
    /** The remote port of the last connection accepted. */
    volatile int peerPort;
    private volatile boolean closed;

    TestReceiver(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        thread = new Thread(this::run, "test-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void run() {
        byte[] buf = new byte[1 << 16];
        while (!closed) {
            try (Socket s = server.accept()) {
                current = s;
                peerPort = s.getPort();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                synchronized (connections) {
                    connections.add(got);
                }
                InputStream in = s.getInputStream();
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (connections) {
                        got.write(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                // connection ended (or reset by the test)
            }
        }
    }

    /** The bytes of every connection so far, in order. */
    List<String> connections() {
        synchronized (connections) {
            return connections.stream().map(b -> b.toString(StandardCharsets.UTF_8)).toList();
        }
    }

    String all() {
        return String.join("", connections());
    }

    long bytes() {
        synchronized (connections) {
            return connections.stream().mapToLong(ByteArrayOutputStream::size).sum();
        }
    }

    /** Ends the current connection with a RST. */
    void reset() throws IOException {
        Socket s = current;
        if (s != null && !s.isClosed()) {
            try {
                s.setSoLinger(true, 0);
            } catch (IOException closedMeanwhile) {
                // the accept loop closed it
            }
            s.close();
        }
    }

    static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5); // polling for a condition with a deadline
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        reset();
    }
}
