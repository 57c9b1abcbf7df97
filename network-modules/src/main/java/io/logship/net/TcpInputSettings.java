package io.logship.net;

import java.time.Duration;
import java.util.List;

/**
 * A stream input's validated settings.
 *
 * @param inputType {@code linebased}, {@code syslog_tls}, or the name of an extension instance
 */
record TcpInputSettings(String instance, List<InputListenAddress> addresses, String inputType,
                        String inputTypeLocation, int maxConnections, int bufferSize, Duration incompleteTimeout) {
    TcpInputSettings {
        addresses = List.copyOf(addresses);
    }
}
