package io.logship.net;

import java.net.InetSocketAddress;

/**
 * One {@code ListenAddr} of a network input as NXLog 5+ writes it: {@code host}, {@code host:port}, {@code ip4:port},
 * {@code [ip6]:port} or {@code [ip6]} (a bare IPv6 address without brackets is taken whole, without a port). A port
 * written here wins over the {@code Port} directive.
 */
record InputListenAddress(String host, int port) {
    /**
     * @throws IllegalArgumentException naming what is wrong with the value
     */
    static InputListenAddress parse(String value, int defaultPort) {
        String v = value.strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("empty address");
        }
        NetEndpoint e = NetEndpoint.parseOne(v, defaultPort, 0);
        return new InputListenAddress(e.host(), e.port());
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
