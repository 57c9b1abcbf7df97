package io.logship.net;

import io.logship.api.ConfigException;
import io.logship.api.Event;
import io.logship.api.LogshipException;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import io.logship.api.OutputModule;
import io.logship.api.OutputType;
import io.logship.api.RetriableException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * om_tcp and om_ssl: each event's bytes in its OutputType, framed ({@link TcpOutputFraming}), go into the
 * instance's disk spool ({@link NetSpool}); a sender thread ({@link TcpOutputSender}) writes the spool to the
 * receiver, reconnecting, failing over and resending as that class describes.
 *
 * <p>{@link #write} blocks while the spool is full (the inputs slow down). {@link #flush} returns once every event
 * written so far has been written to the socket, or (when the sender is behind, e.g. the receiver is down) after
 * the spool was synced to disk: then the events survive a crash of the agent and are sent first, in order, when it
 * starts again.
 */
final class TcpOutput implements OutputModule {
    /** How long flush waits for the sender to catch up before it syncs the spool instead. */
    static final long FLUSH_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** Everything create() settled. */
    record Settings(String instance, List<NetEndpoint> endpoints, String outputType, int localPort,
                    boolean noDelay, Duration reconnect, Path spoolDir, long spoolMax, long resendWindow,
                    TlsSettings tls) {
    }

    private final Settings s;
    private Logger log;
    private String name;
    private OutputType extension;
    private TcpOutputFraming framing;
    private boolean lineFeed;
    private NetSpool spool;
    private TcpOutputSender sender;
    private Metrics.Counter encodeErrors;
    private volatile boolean stopping;

    TcpOutput(Settings settings) {
        this.s = settings;
    }

    @Override
    public void start(ModuleContext ctx) throws LogshipException {
        log = ctx.logger();
        name = ctx.moduleName() + " " + s.instance();
        switch (s.outputType()) {
            case NetOutputEncoding.LINE_BASED -> {
                framing = TcpOutputFraming.AS_IS;
                lineFeed = true;
            }
            case NetOutputEncoding.SYSLOG_TLS -> framing = TcpOutputFraming.OCTET_COUNTING;
            default -> {
                framing = TcpOutputFraming.AS_IS;
                try {
                    extension = NetOutputEncoding.extension(ctx, s.outputType());
                } catch (ConfigException e) {
                    throw new ConfigException(s.instance() + ": OutputType: " + e.getMessage());
                }
            }
        }
        TlsContext tls = s.tls() == null ? null : s.tls().open(log);
        Path dir = s.spoolDir() != null ? s.spoolDir() : ctx.spoolDir().resolve(ctx.moduleName() + "-" + s.instance());
        try {
            spool = NetSpool.open(dir, s.spoolMax(), 256 * 1024, log, name);
        } catch (IOException e) {
            throw new LogshipException(name + ": cannot open the spool in " + dir + ": " + e.getMessage(), e);
        }
        encodeErrors = ctx.metrics().counter("net.encode.errors");
        TcpOutputConnection.Options options = new TcpOutputConnection.Options(s.localPort(), s.noDelay(), tls,
                framing, n -> { });
        sender = new TcpOutputSender(name, spool, s.endpoints(), options, TcpOutputBackoff.of(s.reconnect()),
                s.resendWindow(), s.spoolMax() / 2, log, ctx.metrics());
        long waiting = spool.appended() - spool.released();
        if (waiting > 0) {
            log.info("{}: {} bytes of events from the last run wait in the spool {}; they are sent first", name,
                    waiting, dir);
        }
        sender.start();
    }

    @Override
    public void write(Event event) throws LogshipException, InterruptedException {
        if (stopping) {
            throw new RetriableException(name + ": stopping", null);
        }
        byte[] payload;
        try {
            payload = extension != null ? extension.encode(event) : NetOutputEncoding.raw(event, lineFeed);
        } catch (IllegalArgumentException e) {
            if (encodeErrors.get() % 1000 == 0) {
                log.warn("{}: an event cannot be written as OutputType {}: {} (event skipped and counted in "
                        + "net.encode.errors: {} so far)", name, s.outputType(), e.getMessage(), encodeErrors.get() + 1);
            }
            encodeErrors.increment();
            return;
        }
        try {
            framing.frame(payload, spool::append);
        } catch (IOException e) {
            throw new RetriableException(name + ": spool " + spool.dir() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void flush() throws LogshipException, InterruptedException {
        long target = spool.appended();
        if (sender.awaitSent(target, 0) || sender.awaitSent(target, FLUSH_WAIT_NANOS)) {
            return;
        }
        try {
            spool.sync();
        } catch (IOException e) {
            throw new RetriableException(name + ": cannot sync the spool " + spool.dir() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() throws LogshipException {
        stopping = true;
        try {
            if (sender != null) {
                sender.stop();
            }
            if (spool != null) {
                if (sender != null) {
                    spool.release(sender.position(), true); // a clean stop: the next start sends no tail again
                }
                spool.close();
            }
        } catch (IOException e) {
            throw new LogshipException(name + ": closing the spool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The sender, for tests. */
    TcpOutputSender sender() {
        return sender;
    }

    NetSpool spool() {
        return spool;
    }

    @Override
    public String toString() {
        return name + " -> " + s.endpoints();
    }
}
