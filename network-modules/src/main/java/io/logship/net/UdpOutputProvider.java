package io.logship.net;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.util.ArrayList;
import java.util.List;

/** {@code om_udp}: one datagram per event (or an extension's datagrams) to a UDP receiver. */
public final class UdpOutputProvider implements ModuleProvider {
    static final Directive<String> HOST = Directive.string("Host").required()
            .withDoc("The receiver: a host name or IP address, optionally with `:port` (`[addr]:port` for IPv6).");
    static final Directive<String> OUTPUT_TYPE = Directive.string("OutputType").withDefault("Dgram")
            .withDoc("`Dgram`: each event's $raw_event as one datagram. `LineBased`: the same with a line feed. Or "
                    + "the name of an `<Extension>` instance: one that makes datagrams itself (xm_gelf's GELF_UDP, "
                    + "chunked) is asked for datagrams of at most 65,507 bytes; any other one's bytes are one "
                    + "datagram. A datagram over 65,507 bytes is cut there (at a UTF-8 character boundary), counted in "
                    + "the metric net.truncated and logged at WARN once per minute; it is never dropped silently.");

    @Override
    public String name() {
        return "om_udp";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.OUTPUT;
    }

    @Override
    public String description() {
        return "Sends each event as a UDP datagram (Dgram); messages over the datagram limit are truncated and "
                + "counted.";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(HOST, TcpOutputProvider.PORT, OUTPUT_TYPE, TcpOutputProvider.LOCAL_PORT);
    }

    @Override
    public Module create(ModuleConfig c) throws ConfigException {
        List<String> problems = new ArrayList<>();
        NetEndpoint ep = null;
        try {
            ep = NetEndpoint.parseOne(c.get(HOST).strip(), c.get(TcpOutputProvider.PORT).intValue());
        } catch (IllegalArgumentException e) {
            problems.add(c.problem(HOST, e.getMessage()).getMessage());
        }
        String v = c.get(OUTPUT_TYPE);
        String built = NetOutputEncoding.builtIn(v);
        if (NetOutputEncoding.SYSLOG_TLS.equals(built) || "binary".equals(built)) {
            problems.add(c.problem(OUTPUT_TYPE, v.strip() + " is a stream format; om_udp sends Dgram, LineBased or an "
                    + "extension's datagrams").getMessage());
        } else if (built == null && !NetOutputEncoding.isInstanceName(v)) {
            problems.add(c.problem(OUTPUT_TYPE, "'" + v + "' is neither Dgram, LineBased nor an extension instance "
                    + "name").getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new UdpOutput(c.instanceName(), ep, built != null ? built : v.strip(),
                c.get(TcpOutputProvider.LOCAL_PORT).intValue());
    }
}
