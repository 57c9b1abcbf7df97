package io.logship.net;

import io.logship.api.Event;
import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.api.LogshipException;
import io.logship.api.ModuleContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * im_tcp / im_ssl with {@code InputType Binary}: accepts logship senders ({@code OutputType Binary}), one thread per
 * connection ({@link BinaryInputConnection}, at most MaxConnections), and posts their events with every field and
 * type as sent. Each event carries a position ({@link BinaryAcks}); once the host has committed it (every output on
 * the routes flushed it), {@link #read} sends the sender the acknowledgement, and only then may the sender's flush
 * return. So an event is lost neither when this agent dies (the sender sends it again) nor when the sender dies (its
 * own input position was not committed).
 */
final class BinaryInput implements InputModule {
    static final int INBOX = 4096;
    private static final long POLL_MILLIS = 10;
    private static final int POSTS_PER_READ = 8192;

    private final TcpInputSettings settings;
    private final TlsSettings tlsSettings;
    private final ArrayBlockingQueue<Event> inbox = new ArrayBlockingQueue<>(INBOX);
    private final List<BinaryInputConnection> connections = new CopyOnWriteArrayList<>();
    private final List<ServerSocket> listeners = new ArrayList<>();
    private final List<Thread> acceptors = new ArrayList<>();
    private final BinaryStreams streams = new BinaryStreams();
    private TlsContext tls;
    private TcpInputStats stats;
    private volatile boolean stopping;

    /** @param tls the server's TLS settings (im_ssl), null for plain TCP */
    BinaryInput(TcpInputSettings settings, TlsSettings tls) {
        this.settings = settings;
        this.tlsSettings = tls;
    }

    @Override
    public void start(ModuleContext context) throws LogshipException {
        stats = new TcpInputStats(settings.instance(), context.logger(), context.metrics(),
                () -> context.clock().millis());
        if (tlsSettings != null) {
            tls = tlsSettings.open(context.logger());
        }
        for (InputListenAddress a : settings.addresses()) {
            try {
                ServerSocket s = new ServerSocket();
                s.setReuseAddress(true);
                s.bind(a.socketAddress(), 128);
                listeners.add(s);
            } catch (IOException e) {
                stop();
                throw new LogshipException(settings.instance() + ": cannot listen on " + a + ": " + e.getMessage(), e);
            }
        }
        for (ServerSocket s : listeners) {
            Thread t = new Thread(() -> accept(s), "logship-binary-accept-" + settings.instance());
            t.setDaemon(true);
            t.start();
            acceptors.add(t);
        }
        context.logger().info("{}: listening for Binary on {}", settings.instance(), boundAddresses());
    }

    private void accept(ServerSocket server) {
        while (!stopping) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return; // closed at stop
            }
            try {
                s.setTcpNoDelay(true);
                s.setKeepAlive(true);
                if (connections.size() >= settings.maxConnections()) {
                    stats.refused(s.getRemoteSocketAddress().toString(), settings.maxConnections());
                    s.close();
                    continue;
                }
                Socket conn = tls == null ? s : tls.serverSocket(s);
                stats.accepted.increment();
                BinaryAcks acks = streams.open();
                BinaryInputConnection[] self = new BinaryInputConnection[1];
                self[0] = new BinaryInputConnection(conn, acks, inbox, stats, BinaryFrames.DEFAULT_MAX_FRAME,
                        settings.incompleteTimeout().toMillis(), () -> {
                    connections.remove(self[0]);
                    streams.close(acks);
                });
                connections.add(self[0]);
                Thread t = new Thread(self[0], "logship-binary-" + settings.instance() + "-" + self[0].peer());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // gone
                }
            }
        }
    }

    @Override
    public void read(InputContext context) throws InterruptedException {
        if (stopping) {
            return;
        }
        int posted = 0;
        Event e = inbox.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        while (e != null) {
            if (!context.post(e)) {
                return; // the host is stopping: what is not committed is sent again by the senders
            }
            stats.events.increment();
            if (++posted == POSTS_PER_READ) {
                break;
            }
            e = inbox.poll();
        }
        acknowledge(context.committedPositions());
        context.scheduleRead(posted > 0 ? Duration.ZERO : Duration.ofMillis(1));
    }

    /** Sends each connection the highest of its sequence numbers the host has committed, when that grew. */
    void acknowledge(Map<String, String> committed) {
        for (BinaryInputConnection c : connections) {
            long seq = c.acks().toAcknowledge(committed);
            if (seq > 0) {
                c.acknowledge(seq);
            }
        }
    }

    List<SocketAddress> boundAddresses() {
        List<SocketAddress> out = new ArrayList<>();
        for (ServerSocket s : listeners) {
            out.add(new InetSocketAddress(s.getInetAddress(), s.getLocalPort()));
        }
        return out;
    }

    int openConnections() {
        return connections.size();
    }

    @Override
    public void stop() {
        stopping = true;
        for (ServerSocket s : listeners) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        for (Thread t : acceptors) {
            try {
                t.join(2000); // the listening socket is released once its accept() returned
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (BinaryInputConnection c : connections) {
            c.close();
        }
        inbox.clear();
    }

    @Override
    public String toString() {
        return "Binary input " + settings.instance() + " on " + settings.addresses();
    }
}
