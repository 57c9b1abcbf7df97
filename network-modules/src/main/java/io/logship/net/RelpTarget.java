package io.logship.net;

/**
 * A receiver om_relp connects to: {@code Host} as written ({@code name}, {@code name:port}, {@code [v6]:port}) with
 * {@code Port} for one that names none.
 *
 * @param host the host name or address, without brackets
 * @param port 1 to 65535
 */
record RelpTarget(String host, int port) {
    /**
     * @throws IllegalArgumentException with the reason, for an empty host or a bad port
     */
    static RelpTarget parse(String written, int defaultPort) {
        String s = written.strip();
        String host = s;
        int port = defaultPort;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed [ in " + written);
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (rest.startsWith(":")) {
                port = port(rest.substring(1), written);
            } else if (!rest.isEmpty()) {
                throw new IllegalArgumentException("unexpected text after ] in " + written);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = port(s.substring(s.indexOf(':') + 1), written);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host name in " + written);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
        return new RelpTarget(host, port);
    }

    private static int port(String text, String written) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number in " + written);
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
