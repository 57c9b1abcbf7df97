package io.logship.net;

import io.logship.api.LogshipException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Where a stream input listens and what its connections are called: TCP here (peer "ip:port", MessageSourceAddress
 * the peer's IP), a Unix domain socket in {@link UdsInputEndpoint}; {@link #transport} is plain TCP unless a
 * subclass wraps it (im_ssl).
 */
class TcpInputEndpoint {
    private final List<InputListenAddress> addresses;

    TcpInputEndpoint(List<InputListenAddress> addresses) {
        this.addresses = List.copyOf(addresses);
    }

    /** Binds every address; the message names the one that failed. */
    List<ServerSocketChannel> open(String instance, Logger log) throws LogshipException {
        List<ServerSocketChannel> out = new ArrayList<>();
        for (InputListenAddress a : addresses) {
            ServerSocketChannel ch = null;
            try {
                InetSocketAddress sa = a.socketAddress();
                if (sa.isUnresolved()) {
                    throw new IOException("cannot resolve host name " + a.host());
                }
                ch = ServerSocketChannel.open();
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                ch.bind(sa, 1024);
                out.add(ch);
            } catch (IOException e) {
                closeQuietly(ch);
                out.forEach(TcpInputEndpoint::closeQuietly);
                throw new LogshipException(instance + ": cannot listen on " + a + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    String peer(SocketChannel ch) throws IOException {
        InetSocketAddress r = (InetSocketAddress) ch.getRemoteAddress();
        String ip = r.getAddress().getHostAddress();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + r.getPort();
    }

    String sourceAddress(SocketChannel ch) throws IOException {
        return ((InetSocketAddress) ch.getRemoteAddress()).getAddress().getHostAddress();
    }

    TcpInputTransport transport(SocketChannel ch) throws IOException {
        return TcpInputTransport.PLAIN;
    }

    /** After the listeners are closed. */
    void closed() {
    }

    static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
