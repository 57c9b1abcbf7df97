package io.logship.net;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import io.logship.api.OutputModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code om_tcp}: events to a TCP receiver, through a disk spool, with reconnection, failover and resend. */
public final class TcpOutputProvider implements ModuleProvider {
    static final Directive<String> HOST = Directive.string("Host").required().repeatable()
            .withDoc("The receiver: a host name or IP address, optionally with `:port` (`[addr]:port` for IPv6). "
                    + "Repeat the directive for failover: when a receiver cannot be reached the next one is tried, "
                    + "after the last the first again.");
    static final Directive<Long> PORT = Directive.integer("Port").withDefault(514L)
            .withCheck(p -> port(p, false))
            .withDoc("The port of every Host given without one.");
    static final Directive<Duration> RECONNECT = Directive.duration("Reconnect")
            .withDefaultText("1 s, doubled after each failed round up to 60 s")
            .withDoc("Fixed wait between rounds of failed connection attempts (every Host tried once per round). "
                    + "Without it the wait starts at 1 s and doubles up to 60 s, back to 1 s once a connection lasted "
                    + "10 s. The first failure of a burst is logged at WARN with host:port and the reason, the "
                    + "connection that ends it at INFO.");
    static final Directive<String> OUTPUT_TYPE = Directive.string("OutputType").withDefault("LineBased")
            .withDoc("`LineBased`: each event's $raw_event and a line feed. `Syslog_TLS`: RFC 5425/6587 octet "
                    + "counting, `LENGTH SP $raw_event` (what syslog receivers expect with TLS, and safe for "
                    + "messages with line feeds). Or the name of an `<Extension>` instance that writes events in its "
                    + "own format (e.g. xm_gelf's GELF_TCP). An event without $raw_event is written as its fields in "
                    + "JSON. `Binary`: to another logship's im_tcp/im_ssl with `InputType Binary`: every field with "
                    + "its type; the receiver acknowledges each event once its agent committed it, flush waits for "
                    + "that, and unacknowledged events (at most 100,000 or 32 MB, in memory; no spool) are sent "
                    + "again after a reconnect. logship's own format, not NXLog's Binary.");
    static final Directive<Long> LOCAL_PORT = Directive.integer("LocalPort").withDefault(0L)
            .withDefaultText("any free port").withCheck(p -> port(p, true))
            .withDoc("The local port connections are made from.");
    static final Directive<Boolean> TCP_NO_DELAY = Directive.bool("TCPNoDelay").withDefault(false)
            .withDoc("TRUE: turn off Nagle's algorithm (TCP_NODELAY). Writes are already batched, so this mostly "
                    + "lowers latency at low rates.");
    static final Directive<Path> SPOOL_DIR = Directive.path("SpoolDir")
            .withDefaultText("SpoolDir/MODULE-INSTANCE (global SpoolDir)")
            .withDoc("Where events wait until they are written to the receiver; kept across restarts (what was not "
                    + "sent is sent first, in order); one directory per instance.");
    static final Directive<Long> SPOOL_MAX_SIZE = Directive.size("SpoolMaxSize").withDefault(256L << 20)
            .withDefaultText("256M").withCheck(n -> {
                if (n < (4L << 20)) {
                    throw new IllegalArgumentException("must be at least 4M");
                }
            })
            .withDoc("Bytes the spool may hold (unsent events and the resend tail); when full, writes wait (the "
                    + "inputs slow down), nothing is dropped.");
    static final Directive<Long> RESEND_WINDOW = Directive.size("ResendWindow").withDefault(4L << 20)
            .withDefaultText("4M").withCheck(n -> {
                if (n < 0) {
                    throw new IllegalArgumentException("must not be negative");
                }
            })
            .withDoc("After a lost connection, the last bytes written on it (at least the socket's send "
                    + "buffer, SO_SNDBUF) are sent again on the next one: a receiver that dies loses what its kernel and its "
                    + "queues held, which TCP cannot report. Larger: fewer events lost, more repeated after a "
                    + "receiver crash. 0: nothing is resent (a plain syslog sender's behaviour). At most half of SpoolMaxSize (when SpoolMaxSize is "
                    + "set below 8M the default is cut to half of it).");

    static final String BINARY = "binary";
    /** OutputType Binary's window: events sent and not yet acknowledged, at most. */
    static final int BINARY_WINDOW_FRAMES = 100_000;
    static final long BINARY_WINDOW_BYTES = 32L << 20;

    static final List<Directive<?>> TCP = List.of(HOST, PORT, RECONNECT, OUTPUT_TYPE, LOCAL_PORT, TCP_NO_DELAY,
            SPOOL_DIR, SPOOL_MAX_SIZE, RESEND_WINDOW);

    /** OutputType Binary: to a logship im_tcp/im_ssl with InputType Binary, acknowledged ({@link BinaryOutput}). */
    private static BinaryOutput binary(ModuleConfig c, List<NetEndpoint> endpoints, TlsSettings tls) {
        Duration fixed = c.get(RECONNECT);
        return new BinaryOutput(c.instanceName(), endpoints, new BinaryOutput.Settings(BINARY_WINDOW_FRAMES,
                BINARY_WINDOW_BYTES, Duration.ofSeconds(90), Duration.ofSeconds(10),
                fixed == null ? Duration.ofSeconds(1) : fixed, fixed == null ? Duration.ofSeconds(60) : fixed,
                c.get(LOCAL_PORT).intValue()), tls);
    }

    static void port(long p, boolean zero) {
        if (p < (zero ? 0 : 1) || p > 65535) {
            throw new IllegalArgumentException("must be a port number, " + (zero ? 0 : 1) + " to 65535");
        }
    }

    @Override
    public String name() {
        return "om_tcp";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.OUTPUT;
    }

    @Override
    public String description() {
        return "Sends events over TCP (LineBased or Syslog_TLS octet counting) through a disk spool, with "
                + "reconnection, failover and resend after a lost connection.";
    }

    @Override
    public List<Directive<?>> directives() {
        return TCP;
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        return create(config, null);
    }

    /** om_tcp's and om_ssl's common checks; {@code tls} null for plain TCP. */
    static OutputModule create(ModuleConfig c, TlsSettings tls) throws ConfigException {
        List<String> problems = new ArrayList<>();
        List<NetEndpoint> endpoints = List.of();
        try {
            endpoints = NetEndpoint.parse(c.getAll(HOST), c.get(PORT).intValue());
        } catch (IllegalArgumentException e) {
            problems.add(c.problem(HOST, e.getMessage()).getMessage());
        }
        String type = outputType(c, problems);
        if (c.isSet(RESEND_WINDOW) && c.get(RESEND_WINDOW) > c.get(SPOOL_MAX_SIZE) / 2) {
            problems.add(c.problem(RESEND_WINDOW, "must be at most half of SpoolMaxSize ("
                    + c.get(SPOOL_MAX_SIZE) / 2 + " bytes): the tail kept for resends lives in the spool").getMessage());
        }
        if (BINARY.equals(type)) {
            for (Directive<?> d : List.of(SPOOL_DIR, SPOOL_MAX_SIZE, RESEND_WINDOW)) {
                if (c.isSet(d)) {
                    problems.add(c.problem(d, d.name() + " does not apply to OutputType Binary: events wait in "
                            + "memory until the receiver acknowledges them, and flush waits for that").getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        if (BINARY.equals(type)) {
            return binary(c, endpoints, tls);
        }
        return new TcpOutput(new TcpOutput.Settings(c.instanceName(), endpoints, type, c.get(LOCAL_PORT).intValue(),
                c.get(TCP_NO_DELAY), c.get(RECONNECT), c.get(SPOOL_DIR), c.get(SPOOL_MAX_SIZE), c.get(RESEND_WINDOW),
                tls));
    }

    private static String outputType(ModuleConfig c, List<String> problems) {
        String v = c.get(OUTPUT_TYPE);
        String built = NetOutputEncoding.builtIn(v);
        if (built == null) {
            if (!NetOutputEncoding.isInstanceName(v)) {
                problems.add(c.problem(OUTPUT_TYPE, "'" + v + "' is neither LineBased, Syslog_TLS nor an extension "
                        + "instance name").getMessage());
            }
            return v.strip();
        }
        switch (built) {
            case NetOutputEncoding.DGRAM -> problems.add(c.problem(OUTPUT_TYPE, "Dgram is for datagram outputs "
                    + "(om_udp, om_uds with UDSType dgram); a TCP stream needs LineBased or Syslog_TLS").getMessage());
            default -> {
                return built;
            }
        }
        return built;
    }
}
