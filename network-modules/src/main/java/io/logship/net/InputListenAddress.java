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
        String host = v;
        String port = null;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + v + "': '[' without ']'");
            }
            host = v.substring(1, close);
            String rest = v.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("'" + v + "': expected ':port' after ']'");
                }
                port = rest.substring(1);
            }
        } else {
            int colon = v.indexOf(':');
            if (colon >= 0 && colon == v.lastIndexOf(':')) {
                host = v.substring(0, colon);
                port = v.substring(colon + 1);
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + v + "': no host before the port");
        }
        int p = defaultPort;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + v + "': port '" + port + "' is not a number");
            }
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("'" + v + "': port " + p + " is not between 0 and 65535");
            }
        }
        return new InputListenAddress(host, p);
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
