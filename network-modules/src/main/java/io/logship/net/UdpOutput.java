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
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * om_udp: each event as one datagram ({@code Dgram}: $raw_event; {@code LineBased}: with a LF), or the datagrams a
 * {@link DatagramOutputType} extension makes. UDP has no delivery: a datagram is sent or not, so there is no spool;
 * {@link #write} sends at once and {@link #flush} has nothing to wait for. A send that fails (no route, the receiver's
 * port reported unreachable) is a RetriableException (the host retries the event; one WARN per burst, one INFO
 * when sending works again). Datagrams over {@link #MAX_DATAGRAM} bytes are cut at a UTF-8 character boundary,
 * counted in {@code net.truncated} and logged (WARN at most once a minute, with the count).
 */
final class UdpOutput implements OutputModule {
    /** The largest UDP payload over IPv4: 65,535 - 8 (UDP header) - 20 (IP header). */
    static final int MAX_DATAGRAM = 65_507;
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final String instance;
    private final NetEndpoint endpoint;
    private final String outputType;
    private final int localPort;
    private String name;
    private Logger log;
    private OutputType extension;
    private DatagramChannel channel;
    private Metrics.Counter truncated;
    private Metrics.Counter sent;
    private long lastTruncWarn;
    private boolean failing;

    UdpOutput(String instance, NetEndpoint endpoint, String outputType, int localPort) {
        this.instance = instance;
        this.endpoint = endpoint;
        this.outputType = outputType;
        this.localPort = localPort;
    }

    @Override
    public void start(ModuleContext ctx) throws LogshipException {
        log = ctx.logger();
        name = ctx.moduleName() + " " + instance;
        truncated = ctx.metrics().counter("net.truncated");
        sent = ctx.metrics().counter("net.sent.events");
        if (NetOutputEncoding.builtIn(outputType) == null) {
            try {
                extension = NetOutputEncoding.extension(ctx, outputType);
            } catch (ConfigException e) {
                throw new ConfigException(instance + ": OutputType: " + e.getMessage());
            }
        }
    }

    private DatagramChannel channel() throws IOException {
        if (channel == null) {
            DatagramChannel ch = DatagramChannel.open();
            try {
                if (localPort > 0) {
                    ch.bind(new InetSocketAddress(localPort));
                }
                ch.connect(new InetSocketAddress(endpoint.host(), endpoint.port()));
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            channel = ch;
        }
        return channel;
    }

    @Override
    public void write(Event event) throws LogshipException {
        List<byte[]> datagrams;
        try {
            if (extension instanceof DatagramOutputType d) {
                datagrams = d.datagrams(event, MAX_DATAGRAM);
            } else if (extension != null) {
                datagrams = List.of(extension.encode(event));
            } else {
                datagrams = List.of(NetOutputEncoding.raw(event, NetOutputEncoding.LINE_BASED.equals(outputType)));
            }
        } catch (IllegalArgumentException e) {
            log.warn("{}: an event cannot be written as OutputType {}: {} (event skipped)", name, outputType,
                    e.getMessage());
            return;
        }
        try {
            for (byte[] d : datagrams) {
                channel().write(ByteBuffer.wrap(d, 0, fit(d)));
            }
            sent.increment();
            if (failing) {
                failing = false;
                log.info("{}: sending to {} works again", name, endpoint);
            }
        } catch (IOException e) {
            closeChannel();
            if (!failing) {
                failing = true;
                log.warn("{}: cannot send to {}: {}; retrying (events are held, not dropped)", name, endpoint,
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            throw new RetriableException(name + ": cannot send to " + endpoint + ": " + e.getMessage(), e,
                    Duration.ofSeconds(1));
        }
    }

    /** The length to send: the whole datagram, or cut to the limit at a character boundary (counted, logged). */
    private int fit(byte[] d) {
        if (d.length <= MAX_DATAGRAM) {
            return d.length;
        }
        int n = MAX_DATAGRAM;
        while (n > 0 && (d[n] & 0xC0) == 0x80) {
            n--; // d[n] continues a UTF-8 character: cut before that character
        }
        truncated.increment();
        long now = System.nanoTime();
        if (lastTruncWarn == 0 || now - lastTruncWarn > WARN_EVERY_NANOS) {
            lastTruncWarn = now;
            log.warn("{}: a {}-byte message to {} is over the UDP limit of {} bytes and was cut to {} bytes ({} cut so "
                    + "far, counted in net.truncated)", name, d.length, endpoint, MAX_DATAGRAM, n, truncated.get());
        }
        return n;
    }

    @Override
    public void flush() {
        // datagrams went out in write: nothing is held here
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // reopened on the next write
            }
            channel = null;
        }
    }

    @Override
    public void stop() {
        closeChannel();
    }

    @Override
    public String toString() {
        return name + " -> " + endpoint;
    }
}
