package io.logship.net;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * When om_relp tries to connect again, and what it says about it: the first failure of a burst is one WARN with
 * host:port, the reason and the events held; further failures of the burst are DEBUG; the first acknowledgement
 * after a burst ends it with one INFO. The delay starts at {@code initial} and doubles per failure up to
 * {@code max}; it starts again at {@code initial} only once a session made progress (an acknowledgement), so a
 * receiver that accepts connections and drops them at once is not hammered. Not thread-safe.
 */
final class RelpReconnect {
    private final Duration initial;
    private final Duration max;
    private final Logger logger;
    private final String instance;
    private final String protocol;
    private Duration next;
    private int failures;
    private long burstStartNanos;
    private long notBeforeNanos;
    private boolean connectedInBurst;

    RelpReconnect(Duration initial, Duration max, Logger logger, String instance) {
        this(initial, max, logger, instance, "RELP");
    }

    /** @param protocol what the log lines call the transport ("RELP", "Binary") */
    RelpReconnect(Duration initial, Duration max, Logger logger, String instance, String protocol) {
        this.protocol = protocol;
        this.initial = initial;
        this.max = max.compareTo(initial) < 0 ? initial : max;
        this.logger = logger;
        this.instance = instance;
        this.next = initial;
    }

    /** System.nanoTime() before which no connection is tried. */
    long notBeforeNanos() {
        return notBeforeNanos;
    }

    /** True while a burst of failures has not been ended by an acknowledgement. */
    boolean inBurst() {
        return failures > 0;
    }

    /**
     * A connection attempt or a session failed.
     *
     * @param peer host:port
     * @param held unacknowledged events that will be sent again
     */
    void failed(String peer, IOException cause, int held) {
        Duration delay = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        notBeforeNanos = System.nanoTime() + delay.toNanos();
        String reason = reason(cause);
        if (reason.startsWith(peer + ": ")) {
            reason = reason.substring(peer.length() + 2);
        }
        if (failures++ == 0) {
            burstStartNanos = System.nanoTime();
            logger.warn("{}: {} to {} failed: {}; reconnecting in {} ms (doubling up to {} s), {} unacknowledged "
                    + "event(s) held to be sent again in order", instance, protocol, peer, reason, delay.toMillis(),
                    max.toSeconds(), held);
        } else {
            logger.debug("{}: {} to {} failed again ({} in this burst): {}; next attempt in {} ms", instance,
                    protocol, peer, failures, reason, delay.toMillis());
        }
    }

    /** A session was opened and {@code resent} held events were sent again. */
    void connected(String peer, int resent) {
        if (failures > 0) {
            connectedInBurst = true;
            logger.debug("{}: {} session to {} open again, {} event(s) sent again", instance, protocol, peer, resent);
        }
    }

    /** The receiver acknowledged an event: the burst, if any, is over. */
    void progressed(String peer) {
        if (failures > 0) {
            long ms = (System.nanoTime() - burstStartNanos) / 1_000_000;
            logger.info("{}: {} to {} delivering again after {} failed attempt(s) over {} ms{}", instance, protocol,
                    peer, failures, ms, connectedInBurst ? "; unacknowledged events were sent again" : "");
        }
        failures = 0;
        connectedInBurst = false;
        next = initial;
    }

    /** The reason for log lines, from the exception: refused, timed out, reset, closed, unknown host, protocol. */
    static String reason(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof ConnectException) {
            return "connection refused (" + m + ")";
        } else if (e instanceof SocketTimeoutException) {
            return "timed out (" + m + ")";
        } else if (e instanceof UnknownHostException) {
            return "unknown host (" + m + ")";
        } else if (e instanceof NoRouteToHostException) {
            return "no route to host (" + m + ")";
        } else if (e instanceof EOFException || e instanceof RelpProtocolException
                || e instanceof javax.net.ssl.SSLHandshakeException) {
            return m;
        } else if (m.toLowerCase(java.util.Locale.ROOT).contains("reset")) {
            return "connection reset by the server (" + m + ")";
        }
        return m;
    }
}
