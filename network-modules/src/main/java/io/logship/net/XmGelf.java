package io.logship.net;

import io.logship.api.Event;
import io.logship.api.ExtensionModule;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import io.logship.lang.WarnLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

/**
 * An xm_gelf instance: NXLog's GELF readers and writers with this instance's directives. Named by an output's
 * {@code OutputType} it is GELF_TCP over a stream ({@link #encode}) and GELF_UDP as datagrams ({@link #datagrams});
 * named by an input's {@code InputType} it reads GELF datagrams ({@link #open}) and NUL-delimited GELF over a
 * stream ({@link #record}). {@link #outputType} gives the writer of one of NXLog's names. Thread-safe.
 */
final class XmGelf implements ExtensionModule, DatagramOutputType, DatagramInputType, DelimitedInputType {
    /** How long the chunks of one message may take to arrive (Graylog's rule). */
    static final Duration CHUNK_TIMEOUT = Duration.ofSeconds(5);
    /** The chunk bytes one input may hold for incomplete messages. */
    static final long MAX_HELD_BYTES = 32L * 1024 * 1024;

    private final String instance;
    private final GelfSettings settings;
    private final GelfReader reader = new GelfReader();
    private final WarnLimit warnings = new WarnLimit(60_000);
    private volatile GelfOutputType tcp;
    private volatile GelfOutputType udp;
    private volatile Clock clock = Clock.systemUTC();
    private volatile Logger log = NOPLogger.NOP_LOGGER;
    private volatile Metrics.Counter incomplete;
    private volatile Metrics.Counter duplicates;

    XmGelf(String instance, GelfSettings settings) {
        this.instance = instance;
        this.settings = settings;
    }

    @Override
    public void start(ModuleContext context) {
        clock = context.clock();
        log = context.logger();
        incomplete = context.metrics().counter("gelf.incomplete_messages");
        duplicates = context.metrics().counter("gelf.duplicate_chunks");
        GelfWriter writer = new GelfWriter(settings, context.hostname(), clock);
        tcp = new GelfOutputType(writer, GelfOutputType.Transport.TCP, settings.delimiter());
        udp = new GelfOutputType(writer, GelfOutputType.Transport.UDP, settings.delimiter());
    }

    /** The writer an {@code OutputType} of NXLog's names means: GELF_TCP, GELF_UDP or GELF (= GELF_UDP). */
    GelfOutputType outputType(String name) {
        requireStarted();
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "gelf_tcp" -> tcp;
            case "gelf", "gelf_udp" -> udp;
            default -> throw new IllegalArgumentException("xm_gelf has no OutputType " + name
                    + " (GELF, GELF_TCP, GELF_UDP)");
        };
    }

    @Override
    public byte[] encode(Event event) {
        requireStarted();
        return tcp.encode(event);
    }

    @Override
    public List<byte[]> datagrams(Event event, int maxDatagram) {
        requireStarted();
        return udp.datagrams(event, maxDatagram);
    }

    @Override
    public Decoder open(String source) {
        requireStarted();
        GelfReassembler chunks = new GelfReassembler(clock, CHUNK_TIMEOUT, MAX_HELD_BYTES,
                (peer, id, got, count, why) -> dropped(source, peer, id, got, count, why), duplicates);
        return new GelfDatagramDecoder(reader, chunks);
    }

    private void dropped(String source, String peer, long id, int got, int count, String why) {
        incomplete.increment();
        if (warnings.allow(source + "|" + peer)) {
            log.warn("{}: {}: GELF message {} from {} dropped with {} of its {} chunks: {} (counted in "
                            + "gelf.incomplete_messages; further drops from this sender are not logged for a minute)",
                    instance, source, GelfReassembler.hex(id), peer, got, count, why);
        }
    }

    @Override
    public byte delimiter() {
        return settings.delimiter();
    }

    @Override
    public Event record(byte[] data, int offset, int length, String peer) {
        int end = offset + length;
        if (end > offset && data[end - 1] == '\r') {
            end--;
        }
        if (end == offset) {
            throw new IllegalArgumentException("empty GELF record (two delimiters in a row)");
        }
        return reader.read(data, offset, end - offset);
    }

    GelfSettings settings() {
        return settings;
    }

    private void requireStarted() {
        if (tcp == null) {
            throw new IllegalStateException("xm_gelf " + instance + " is not started");
        }
    }

    @Override
    public String toString() {
        return "xm_gelf[" + instance + "]";
    }
}
