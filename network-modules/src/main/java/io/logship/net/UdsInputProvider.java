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

/** {@code im_uds}: a stream Unix domain socket (e.g. a local syslog socket) read as im_tcp reads a connection. */
public final class UdsInputProvider implements ModuleProvider {
    static final Directive<Path> UDS = Directive.path("UDS").withDefault(Path.of("/dev/log"))
            .withDoc("The socket file to create and listen on. A socket file left by a process that is gone is "
                    + "replaced; one that another process listens on, or a file that is no socket, stops the agent "
                    + "at start with the reason. The file is removed when the input stops. The default, /dev/log, "
                    + "usually belongs to the system's syslog daemon or journald.");
    static final Directive<String> UDS_TYPE = Directive.choice("UDSType", "stream", "dgram").withDefault("stream")
            .withDoc("`stream` (connections, each read in order with the InputType's framing). `dgram` is refused: "
                    + "the JDK has no Unix datagram sockets, so logship cannot receive them (a /dev/log for glibc's "
                    + "syslog() is a datagram socket; glibc falls back to stream when it finds a stream socket).");

    @Override
    public String name() {
        return "im_uds";
    }

    /** A network peer cannot be paused: {@code FlowControl FALSE} drops (counted) rather than waits. */
    @Override
    public boolean mayDropWhenFull() {
        return true;
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.INPUT;
    }

    @Override
    public String description() {
        return "Listens on a stream Unix domain socket and posts each line or syslog message of every connection "
                + "as an event.";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(UDS, UDS_TYPE, TcpInputDirectives.INPUT_TYPE, TcpInputDirectives.MAX_CONNECTIONS,
                TcpInputDirectives.BUFFER_SIZE, TcpInputDirectives.INCOMPLETE_TIMEOUT);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        List<String> problems = new ArrayList<>();
        if ("dgram".equals(config.get(UDS_TYPE))) {
            problems.add(config.problem(UDS_TYPE, "dgram is not supported: the JDK has no Unix domain datagram "
                    + "sockets (java.net.UnixDomainSocketAddress works with stream sockets only); use UDSType "
                    + "stream and a sender that connects by stream, or im_udp on loopback").getMessage());
        }
        String type = TcpInputDirectives.inputType(config, name(), problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        Path path = config.get(UDS);
        TcpInputSettings s = new TcpInputSettings(config.instanceName(), List.of(), type,
                config.location(TcpInputDirectives.INPUT_TYPE),
                config.get(TcpInputDirectives.MAX_CONNECTIONS).intValue(),
                config.get(TcpInputDirectives.BUFFER_SIZE).intValue(),
                config.get(TcpInputDirectives.INCOMPLETE_TIMEOUT));
        return new TcpInput(s, new UdsInputEndpoint(path));
    }
}
