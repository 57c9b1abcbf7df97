package io.logship.net;

import io.logship.api.Utf8;
import io.logship.api.Event;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * im_udp's receiving thread: one selector for every bound address, each datagram one event (raw_event: the payload
 * as UTF-8 with invalid bytes replaced and counted, one trailing LF or CR LF removed; MessageSourceAddress: the
 * sender's IP), or what the {@link DatagramInputType} extension makes of it. Datagrams go to the inbox in batches;
 * while the inbox is full the thread waits, and datagrams that arrive meanwhile queue in the socket's receive buffer
 * (SockBufSize) until the kernel drops them: UDP has no backpressure.
 */
final class UdpInputReceiver implements Runnable {
    private static final int BATCH = 512;

    private final List<DatagramChannel> channels;
    private final Selector selector;
    private final TcpInputStats stats;
    private final TcpInputInbox inbox;
    private final DatagramInputType.Decoder decoder;
    private final ByteBuffer buf = ByteBuffer.allocate(65_536);
    private final Thread thread;
    private volatile boolean running = true;
    private List<Event> batch = new ArrayList<>();

    UdpInputReceiver(String name, List<DatagramChannel> channels, TcpInputStats stats, TcpInputInbox inbox,
                     DatagramInputType.Decoder decoder) throws IOException {
        this.channels = List.copyOf(channels);
        this.stats = stats;
        this.inbox = inbox;
        this.decoder = decoder;
        this.selector = Selector.open();
        for (DatagramChannel ch : this.channels) {
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ);
        }
        this.thread = new Thread(this, "logship-" + name + "-udp");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (running) {
                selector.select(250);
                for (SelectionKey k : selector.selectedKeys()) {
                    drain((DatagramChannel) k.channel());
                }
                selector.selectedKeys().clear();
                handOver();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                stats.log().error("{}: the UDP input stopped: {}", stats.instance(), e.toString(), e);
            }
        }
    }

    private void drain(DatagramChannel ch) throws IOException {
        SocketAddress from;
        buf.clear();
        while (running && (from = ch.receive(buf)) != null) {
            buf.flip();
            datagram(buf.array(), buf.limit(), (InetSocketAddress) from);
            buf.clear();
            if (batch.size() >= BATCH) {
                handOver();
            }
        }
    }

    private void datagram(byte[] b, int len, InetSocketAddress from) {
        stats.bytes.add(len);
        String ip = from.getAddress().getHostAddress();
        String peer = (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + from.getPort();
        Event e;
        if (decoder != null) {
            try {
                Optional<Event> got = decoder.datagram(b, 0, len, peer);
                if (got.isEmpty()) {
                    return;
                }
                e = got.get();
            } catch (IllegalArgumentException bad) {
                stats.rejected(peer, bad.getMessage());
                return;
            }
        } else {
            int end = len;
            if (end > 0 && b[end - 1] == '\n') {
                end--;
                if (end > 0 && b[end - 1] == '\r') {
                    end--;
                }
            }
            if (FramingText.hasHighBit(b, 0, end) && !Utf8.isValid(b, 0, end)) {
                stats.invalidUtf8(peer);
            }
            e = Event.ofRaw(new String(b, 0, end, StandardCharsets.UTF_8));
        }
        e.setIfAbsent(TcpInputConnection.SOURCE_ADDRESS, ip);
        batch.add(e);
    }

    /** Hands the batch over, waiting while the inbox is full. */
    private void handOver() {
        if (batch.isEmpty()) {
            return;
        }
        while (running && !inbox.offer(batch)) {
            LockSupport.parkNanos(1_000_000); // the routes are full: datagrams wait in the socket buffer
        }
        batch = new ArrayList<>();
    }

    void stop() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channels.forEach(TcpInputEndpoint::closeQuietly);
        TcpInputEndpoint.closeQuietly(selector);
    }
}
