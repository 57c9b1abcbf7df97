package io.logship.net;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.ModuleConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The directives im_tcp, im_ssl and im_uds share, and how they become {@link TcpInputSettings}. */
final class TcpInputDirectives {
    static final int DEFAULT_PORT = 514;
    static final String LINE_BASED = "linebased";
    static final String SYSLOG_TLS = "syslog_tls";
    /** logship-to-logship with every field and acknowledgements ({@link BinaryInput}). */
    static final String BINARY = "binary";
    private static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");

    static final Directive<String> LISTEN_ADDR = Directive.string("ListenAddr").repeatable()
            .withDefault("localhost")
            .withDoc("The address to listen on: a host name or IP address, optionally with the port (`host:port`, "
                    + "`[ipv6]:port`); a port written here wins over `Port`. The default, `localhost`, accepts "
                    + "connections from this machine only; `0.0.0.0` (or `[::]`) accepts them from anywhere. Repeat "
                    + "the directive to listen on several addresses; one thread serves them all.");
    static final Directive<String> HOST = Directive.string("Host")
            .withDoc("The older name of `ListenAddr` (NXLog before 5); one address. Use one of the two.");
    static final Directive<Long> PORT = Directive.integer("Port").withDefault((long) DEFAULT_PORT)
            .withCheck(p -> {
                if (p < 0 || p > 65535) {
                    throw new IllegalArgumentException("must be between 0 and 65535");
                }
            })
            .withDoc("The port to listen on when `ListenAddr` names none.");
    static final Directive<String> INPUT_TYPE = Directive.string("InputType").withDefault("LineBased")
            .withDoc("How a connection's bytes become events. `LineBased`: one event per LF-terminated line (a CR "
                    + "before the LF removed). `Syslog_TLS`: RFC 6587/5425 framing detected per message: a message "
                    + "starting with a digit is octet counted (`LEN SP MSG`), any other ends at the next LF; a "
                    + "malformed length closes that connection with a warning. Or the name of an `<Extension>` "
                    + "instance: an xm_multiline instance (lines grouped into records, per connection) or one that "
                    + "frames records with a delimiter byte (xm_gelf's GELF over TCP). `Binary`: from another logship's "
                    + "`OutputType Binary`: every field with its type, each event acknowledged to the sender once "
                    + "this agent committed it (logship's own format, not NXLog's Binary).");
    static final Directive<Long> MAX_CONNECTIONS = Directive.integer("MaxConnections").withDefault(10_000L)
            .withCheck(n -> {
                if (n < 1 || n > 1_000_000) {
                    throw new IllegalArgumentException("must be between 1 and 1000000");
                }
            })
            .withDoc("How many connections may be open at once. A connection beyond the limit is closed as soon as "
                    + "it is accepted, counted (`connections_refused`) and logged once a minute. Each connection "
                    + "also uses a file descriptor: keep the limit below the process's `ulimit -n`.");
    static final Directive<Long> BUFFER_SIZE = Directive.size("BufferSize").withDefault(65_000L)
            .withCheck(n -> {
                if (n < 64 || n > 64L << 20) {
                    throw new IllegalArgumentException("must be between 64 bytes and 64M");
                }
            })
            .withDoc("The read buffer, and the longest record delivered as one event (in bytes): a longer line or "
                    + "message is split into events of at most this size (not inside a UTF-8 character), counted "
                    + "(`records_split`) and logged once a minute naming the peer. Nothing is dropped.");
    static final Directive<Duration> INCOMPLETE_TIMEOUT = Directive.duration("IncompleteRecordTimeout")
            .withDefault(Duration.ofSeconds(60))
            .withCheck(d -> {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("must be greater than 0");
                }
            })
            .withDoc("logship's guard against slow or stuck peers: a connection whose current record has been "
                    + "incomplete for longer than this (a line without its LF, an octet-counted message short of "
                    + "its length, an im_ssl handshake not finished) is closed; what it sent of the record is "
                    + "posted as an event, and the close is logged once a minute naming the peer. Other "
                    + "connections are never held up by a slow one.");

    private TcpInputDirectives() {
    }

    static List<io.logship.api.Directive<?>> all() {
        return List.of(LISTEN_ADDR, HOST, PORT, INPUT_TYPE, MAX_CONNECTIONS, BUFFER_SIZE, INCOMPLETE_TIMEOUT);
    }

    /** The listen addresses from ListenAddr/Host and Port; problems are appended. */
    static List<InputListenAddress> addresses(ModuleConfig config, List<String> problems) {
        int port = config.get(PORT).intValue();
        List<String> written;
        Directive<String> from = LISTEN_ADDR;
        if (config.isSet(HOST)) {
            if (config.isSet(LISTEN_ADDR)) {
                problems.add(config.location(HOST) + ": " + config.instanceName() + ": Host is the older name of "
                        + "ListenAddr (at " + config.location(LISTEN_ADDR) + "): give one of them");
                return List.of();
            }
            written = List.of(config.get(HOST));
            from = HOST;
        } else {
            written = config.getAll(LISTEN_ADDR);
        }
        List<InputListenAddress> out = new ArrayList<>();
        for (String w : written) {
            try {
                out.add(InputListenAddress.parse(w, port));
            } catch (IllegalArgumentException e) {
                problems.add(config.location(from) + ": " + config.instanceName() + ": " + from.name() + ": "
                        + e.getMessage());
            }
        }
        return out;
    }

    /** The InputType in lower case for built-in types, or the extension instance name as written. */
    static String inputType(ModuleConfig config, String module, List<String> problems) {
        String v = config.get(INPUT_TYPE).strip();
        String lower = v.toLowerCase(Locale.ROOT);
        switch (lower) {
            case LINE_BASED, SYSLOG_TLS:
                return lower;
            case "dgram":
                problems.add(config.location(INPUT_TYPE) + ": " + config.instanceName() + ": InputType: Dgram is for "
                        + "datagram inputs (im_udp), not " + module + "; use LineBased, Syslog_TLS or an extension");
                return null;
            case BINARY:
                return BINARY;
            default:
                if (!INSTANCE_NAME.matcher(v).matches()) {
                    problems.add(config.location(INPUT_TYPE) + ": " + config.instanceName() + ": InputType: '" + v
                            + "' is neither LineBased, Syslog_TLS nor an extension instance name");
                    return null;
                }
                return v;
        }
    }

    /** The settings of a TCP-style input; throws every problem at once. */
    static TcpInputSettings settings(ModuleConfig config, String module) throws ConfigException {
        List<String> problems = new ArrayList<>();
        List<InputListenAddress> addresses = addresses(config, problems);
        String type = inputType(config, module, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new TcpInputSettings(config.instanceName(), addresses, type, config.location(INPUT_TYPE),
                config.get(MAX_CONNECTIONS).intValue(), config.get(BUFFER_SIZE).intValue(),
                config.get(INCOMPLETE_TIMEOUT));
    }
}
