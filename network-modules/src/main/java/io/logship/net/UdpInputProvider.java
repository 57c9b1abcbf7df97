package io.logship.net;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** {@code im_udp}: one event per UDP datagram. */
public final class UdpInputProvider implements ModuleProvider {
    private static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");

    static final Directive<String> INPUT_TYPE = Directive.string("InputType").withDefault("Dgram")
            .withDoc("`Dgram`: each datagram is one event (its payload as `raw_event`, one trailing LF or CR LF "
                    + "removed, invalid UTF-8 replaced by U+FFFD and counted). Or the name of an `<Extension>` "
                    + "instance that decodes datagrams (xm_gelf's `GELF`: compressed and chunked messages).");
    static final Directive<Long> SOCK_BUF_SIZE = Directive.size("SockBufSize")
            .withDefaultText("the kernel's default (net.core.rmem_default)")
            .withCheck(n -> {
                if (n < 1024 || n > 1L << 30) {
                    throw new IllegalArgumentException("must be between 1K and 1G");
                }
            })
            .withDoc("The socket's receive buffer (SO_RCVBUF): datagrams wait here while the routes are full, and "
                    + "the kernel drops what does not fit (UDP has no backpressure; see `netstat -su` receive buffer "
                    + "errors). The kernel caps it at net.core.rmem_max; a smaller result is logged as a warning.");

    @Override
    public String name() {
        return "im_udp";
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
        return "Receives UDP datagrams (syslog, GELF) and posts each as an event with MessageSourceAddress.";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(TcpInputDirectives.LISTEN_ADDR, TcpInputDirectives.HOST, TcpInputDirectives.PORT, INPUT_TYPE,
                SOCK_BUF_SIZE);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        List<String> problems = new ArrayList<>();
        List<InputListenAddress> addresses = TcpInputDirectives.addresses(config, problems);
        String v = config.get(INPUT_TYPE).strip();
        String type = null;
        if (!v.equalsIgnoreCase("dgram")) {
            String lower = v.toLowerCase(Locale.ROOT);
            if (lower.equals("linebased") || lower.equals("syslog_tls") || lower.equals("binary")) {
                problems.add(config.location(INPUT_TYPE) + ": " + config.instanceName() + ": InputType: " + v
                        + " is a stream framing (im_tcp, im_ssl); im_udp takes Dgram or a datagram extension");
            } else if (!INSTANCE_NAME.matcher(v).matches()) {
                problems.add(config.location(INPUT_TYPE) + ": " + config.instanceName() + ": InputType: '" + v
                        + "' is neither Dgram nor an extension instance name");
            } else {
                type = v;
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        int buf = config.getIfSet(SOCK_BUF_SIZE).map(Long::intValue).orElse(0);
        return new UdpInput(config.instanceName(), addresses, type, config.location(INPUT_TYPE), buf);
    }
}
