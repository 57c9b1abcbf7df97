package io.logship.net;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code om_relp}: events to a RELP receiver (rsyslog's imrelp, NXLog's im_relp), acknowledged one by one. */
public final class RelpOutputProvider implements ModuleProvider {
    static final Directive<String> HOST = Directive.string("Host").required().repeatable()
            .withDoc("The receiver: a host name or address, optionally with :port (IPv6 as [addr]:port). Repeat it "
                    + "for failover: after a failure the next Host is tried, then the first again.");
    static final Directive<Long> PORT = Directive.integer("Port").withDefault(514L)
            .withCheck(p -> {
                if (p < 1 || p > 65535) {
                    throw new IllegalArgumentException("must be between 1 and 65535");
                }
            })
            .withDoc("The port for a Host given without one. rsyslog's imrelp has no default port; "
                    + "20514 is the usual choice.");
    static final Directive<Long> LOCAL_PORT = Directive.integer("LocalPort")
            .withCheck(p -> {
                if (p < 1 || p > 65535) {
                    throw new IllegalArgumentException("must be between 1 and 65535");
                }
            })
            .withDoc("The local port to connect from; by default the system picks one.");
    static final Directive<Long> WINDOW_SIZE = Directive.integer("WindowSize").withDefault(128L)
            .withCheck(w -> {
                if (w < 1 || w > 100_000) {
                    throw new IllegalArgumentException("must be between 1 and 100000");
                }
            })
            .withDoc("How many events may be sent and not yet acknowledged (librelp's default, 128). A larger "
                    + "window is faster over long round trips and sends more events twice after a failure.");
    static final Directive<Duration> TIMEOUT = Directive.duration("Timeout").withDefault(Duration.ofSeconds(90))
            .withDoc("How long to wait for the receiver's response before the session is taken as dead, closed, "
                    + "and opened again (rsyslog omrelp's default, 90 s). Unacknowledged events are then sent again.");
    static final Directive<Duration> RECONNECT = Directive.duration("Reconnect").withDefault(Duration.ofSeconds(1))
            .withDoc("The delay before connecting again after a failure; doubled after each further failure, up "
                    + "to a minute, and back to this once the receiver acknowledges an event.");

    static final Directive<Boolean> USE_SSL = Directive.bool("UseSSL").withDefault(false)
            .withDoc("TRUE: RELP over TLS (rsyslog imrelp's tls=\"on\"), with the TLS directives below; the "
                    + "receiver's certificate must chain to CAFile/CADir (or the JVM's roots) and name the Host "
                    + "connected to, unless AllowUntrusted TRUE.");

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_RECONNECT = Duration.ofMinutes(1);

    @Override
    public String name() {
        return "om_relp";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.OUTPUT;
    }

    @Override
    public String description() {
        return "Sends each event's raw_event to a RELP receiver (rsyslog imrelp); flush waits for the receiver's "
                + "acknowledgement of every event, unacknowledged events are sent again after a reconnect.";
    }

    @Override
    public List<Directive<?>> directives() {
        List<Directive<?>> all = new ArrayList<>(List.of(HOST, PORT, LOCAL_PORT, WINDOW_SIZE, TIMEOUT, RECONNECT,
                USE_SSL));
        all.addAll(TlsDirectives.CLIENT);
        return List.copyOf(all);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        int port = config.get(PORT).intValue();
        List<NetEndpoint> targets = new ArrayList<>();
        for (String h : config.getAll(HOST)) {
            try {
                targets.add(NetEndpoint.parseOne(h.strip(), port));
            } catch (IllegalArgumentException e) {
                throw config.problem(HOST, e.getMessage());
            }
        }
        Duration timeout = config.get(TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            throw config.problem(TIMEOUT, "must be more than 0");
        }
        Duration reconnect = config.get(RECONNECT);
        if (reconnect.isZero() || reconnect.isNegative()) {
            throw config.problem(RECONNECT, "must be more than 0");
        }
        Long localPort = config.get(LOCAL_PORT);
        RelpSettings settings = new RelpSettings(config.get(WINDOW_SIZE).intValue(), timeout,
                timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT, reconnect, MAX_RECONNECT,
                localPort == null ? 0 : localPort.intValue());
        TlsSettings tls = null;
        if (config.get(USE_SSL)) {
            tls = TlsSettings.client(config);
        } else {
            for (Directive<?> d : TlsDirectives.CLIENT) {
                if (config.isSet(d)) {
                    throw config.problem(d, d.name() + " applies to RELP over TLS only: set UseSSL TRUE");
                }
            }
        }
        return new RelpOutput(config.instanceName(), targets, settings, tls);
    }
}
