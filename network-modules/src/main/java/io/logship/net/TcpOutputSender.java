package io.logship.net;

import io.logship.api.Metrics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The thread of om_tcp/om_ssl that moves the spool's chunks to the receiver: connects (failing over along the
 * {@code Host} list, backing off after a round of failures), writes chunk after chunk, and on a failure connects
 * again and resends.
 *
 * <p><b>What is resent.</b> A TCP sender cannot know which of the bytes it wrote reached the receiving program: a
 * write returns once the bytes are in its own kernel's send buffer (up to SO_SNDBUF); the receiver's kernel
 * acknowledges bytes it holds in its receive buffer before the program reads them, and the program may hold read
 * messages in memory (rsyslog's queue) before it writes them. A receiver killed at that moment loses all of these,
 * and no plain syslog sender can tell how many. The rule here: on a new connection after a failure the sender
 * starts again at the first chunk that began within the last {@code max(ResendWindow, SO_SNDBUF)} bytes
 * (at most half the spool) written
 * on the failed connection (never before that connection's own first chunk, which was itself such a restart point).
 * Events in that tail may arrive twice; events before it are lost only when the receiver lost more than the window.
 * {@code ResendWindow 0} resends nothing but the chunk whose write failed, as a plain syslog sender does.
 * With an acknowledged framing ({@link TcpOutputFraming#acknowledged}) the acknowledgements would replace this tail.
 *
 * <p><b>Logging.</b> The first failure of a burst is one WARN with host:port and the reason (refused, timed out,
 * certificate not trusted, host name mismatch, connection lost); the connection that ends the burst is one INFO. A
 * burst ends when a connection has lasted {@link #STABLE}.
 */
final class TcpOutputSender implements Runnable {
    static final Duration STABLE = Duration.ofSeconds(10);
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final String name;
    private final NetSpool spool;
    private final List<NetEndpoint> endpoints;
    private final TcpOutputConnection.Options options;
    private final TcpOutputBackoff backoff;
    private final long resendWindow;
    private final long maxWindow;
    private final Logger log;
    private final Metrics.Counter sentEvents;
    private final Metrics.Counter sentBytes;
    private final Metrics.Counter reconnects;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Object progress = new Object();
    private volatile TcpOutputConnection conn;
    /** The highest spool position written to a socket at least once. */
    private volatile long sent;
    private Thread thread;

    /** Chunk starts written on the current connection, with the bytes written on it before each. */
    private final ArrayDeque<long[]> tail = new ArrayDeque<>();
    private long position;
    private long connStart;
    private long connBytes;
    private long connSince;
    private int endpoint;
    private int burstFailures;
    private boolean recoveryLogged;
    private long burstSince;
    private long window;

    TcpOutputSender(String name, NetSpool spool, List<NetEndpoint> endpoints, TcpOutputConnection.Options options,
                    TcpOutputBackoff backoff, long resendWindow, long maxWindow, Logger log, Metrics metrics) {
        this.name = name;
        this.spool = spool;
        this.endpoints = endpoints;
        this.options = options;
        this.backoff = backoff;
        this.resendWindow = resendWindow;
        this.maxWindow = maxWindow;
        this.log = log;
        this.sentEvents = metrics.counter("net.sent.events");
        this.sentBytes = metrics.counter("net.sent.bytes");
        this.reconnects = metrics.counter("net.reconnects");
        this.position = spool.released();
        this.sent = position;
    }

    void start() {
        thread = new Thread(this, "logship-" + name + "-sender");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until every byte before {@code target} was written to a socket, at most {@code timeoutNanos}. */
    boolean awaitSent(long target, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (progress) {
            while (sent < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return true;
        }
    }

    long sent() {
        return sent;
    }

    @Override
    public void run() {
        byte[][] buf = {new byte[1 << 18]};
        while (stop.getCount() > 0) {
            try {
                if (conn == null && !connect()) {
                    continue;
                }
                long at = spool.awaitData(position, LINGER_NANOS, TimeUnit.MILLISECONDS.toNanos(200));
                TcpOutputConnection c = conn;
                if (c.deadReason() != null) {
                    failed(c, c.deadReason());
                    continue;
                }
                if (at < 0) {
                    continue;
                }
                NetSpool.Chunk chunk;
                try {
                    chunk = spool.read(at, buf);
                } catch (IOException e) {
                    position = spool.skipDamaged(at);
                    log.error("{}: spool {} is damaged at position {} ({}); skipping {} bytes of it to go on with the "
                            + "rest", name, spool.dir(), at, e.getMessage(), position - at);
                    continue;
                }
                tail.addLast(new long[] {at, connBytes});
                c.write(buf[0], chunk.length());
                connBytes += chunk.length();
                position = chunk.next();
                sentEvents.add(chunk.events());
                sentBytes.add(chunk.length());
                if (position > sent) {
                    synchronized (progress) {
                        sent = position;
                        progress.notifyAll();
                    }
                }
                trimTail();
                if (burstFailures > 0 && System.nanoTime() - connSince > STABLE.toNanos()) {
                    burstFailures = 0;
                    recoveryLogged = false;
                    backoff.reset();
                }
            } catch (IOException e) {
                TcpOutputConnection c = conn;
                if (stop.getCount() == 0) {
                    break;
                }
                if (c != null) {
                    failed(c, c.deadReason() != null ? c.deadReason()
                            : "connection lost (" + TcpOutputConnection.reason(e) + ")");
                } else {
                    log.error("{}: spool {}: {}; retrying in 1 s", name, spool.dir(), e.toString());
                    try {
                        sleep(Duration.ofSeconds(1));
                    } catch (InterruptedException stopNow) {
                        break;
                    }
                }
            } catch (InterruptedException e) {
                break;
            }
        }
        TcpOutputConnection c = conn;
        if (c != null) {
            c.close();
        }
    }

    /** Drops tail entries older than the window and lets the spool free what no resend can need. */
    private void trimTail() throws IOException {
        while (tail.size() > 1 && connBytes - tail.peekFirst()[1] > window
                && connBytes - secondOfTail()[1] > window) {
            tail.pollFirst();
        }
        spool.release(tail.isEmpty() ? position : tail.peekFirst()[0], false);
    }

    private long[] secondOfTail() {
        var it = tail.iterator();
        it.next();
        return it.next();
    }

    /** One connection attempt to the current endpoint; false (after the back-off when a round failed) if none. */
    private boolean connect() throws InterruptedException {
        NetEndpoint ep = endpoints.get(endpoint);
        try {
            TcpOutputConnection c = ep.isUnix() ? TcpOutputConnection.openUnix(ep, options)
                    : TcpOutputConnection.open(ep, options);
            connStart = position;
            connBytes = 0;
            connSince = System.nanoTime();
            window = resendWindow == 0 ? 0 : Math.min(maxWindow, Math.max(resendWindow, (long) c.sendBufferSize()));
            tail.clear();
            conn = c;
            if (burstFailures > 0 && !recoveryLogged) {
                recoveryLogged = true;
                reconnects.increment();
                log.info("{}: connected to {} after {} failed attempt(s) in {} s; sending from the spool ({} bytes "
                                + "kept), the last bytes of the lost connection again", name, ep, burstFailures,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - burstSince), spool.usedBytes());
            } else if (burstFailures > 0) {
                reconnects.increment();
                log.debug("{}: connected to {} again", name, ep);
            } else {
                log.info("{}: connected to {}", name, ep);
            }
            return true;
        } catch (IOException e) {
            noteFailure(ep, TcpOutputConnection.reason(e));
            endpoint = (endpoint + 1) % endpoints.size();
            if (endpoint == 0 || endpoints.size() == 1) {
                sleep(backoff.next());
            }
            return false;
        }
    }

    private void failed(TcpOutputConnection c, String reason) {
        c.close();
        conn = null;
        long restart = window == 0 ? position : tail.isEmpty() ? connStart : tail.peekFirst()[0];
        position = Math.min(position, Math.max(restart, connStart));
        tail.clear();
        if (stop.getCount() == 0) {
            return;
        }
        noteFailure(c.endpoint, reason);
        if (endpoints.size() > 1) {
            endpoint = (endpoint + 1) % endpoints.size();
        }
    }

    private void noteFailure(NetEndpoint ep, String reason) {
        if (burstFailures++ == 0) {
            burstSince = System.nanoTime();
            log.warn("{}: cannot send to {}: {}; retrying with back-off{} (events wait in the spool {}, nothing "
                            + "is dropped)", name, ep, reason, endpoints.size() > 1 ? " and failover to " + endpoints
                            : "", spool.dir());
        } else {
            log.debug("{}: {} still failing: {}", name, ep, reason);
        }
    }

    private void sleep(Duration d) throws InterruptedException {
        stop.await(d.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops the thread (a blocked write fails as its socket closes) and waits for it. */
    void stop() throws InterruptedException {
        stop.countDown();
        TcpOutputConnection c = conn;
        if (c != null) {
            c.close();
        }
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(5)); // not interrupted: that would close the spool's file channel
        }
    }

    /** The next spool position to send (read after {@link #stop}). */
    long position() {
        return position;
    }
}
