package io.logship.net;

import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.api.LogshipException;
import io.logship.api.ModuleContext;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.function.Function;

/**
 * A stream input (im_tcp, im_ssl, im_uds stream): a {@link TcpInputServer} selector thread decodes connections
 * into batches; {@link #read} posts them on the host's input thread, blocking when the routes are full, which fills
 * the inbox and so stops the reads (TCP backpressure reaches the senders). Events carry no position: a socket cannot
 * be read again, so nothing is committed or resumed, and events still in the inbox when the agent stops are lost
 * with the connection (bounded by the inbox: {@link #INBOX_BATCHES} batches).
 */
final class TcpInput implements InputModule {
    static final int INBOX_BATCHES = 32;
    private static final long POLL_MILLIS = 200;
    private static final int BATCHES_PER_READ = 64;

    private final TcpInputSettings settings;
    private final TcpInputEndpoint endpoint;
    private final TcpInputInbox inbox = new TcpInputInbox(INBOX_BATCHES);
    private TcpInputServer server;
    private TcpInputStats stats;
    private volatile boolean stopping;

    TcpInput(TcpInputSettings settings, TcpInputEndpoint endpoint) {
        this.settings = settings;
        this.endpoint = endpoint;
    }

    @Override
    public void start(ModuleContext context) throws LogshipException {
        stats = new TcpInputStats(settings.instance(), context.logger(), context.metrics(),
                () -> context.clock().millis());
        Function<String, TcpInputDecoder> decoders = TcpInputFraming.of(settings, context, stats);
        List<ServerSocketChannel> listeners = endpoint.open(settings.instance(), context.logger());
        TcpInputEndpoint ep = endpoint;
        TcpInputServer.Connections conns = new TcpInputServer.Connections() {
            @Override
            public String peer(SocketChannel ch) throws IOException {
                return ep.peer(ch);
            }

            @Override
            public String sourceAddress(SocketChannel ch) throws IOException {
                return ep.sourceAddress(ch);
            }

            @Override
            public TcpInputTransport transport(SocketChannel ch) throws IOException {
                return ep.transport(ch);
            }

            @Override
            public TcpInputDecoder decoder(String peer) {
                return decoders.apply(peer);
            }
        };
        try {
            server = new TcpInputServer(settings.instance(), listeners, conns, stats, inbox,
                    settings.maxConnections(), settings.bufferSize(), settings.incompleteTimeout().toNanos());
            context.logger().info("{}: listening on {}", settings.instance(), server.boundAddresses());
        } catch (IOException e) {
            listeners.forEach(TcpInputEndpoint::closeQuietly);
            throw new LogshipException(settings.instance() + ": cannot start the network input: " + e.getMessage(),
                    e);
        }
        server.start();
    }

    @Override
    public void read(InputContext context) throws InterruptedException {
        if (stopping) {
            return;
        }
        inbox.postTo(context, stats.events, POLL_MILLIS, BATCHES_PER_READ);
    }

    /** Where the listeners are bound (tests listen on port 0). */
    List<SocketAddress> boundAddresses() throws IOException {
        return server.boundAddresses();
    }

    int openConnections() {
        return server == null ? 0 : server.openConnections();
    }

    /** Batches decoded and not yet posted. */
    int inboxSize() {
        return inbox.size();
    }

    @Override
    public void stop() {
        stopping = true;
        if (server != null) {
            server.stop();
        }
        endpoint.closed();
        inbox.clear();
    }

    @Override
    public String toString() {
        return "network input " + settings.instance() + " on " + settings.addresses();
    }
}
