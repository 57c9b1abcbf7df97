package io.logship.net;

import io.logship.api.Event;
import io.logship.api.LogshipException;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import io.logship.api.OutputModule;
import io.logship.api.RetriableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * om_relp: each event's {@code $raw_event} as one RELP {@code syslog} command. Up to {@code WindowSize} commands are
 * outstanding; a write waits for room, reading the receiver's responses. {@link #flush} returns once the receiver
 * answered {@code 200} to every event written (or rejected it: then the event is in the dead-letter file, see
 * {@link RelpRejects}), so the host commits input positions only for acknowledged events.
 *
 * <p>When the connection fails (refused, reset, closed, a response timeout, a protocol error) the output connects
 * again with back-off ({@link RelpReconnect}: one WARN per burst) to the next {@code Host} in turn and sends every
 * unacknowledged event again, in order, before any new one. Writes and flushes wait through the outage rather than
 * fail, so nothing is dropped and the host does not log every attempt; {@link #stop} (from another thread) or an
 * interrupt makes them return. Events acknowledged just before a failure whose acknowledgement was lost are sent
 * twice: RELP delivers at least once.
 */
final class RelpOutput implements OutputModule {
    private final String instance;
    private final List<NetEndpoint> targets;
    private final RelpSettings settings;
    private final RelpWindow window;
    private final Object wakeup = new Object();
    private RelpReconnect reconnect;
    private RelpRejects rejects;
    private Logger logger;
    private Metrics.Counter acked;
    private Metrics.Counter resent;
    private Metrics.Counter rejected;
    private Metrics.Counter reconnects;
    private int targetIndex;
    private volatile RelpSession session;
    private volatile boolean stopping;
    private volatile boolean busy;

    private final TlsSettings tlsSettings;
    private TlsContext tls;

    /** @param tls the TLS settings, null for plain TCP */
    RelpOutput(String instance, List<NetEndpoint> targets, RelpSettings settings, TlsSettings tls) {
        this.instance = instance;
        this.tlsSettings = tls;
        this.targets = List.copyOf(targets);
        this.settings = settings;
        this.window = new RelpWindow(settings.windowSize());
    }

    @Override
    public void start(ModuleContext context) throws LogshipException {
        logger = context.logger();
        if (tlsSettings != null) {
            tls = tlsSettings.open(logger);
        }
        reconnect = new RelpReconnect(settings.reconnect(), settings.maxReconnect(), logger, instance);
        rejects = new RelpRejects(context.spoolDir().resolve(instance + ".relp-rejected"), context.clock());
        acked = context.metrics().counter("relp.acked");
        resent = context.metrics().counter("relp.resent");
        rejected = context.metrics().counter("relp.rejected");
        reconnects = context.metrics().counter("relp.reconnects");
    }

    @Override
    public void write(Event event) throws LogshipException, InterruptedException {
        String raw = event.raw();
        byte[] message = (raw == null ? "" : raw).getBytes(StandardCharsets.UTF_8);
        busy = true;
        try {
            while (true) {
                RelpSession s = ensureSession();
                boolean added = false;
                try {
                    while (!window.hasRoom()) {
                        handle(s, s.next());
                    }
                    int txnr = window.add(message);
                    added = true;
                    s.send(txnr, "syslog", message);
                    for (RelpFrame f = s.poll(); f != null; f = s.poll()) {
                        handle(s, f);
                    }
                    return;
                } catch (IOException e) {
                    lost(s, e);
                    if (added) {
                        return; // held in the window: sent again on the next session
                    }
                }
            }
        } finally {
            busy = false;
        }
    }

    @Override
    public void flush() throws LogshipException, InterruptedException {
        busy = true;
        try {
            while (true) {
                RelpSession s = ensureSession();
                try {
                    s.flush();
                    while (!window.isEmpty()) {
                        handle(s, s.next());
                    }
                    return;
                } catch (IOException e) {
                    lost(s, e);
                }
            }
        } finally {
            busy = false;
        }
    }

    /** Unacknowledged events held (for tests and the stop message). */
    int held() {
        return window.held();
    }

    private void handle(RelpSession s, RelpFrame f) throws IOException {
        if (f.txnr() == 0) {
            if ("serverclose".equals(f.command())) {
                throw new java.io.EOFException(s.peer() + ": the server is closing the session (serverclose)");
            }
            logger.debug("{}: ignoring RELP hint {} from {}", instance, f.command(), s.peer());
            return;
        }
        if (!"rsp".equals(f.command())) {
            throw new RelpProtocolException(s.peer() + ": the server sent command " + f.command()
                    + " (only rsp and hints are allowed from a server)");
        }
        RelpResponse r = RelpResponse.parse(s.peer(), f);
        RelpWindow.Entry e = window.acknowledge(s.peer(), f.txnr());
        if (r.ok()) {
            acked.increment();
            if (reconnect.inBurst()) {
                reconnect.progressed(s.peer());
            }
            return;
        }
        rejected.increment();
        logger.error("{}: {} rejected an event with {}; it is kept in {} (not sent again)", instance, s.peer(),
                r.describe(), rejects.file());
        rejects.add(e.message(), r);
    }

    /** The open session, connecting (with back-off) and sending the held events again first when there is none. */
    private RelpSession ensureSession() throws InterruptedException, RetriableException {
        while (true) {
            RelpSession s = session;
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
            RelpSession opened = null;
            try {
                opened = RelpSession.open(target, tls, settings.localPort(), settings.connectTimeout(),
                        settings.timeout(), 1);
                List<RelpWindow.Entry> again = window.restart(2);
                for (RelpWindow.Entry e : again) {
                    opened.send(e.txnr(), "syslog", e.message());
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

    private void lost(RelpSession s, IOException e) {
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
        RelpSession s = session;
        if (s == null) {
            return;
        }
        if (busy) {
            s.abort(); // a write or flush is blocked on it: make it return now
        } else {
            s.closeGracefully(window.nextTxnr(), Duration.ofSeconds(2));
        }
        session = null;
        if (!window.isEmpty() && logger != null) {
            logger.info("{}: stopped with {} event(s) not acknowledged by {}; they were not committed and are sent "
                    + "again on the next run", instance, window.held(), s.peer());
        }
    }

    @Override
    public String toString() {
        return "om_relp " + instance + " " + targets + (tls == null ? "" : " over TLS");
    }
}
