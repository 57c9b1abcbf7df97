package io.logship.net;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The selector thread of a stream input (im_tcp, im_ssl, im_uds): one thread for every listener and connection,
 * never a thread per connection. It accepts (beyond MaxConnections a new connection is closed at once, one WARN per
 * burst), reads, decodes and hands batches to the {@link TcpInputInbox}; when the inbox is full the connection's
 * reads stop until there is room. Once a second it closes connections whose record has been incomplete for longer
 * than the incomplete-record timeout (a slowloris peer) and lets idle connections' decoders flush (AutoFlush).
 */
final class TcpInputServer implements Runnable {
    /** How the server names and frames a new connection. */
    interface Connections {
        /** The connection's name in messages: "ip:port", or the socket path. */
        String peer(SocketChannel ch) throws IOException;

        /** MessageSourceAddress, or null. */
        String sourceAddress(SocketChannel ch) throws IOException;

        TcpInputTransport transport(SocketChannel ch) throws IOException;

        TcpInputDecoder decoder(String peer);
    }

    private static final int READS_PER_WAKEUP = 4;
    private static final long SWEEP_NANOS = 1_000_000_000L;
    private static final long IDLE_FLUSH_NANOS = 1_000_000_000L;

    private final TcpInputStats stats;
    private final TcpInputInbox inbox;
    private final Connections connections;
    private final int maxConnections;
    private final long incompleteTimeoutNanos;
    private final ByteBuffer buf;
    private final Selector selector;
    private final TcpInputListeners listeners;
    private final Set<TcpInputConnection> open = new HashSet<>();
    private final ArrayDeque<TcpInputConnection> paused = new ArrayDeque<>();
    /** Connections whose transport holds bytes already read from the socket (TLS): read again without waiting. */
    private final List<TcpInputConnection> buffered = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int openCount;
    private long nextSweep;

    TcpInputServer(String name, List<ServerSocketChannel> listeners, Connections connections, TcpInputStats stats,
                   TcpInputInbox inbox, int maxConnections, int bufferSize, long incompleteTimeoutNanos)
            throws IOException {
        this.connections = connections;
        this.stats = stats;
        this.inbox = inbox;
        this.maxConnections = maxConnections;
        this.incompleteTimeoutNanos = incompleteTimeoutNanos;
        this.buf = ByteBuffer.allocate(bufferSize);
        this.selector = Selector.open();
        this.listeners = new TcpInputListeners(listeners, selector);
        inbox.waker(selector::wakeup);
        this.thread = new Thread(this, "logship-" + name + "-selector");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The ports the listeners are bound to (for a Port 0 in tests). */
    List<SocketAddress> boundAddresses() throws IOException {
        return listeners.bound();
    }

    /** Connections open now (for tests and stats; read from any thread). */
    int openConnections() {
        return openCount;
    }

    @Override
    public void run() {
        try {
            while (running) {
                resumePaused();
                if (buffered.isEmpty()) {
                    selector.select(250);
                } else {
                    selector.selectNow();
                }
                if (!running) {
                    break;
                }
                long now = System.nanoTime();
                readBuffered(now);
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    if (!k.isValid()) {
                        continue;
                    }
                    if (k.isAcceptable()) {
                        accept((ServerSocketChannel) k.channel(), now);
                    } else {
                        TcpInputConnection c = (TcpInputConnection) k.attachment();
                        if (k.isWritable()) {
                            write(c, now);
                        }
                        if (k.isValid() && k.isReadable()) {
                            read(c, now);
                        }
                    }
                }
                if (now - nextSweep >= 0) {
                    sweep(now);
                    nextSweep = now + SWEEP_NANOS;
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                stats.log().error("{}: the network input stopped: {}", stats.instance(), e.toString(), e);
            }
        } finally {
            closeAll();
        }
    }

    private void accept(ServerSocketChannel l, long now) {
        while (true) {
            SocketChannel ch;
            try {
                ch = l.accept();
            } catch (IOException e) {
                // e.g. too many open files: stop accepting for a second instead of spinning on the listener
                stats.log().warn("{}: cannot accept a connection on {}: {}; accepting again in 1 s",
                        stats.instance(), TcpInputListeners.name(l), e.getMessage());
                listeners.pause(now);
                return;
            }
            if (ch == null) {
                return;
            }
            String peer = "?";
            try {
                peer = connections.peer(ch);
                if (open.size() >= maxConnections) {
                    stats.refused(peer, maxConnections);
                    ch.close();
                    continue;
                }
                ch.configureBlocking(false);
                TcpInputConnection c = new TcpInputConnection(ch, connections.transport(ch), peer,
                        connections.sourceAddress(ch), connections.decoder(peer), now);
                c.key = ch.register(selector, SelectionKey.OP_READ
                        | (c.transport.wantsWrite() ? SelectionKey.OP_WRITE : 0), c);
                open.add(c);
                openCount = open.size();
                stats.accepted.increment();
                stats.log().debug("{}: connection from {} accepted", stats.instance(), peer);
            } catch (IOException | RuntimeException e) {
                stats.log().warn("{}: cannot set up the connection from {}: {}", stats.instance(), peer,
                        e.toString());
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private void read(TcpInputConnection c, long now) {
        try {
            for (int i = 0; i < READS_PER_WAKEUP; i++) {
                buf.clear();
                int n = c.transport.read(c.channel, buf);
                if (n < 0) {
                    c.end();
                    c.closing = true;
                    stats.log().debug("{}: connection from {} closed by the peer", stats.instance(), c.peer);
                    break;
                }
                if (n > 0) {
                    stats.bytes.add(n);
                    buf.flip();
                    c.decode(buf, now);
                }
                if (n < buf.capacity() && !c.transport.hasBuffered()) {
                    break;
                }
            }
        } catch (TcpInputDecoder.FramingException e) {
            stats.framing(c.peer, e.getMessage());
            c.closing = true;
        } catch (IOException e) {
            stats.failed(c.peer, e.getMessage());
            c.end();
            c.closing = true;
        } catch (RuntimeException e) {
            // a bug or an extension's failure: that connection goes, the selector and the others stay
            stats.failed(c.peer, "its InputType failed: " + e);
            stats.log().debug("{}: InputType failure on {}", stats.instance(), c.peer, e);
            c.closing = true;
        }
        c.progress(now);
        updateWriteInterest(c);
        handOver(c);
        if (!c.closing && !c.paused && c.transport.hasBuffered() && !buffered.contains(c)) {
            buffered.add(c);
        }
    }

    private void readBuffered(long now) {
        if (buffered.isEmpty()) {
            return;
        }
        List<TcpInputConnection> again = new ArrayList<>(buffered);
        buffered.clear();
        for (TcpInputConnection c : again) {
            if (open.contains(c) && !c.paused && !c.closing && c.key.isValid()) {
                read(c, now);
            }
        }
    }

    private void write(TcpInputConnection c, long now) {
        try {
            c.transport.flush(c.channel);
        } catch (IOException e) {
            stats.failed(c.peer, e.getMessage());
            c.closing = true;
            handOver(c);
            return;
        }
        updateWriteInterest(c);
        if (!c.transport.wantsWrite() && !c.paused) {
            read(c, now); // a handshake that waited for the socket goes on with what it has read already
        }
    }

    private void updateWriteInterest(TcpInputConnection c) {
        SelectionKey k = c.key;
        if (k == null || !k.isValid()) {
            return;
        }
        int ops = k.interestOps();
        int want = c.transport.wantsWrite() ? ops | SelectionKey.OP_WRITE : ops & ~SelectionKey.OP_WRITE;
        if (want != ops) {
            k.interestOps(want);
        }
    }

    /** Hands the connection's batch to the inbox; when it does not fit, stops reading the connection. */
    private void handOver(TcpInputConnection c) {
        if (!c.batch.isEmpty()) {
            if (c.paused || !inbox.offer(c.batch)) {
                if (!c.paused) {
                    c.paused = true;
                    paused.addLast(c);
                    if (c.key.isValid()) {
                        c.key.interestOps(c.key.interestOps() & ~SelectionKey.OP_READ);
                    }
                }
                return;
            }
            c.batch = new ArrayList<>();
        }
        if (c.closing) {
            close(c);
        }
    }

    private void resumePaused() {
        while (!paused.isEmpty()) {
            TcpInputConnection c = paused.peekFirst();
            if (!inbox.offer(c.batch)) {
                return;
            }
            paused.pollFirst();
            c.paused = false;
            c.batch = new ArrayList<>();
            if (c.closing) {
                close(c);
            } else if (c.key.isValid()) {
                c.key.interestOps(c.key.interestOps() | SelectionKey.OP_READ);
                if (c.transport.hasBuffered()) {
                    buffered.add(c);
                }
            }
        }
    }

    private void sweep(long now) {
        listeners.resumeIfDue(now);
        List<TcpInputConnection> touched = null;
        for (TcpInputConnection c : open) {
            if (c.paused || c.closing) {
                continue;
            }
            try {
                if (c.partialSinceNanos != 0 && now - c.partialSinceNanos > incompleteTimeoutNanos) {
                    stats.timeout(c.peer, incompleteTimeoutNanos / 1_000_000);
                    c.closing = true;
                    c.end();
                } else if (!c.idleDone && now - c.lastDataNanos > IDLE_FLUSH_NANOS) {
                    c.idle();
                } else {
                    continue;
                }
            } catch (RuntimeException e) {
                stats.failed(c.peer, "its InputType failed: " + e);
                c.closing = true;
            }
            if (touched == null) {
                touched = new ArrayList<>();
            }
            touched.add(c);
        }
        if (touched != null) {
            touched.forEach(this::handOver);
        }
    }

    private void close(TcpInputConnection c) {
        open.remove(c);
        openCount = open.size();
        c.close();
    }

    /** Stops the thread and closes every connection and listener. */
    void stop() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            closeAll(); // the thread never ran, or has closed everything already (then this does nothing)
        }
    }

    private synchronized void closeAll() {
        for (TcpInputConnection c : open) {
            c.close();
        }
        open.clear();
        openCount = 0;
        paused.clear();
        buffered.clear();
        listeners.close();
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
