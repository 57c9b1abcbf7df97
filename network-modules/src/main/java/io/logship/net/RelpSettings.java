package io.logship.net;

import java.time.Duration;

/**
 * om_relp's settings besides the targets.
 *
 * @param windowSize     unacknowledged commands at most
 * @param timeout        how long to wait for a response before the session is taken as dead
 * @param connectTimeout how long a connection attempt may take
 * @param reconnect      the first delay before connecting again
 * @param maxReconnect   the longest delay
 * @param localPort      the local port to bind, 0 for any
 */
record RelpSettings(int windowSize, Duration timeout, Duration connectTimeout, Duration reconnect,
                    Duration maxReconnect, int localPort) {
}
