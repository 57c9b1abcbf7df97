package io.logship.host.runtime;

import java.io.IOException;
import java.net.InetAddress;

/** The host name for the {@code Hostname} field: the resolver's, else {@code $HOSTNAME}, else localhost. */
final class LocalHost {
    private LocalHost() {
    }

    static String name() {
        String env = System.getenv("HOSTNAME");
        try {
            String h = InetAddress.getLocalHost().getHostName();
            if (h != null && !h.isBlank()) {
                return h;
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return env == null || env.isBlank() ? "localhost" : env;
    }
}
