package io.logship.net;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code om_uds}: events to a Unix domain stream socket, through the same spool, reconnection and resend as om_tcp.
 * Datagram sockets are refused at config time: the JDK (17 to 25) has no Unix domain datagram channel
 * ({@code DatagramChannel.open(StandardProtocolFamily.UNIX)} throws "Protocol family not supported"; JEP 380 covers
 * stream sockets only).
 */
public final class UdsOutputProvider implements ModuleProvider {
    static final Directive<Path> UDS = Directive.path("UDS").withDefault(Path.of("/dev/log"))
            .withDoc("The socket file to connect to.");
    static final Directive<String> UDS_TYPE = Directive.choice("UDSType", "stream", "dgram").withDefault("stream")
            .withDoc("`stream` (logship's default): a SOCK_STREAM socket, events framed by OutputType. `dgram` (NXLog's "
                    + "default, and what /dev/log usually is) is refused at start: Java has no Unix datagram sockets. "
                    + "For a local syslog daemon use om_udp to its UDP input, or give it a stream socket "
                    + "(rsyslog: imuxsock does datagrams only; imptcp with `path=` listens on a stream socket).");
    static final Directive<String> OUTPUT_TYPE = Directive.string("OutputType").withDefault("LineBased")
            .withDoc("`LineBased` ($raw_event and a line feed), `Syslog_TLS` (octet counting), or an `<Extension>` "
                    + "instance name, as om_tcp.");
    private static final List<Directive<?>> DIRECTIVES = List.of(UDS, UDS_TYPE, OUTPUT_TYPE,
            TcpOutputProvider.RECONNECT, TcpOutputProvider.SPOOL_DIR, TcpOutputProvider.SPOOL_MAX_SIZE,
            TcpOutputProvider.RESEND_WINDOW);

    @Override
    public String name() {
        return "om_uds";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.OUTPUT;
    }

    @Override
    public String description() {
        return "Sends events to a Unix domain stream socket (LineBased or octet counting) through a disk spool, "
                + "with reconnection; datagram sockets are not available in Java.";
    }

    @Override
    public List<Directive<?>> directives() {
        return DIRECTIVES;
    }

    @Override
    public Module create(ModuleConfig c) throws ConfigException {
        List<String> problems = new ArrayList<>();
        if (c.get(UDS_TYPE).equals("dgram")) {
            problems.add(c.problem(UDS_TYPE, "dgram is not available: Java (JDK 17 to 25) has no Unix domain datagram "
                    + "sockets; use UDSType stream with a stream socket, or om_udp to the daemon's UDP input")
                    .getMessage());
        }
        String v = c.get(OUTPUT_TYPE);
        String built = NetOutputEncoding.builtIn(v);
        if (NetOutputEncoding.DGRAM.equals(built) || "binary".equals(built)) {
            problems.add(c.problem(OUTPUT_TYPE, v.strip() + " is not a stream OutputType; use LineBased, Syslog_TLS or "
                    + "an extension instance").getMessage());
        } else if (built == null && !NetOutputEncoding.isInstanceName(v)) {
            problems.add(c.problem(OUTPUT_TYPE, "'" + v + "' is neither LineBased, Syslog_TLS nor an extension instance "
                    + "name").getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        Path path = c.get(UDS).toAbsolutePath();
        return new TcpOutput(new TcpOutput.Settings(c.instanceName(), List.of(NetEndpoint.unix(path.toString())),
                built != null ? built : v.strip(), 0, false, c.get(TcpOutputProvider.RECONNECT),
                c.get(TcpOutputProvider.SPOOL_DIR), c.get(TcpOutputProvider.SPOOL_MAX_SIZE),
                c.get(TcpOutputProvider.RESEND_WINDOW), null));
    }
}
