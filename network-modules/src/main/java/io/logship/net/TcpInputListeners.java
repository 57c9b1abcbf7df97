package io.logship.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream input's listening sockets on its selector. When accept fails (too many open files) accepting pauses for
 * a second instead of spinning on a listener that stays ready.
 */
final class TcpInputListeners {
    private static final long PAUSE_NANOS = 1_000_000_000L;

    private final List<ServerSocketChannel> channels;
    private final Selector selector;
    private long pausedUntil;

    TcpInputListeners(List<ServerSocketChannel> channels, Selector selector) throws IOException {
        this.channels = List.copyOf(channels);
        this.selector = selector;
        for (ServerSocketChannel l : this.channels) {
            l.configureBlocking(false);
            l.register(selector, SelectionKey.OP_ACCEPT);
        }
    }

    void pause(long now) {
        pausedUntil = now + PAUSE_NANOS;
        interest(0);
    }

    void resumeIfDue(long now) {
        if (pausedUntil != 0 && now - pausedUntil >= 0) {
            pausedUntil = 0;
            interest(SelectionKey.OP_ACCEPT);
        }
    }

    private void interest(int ops) {
        for (ServerSocketChannel l : channels) {
            SelectionKey k = l.keyFor(selector);
            if (k != null && k.isValid()) {
                k.interestOps(ops);
            }
        }
    }

    List<SocketAddress> bound() throws IOException {
        List<SocketAddress> out = new ArrayList<>();
        for (ServerSocketChannel l : channels) {
            out.add(l.getLocalAddress());
        }
        return out;
    }

    static String name(ServerSocketChannel l) {
        try {
            SocketAddress a = l.getLocalAddress();
            return a instanceof InetSocketAddress i ? i.getAddress().getHostAddress() + ":" + i.getPort()
                    : String.valueOf(a);
        } catch (IOException e) {
            return "?";
        }
    }

    void close() {
        channels.forEach(TcpInputEndpoint::closeQuietly);
    }
}
