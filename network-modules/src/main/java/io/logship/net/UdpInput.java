package io.logship.net;

import io.logship.api.ConfigException;
import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.api.LogshipException;
import io.logship.api.ModuleContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * im_udp: binds every address, starts a {@link UdpInputReceiver} and posts what it received on the host's input
 * thread. No positions (a datagram cannot be read again).
 */
final class UdpInput implements InputModule {
    private final String instance;
    private final List<InputListenAddress> addresses;
    /** The DatagramInputType extension instance, or null for Dgram. */
    private final String type;
    private final String typeLocation;
    private final int sockBufSize;
    private final TcpInputInbox inbox = new TcpInputInbox(TcpInput.INBOX_BATCHES);
    private UdpInputReceiver receiver;
    private final List<DatagramChannel> channels = new ArrayList<>();
    private TcpInputStats stats;
    private volatile boolean stopping;

    UdpInput(String instance, List<InputListenAddress> addresses, String type, String typeLocation, int sockBufSize) {
        this.instance = instance;
        this.addresses = List.copyOf(addresses);
        this.type = type;
        this.typeLocation = typeLocation;
        this.sockBufSize = sockBufSize;
    }

    @Override
    public void start(ModuleContext context) throws LogshipException {
        stats = new TcpInputStats(instance, context.logger(), context.metrics(), () -> context.clock().millis());
        DatagramInputType.Decoder decoder = null;
        if (type != null) {
            try {
                decoder = datagramType(context).open(instance);
            } catch (ConfigException e) {
                throw new ConfigException(typeLocation + ": " + instance + ": InputType: " + e.getMessage());
            }
        }
        for (InputListenAddress a : addresses) {
            try {
                InetSocketAddress sa = a.socketAddress();
                if (sa.isUnresolved()) {
                    throw new IOException("cannot resolve host name " + a.host());
                }
                DatagramChannel ch = DatagramChannel.open();
                channels.add(ch);
                if (sockBufSize > 0) {
                    ch.setOption(StandardSocketOptions.SO_RCVBUF, sockBufSize);
                    int got = ch.getOption(StandardSocketOptions.SO_RCVBUF);
                    if (got < sockBufSize) {
                        context.logger().warn("{}: SockBufSize {} asked, the kernel gave {} bytes (raise "
                                + "net.core.rmem_max)", instance, sockBufSize, got);
                    }
                }
                ch.bind(sa);
            } catch (IOException e) {
                channels.forEach(TcpInputEndpoint::closeQuietly);
                channels.clear();
                throw new LogshipException(instance + ": cannot listen on UDP " + a + ": " + e.getMessage(), e);
            }
        }
        try {
            receiver = new UdpInputReceiver(instance, channels, stats, inbox, decoder);
            context.logger().info("{}: listening on UDP {}", instance, boundAddresses());
        } catch (IOException e) {
            channels.forEach(TcpInputEndpoint::closeQuietly);
            throw new LogshipException(instance + ": cannot start the UDP input: " + e.getMessage(), e);
        }
        receiver.start();
    }

    /** The extension instance named by InputType, else for NXLog's GELF names xm_gelf's reader. */
    private DatagramInputType datagramType(ModuleContext context) throws ConfigException {
        try {
            return context.extension(type, DatagramInputType.class);
        } catch (ConfigException e) {
            if (GelfTypes.isGelfName(type)) {
                return GelfTypes.datagramInput(type, context);
            }
            throw e;
        }
    }

    @Override
    public void read(InputContext context) throws InterruptedException {
        if (!stopping) {
            inbox.postTo(context, stats.events, 200, 64);
        }
    }

    List<SocketAddress> boundAddresses() throws IOException {
        List<SocketAddress> out = new ArrayList<>();
        for (DatagramChannel ch : channels) {
            out.add(ch.getLocalAddress());
        }
        return out;
    }

    @Override
    public void stop() {
        stopping = true;
        if (receiver != null) {
            receiver.stop();
        }
        inbox.clear();
    }
}
