package io.logship.net;

import io.logship.api.Event;
import io.logship.api.LogshipException;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import io.logship.api.OutputModule;
import io.logship.api.RetriableException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * om_tcp / om_ssl with {@code OutputType Binary}: each event with all its fields and their types
 * ({@link BinaryFrames}) to a logship im_tcp / im_ssl with {@code InputType Binary}, which acknowledges each frame
 * once its agent has committed the event (every output there flushed it). Up to the window's frames and octets are
 * outstanding ({@link BinaryWindow}); a write waits for room. {@link #flush} returns once every event written was
 * acknowledged, so the host commits input positions only for events durable at the receiver's outputs.
 *
 * <p>A failed connection (refused, reset, closed, no acknowledgement within the timeout, a TLS failure, a broken
 * acknowledgement stream) is opened again with back-off ({@link RelpReconnect}: one WARN per burst), to the next
 * Host in turn, and every unacknowledged frame is sent again, in order, with its sequence number. Events the receiver
 * had committed and whose acknowledgement was lost arrive twice: at least once. Writes and flushes wait through an
 * outage; {@link #stop} or an interrupt makes them return.
 */
final class BinaryOutput implements OutputModule {
    /** Window, timeouts and back-off. */
    record Settings(int windowFrames, long windowBytes, Duration timeout, Duration connectTimeout, Duration reconnect,
                    Duration maxReconnect, int localPort) {
    }

    private final String instance;
    private final List<NetEndpoint> targets;
    private final Settings settings;
    private final TlsSettings tlsSettings;
    private final BinaryWindow window;
    private final Object wakeup = new Object();
    private TlsContext tls;
    private RelpReconnect reconnect;
    private Logger logger;
    private Metrics.Counter acked;
    private Metrics.Counter resent;
    private Metrics.Counter reconnects;
    private Metrics.Counter encodeErrors;
    private int targetIndex;
    private volatile BinarySession session;
    private volatile boolean stopping;

    BinaryOutput(String instance, List<NetEndpoint> targets, Settings settings, TlsSettings tls) {
        this.instance = instance;
        this.targets = List.copyOf(targets);
        this.settings = settings;
        this.tlsSettings = tls;
        this.window = new BinaryWindow(settings.windowFrames(), settings.windowBytes());
    }

    @Override
    public void start(ModuleContext context) throws LogshipException {
        logger = context.logger();
        if (tlsSettings != null) {
            tls = tlsSettings.open(logger);
        }
        reconnect = new RelpReconnect(settings.reconnect(), settings.maxReconnect(), logger, instance, "Binary");
        acked = context.metrics().counter("binary.acked");
        resent = context.metrics().counter("binary.resent");
        reconnects = context.metrics().counter("binary.reconnects");
        encodeErrors = context.metrics().counter("net.encode.errors");
    }

    @Override
    public void write(Event event) throws LogshipException, InterruptedException {
        byte[] frame;
        try {
            frame = window.encodeNext(event);
        } catch (IllegalArgumentException e) {
            if (encodeErrors.get() % 1000 == 0) {
                logger.error("{}: an event cannot be written as OutputType Binary: {} (skipped, counted in "
                        + "net.encode.errors: {} so far)", instance, e.getMessage(), encodeErrors.get() + 1);
            }
            encodeErrors.increment();
            return;
        }
        while (true) {
            BinarySession s = ensureSession();
            boolean held = false;
            try {
                while (!window.hasRoom(frame.length)) {
                    acknowledged(s.awaitAck(window.highestSequence()));
                }
                window.hold(frame);
                held = true;
                s.send(frame);
                acknowledged(s.pollAcks(window.highestSequence()));
                return;
            } catch (IOException e) {
                lost(s, e);
                if (held) {
                    return; // held in the window: sent again on the next connection
                }
            }
        }
    }

    @Override
    public void flush() throws LogshipException, InterruptedException {
        while (true) {
            BinarySession s = ensureSession();
            try {
                s.flush();
                while (!window.isEmpty()) {
                    acknowledged(s.awaitAck(window.highestSequence()));
                }
                return;
            } catch (IOException e) {
                lost(s, e);
            }
        }
    }

    /** Unacknowledged frames held (tests). */
    int held() {
        return window.held();
    }

    private void acknowledged(long upTo) {
        int n = window.acknowledge(upTo);
        if (n > 0) {
            acked.add(n);
            if (reconnect.inBurst()) {
                reconnect.progressed(session == null ? "?" : session.peer());
            }
        }
    }

    private BinarySession ensureSession() throws InterruptedException, RetriableException {
        while (true) {
            BinarySession s = session;
            if (s != null) {
                return s;
            }
            if (stopping) {
                throw new RetriableException(instance + ": stopping; " + window.held()
                        + " unacknowledged event(s) not committed", null);
            }
            long wait = reconnect.notBeforeNanos() - System.nanoTime();
            if (wait > 0) {
                synchronized (wakeup) {
                    if (!stopping) {
                        TimeUnit.NANOSECONDS.timedWait(wakeup, wait);
                    }
                }
                continue;
            }
            NetEndpoint target = targets.get(targetIndex);
            BinarySession opened = null;
            try {
                opened = BinarySession.open(target, tls, settings.localPort(), settings.connectTimeout(),
                        settings.timeout(), window.acknowledged());
                List<byte[]> again = window.unacknowledged();
                for (byte[] f : again) {
                    opened.send(f);
                }
                opened.flush();
                resent.add(again.size());
                reconnect.connected(target.toString(), again.size());
                session = opened;
                if (stopping) {
                    opened.abort();
                }
            } catch (IOException e) {
                if (opened != null) {
                    opened.abort();
                }
                failed(target.toString(), e);
            }
        }
    }

    private void lost(BinarySession s, IOException e) {
        s.abort();
        session = null;
        failed(s.peer(), e);
    }

    private void failed(String peer, IOException e) {
        reconnects.increment();
        reconnect.failed(peer, e, window.held());
        targetIndex = (targetIndex + 1) % targets.size();
    }

    @Override
    public void stop() {
        stopping = true;
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
        BinarySession s = session;
        session = null;
        if (s != null) {
            s.abort();
            if (!window.isEmpty() && logger != null) {
                logger.info("{}: stopped with {} event(s) not acknowledged by {}; they were not committed and are "
                        + "sent again on the next run", instance, window.held(), s.peer());
            }
        }
    }

    @Override
    public String toString() {
        return instance + " Binary to " + targets + (tlsSettings == null ? "" : " over TLS");
    }
}
