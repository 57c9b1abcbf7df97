package io.logship.net;

import java.util.ArrayList;
import java.util.List;

/**
 * A destination as NXLog's {@code Host} directive names it: {@code host}, {@code host:port}, {@code [v6]:port} or a
 * bare IPv6 address; without a port, the {@code Port} directive's. Shown as host:port in every message. A Unix domain
 * socket ({@link #unix}) is its path, port -1.
 */
record NetEndpoint(String host, int port) {
    /**
     * Parses every {@code Host} value (in order: the first is the primary, the others failover).
     *
     * @throws IllegalArgumentException naming the value and what is wrong with it
     */
    static List<NetEndpoint> parse(List<String> hosts, int defaultPort) {
        List<NetEndpoint> out = new ArrayList<>();
        for (String h : hosts) {
            for (String one : h.strip().split("\\s+")) {
                if (!one.isEmpty()) {
                    out.add(parseOne(one, defaultPort));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("names no host");
        }
        return List.copyOf(out);
    }

    static NetEndpoint parseOne(String v, int defaultPort) {
        return parseOne(v, defaultPort, 1);
    }

    /**
     * One value: {@code host}, {@code host:port}, {@code [v6]:port}, {@code [v6]} or a bare IPv6 address (taken whole,
     * without a port); without a port, {@code defaultPort}. Shared by the outputs' {@code Host} and the inputs'
     * {@code ListenAddr} (which may listen on port 0).
     *
     * @param minPort the lowest port allowed: 1 to connect to, 0 to listen on
     * @throws IllegalArgumentException naming the value and what is wrong with it
     */
    static NetEndpoint parseOne(String v, int defaultPort, int minPort) {
        String host = v;
        String port = null;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + v + "': '[' without ']'");
            }
            host = v.substring(1, close);
            if (close + 1 < v.length()) {
                if (v.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("'" + v + "': expected ':port' after ']'");
                }
                port = v.substring(close + 2);
            }
        } else if (v.indexOf(':') >= 0 && v.indexOf(':') == v.lastIndexOf(':')) {
            host = v.substring(0, v.indexOf(':'));
            port = v.substring(v.indexOf(':') + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + v + "' names no host");
        }
        int p = defaultPort;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + v + "': port '" + port + "' is not a number");
            }
        }
        if (p < minPort || p > 65535) {
            throw new IllegalArgumentException("'" + v + "': port " + p + " is not between " + minPort + " and 65535");
        }
        return new NetEndpoint(host, p);
    }

    /** A Unix domain socket at a path (om_uds). */
    static NetEndpoint unix(String path) {
        return new NetEndpoint(path, -1);
    }

    boolean isUnix() {
        return port < 0;
    }

    @Override
    public String toString() {
        if (isUnix()) {
            return host;
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
