package io.logship.net;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.logship.api.ConfigException;
import io.logship.api.Event;
import io.logship.api.ModuleContext;
import io.logship.api.OutputType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code OutputType} of a network output: {@code LineBased} ({@code raw_event} and a LF), {@code Syslog_TLS}
 * ({@code raw_event}; the octet-counting frame is added by {@link TcpOutputFraming#OCTET_COUNTING}), {@code Dgram}
 * ({@code raw_event}, one datagram) or the name of an {@code <Extension>} instance implementing {@link OutputType},
 * found at start (NXLog's GELF names get xm_gelf's writer). An event without {@code raw_event} is written as its
 * fields in JSON.
 */
final class NetOutputEncoding {
    static final String LINE_BASED = "linebased";
    static final String SYSLOG_TLS = "syslog_tls";
    static final String DGRAM = "dgram";
    private static final JsonFactory JSON = new JsonFactory();

    private NetOutputEncoding() {
    }

    /** The built-in name in lower case, or null when the value names an extension instance. */
    static String builtIn(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case LINE_BASED, SYSLOG_TLS, DGRAM, "binary" -> v;
            default -> null;
        };
    }

    /** True when the value can name an extension instance. */
    static boolean isInstanceName(String value) {
        return value.strip().matches("[A-Za-z_][A-Za-z0-9._-]*");
    }

    /**
     * The OutputType the value names (at start): the extension instance of that name, else for NXLog's GELF,
     * GELF_TCP and GELF_UDP xm_gelf's writer with its defaults (see {@link GelfTypes}).
     */
    static OutputType extension(ModuleContext ctx, String value) throws ConfigException {
        try {
            return ctx.extension(value.strip(), OutputType.class);
        } catch (ConfigException e) {
            if (GelfTypes.isGelfName(value)) {
                return GelfTypes.output(value, ctx);
            }
            throw e;
        }
    }

    /** raw_event in UTF-8, with a LF when {@code lf}; the fields as JSON when there is no raw_event. */
    static byte[] raw(Event e, boolean lf) {
        String raw = e.raw();
        if (raw == null) {
            raw = json(e);
        }
        if (!lf) {
            return raw.getBytes(StandardCharsets.UTF_8);
        }
        byte[] b = raw.getBytes(StandardCharsets.UTF_8);
        byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
        out[b.length] = '\n';
        return out;
    }

    static String json(Event e) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(buf)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> f : e.fields().entrySet()) {
                Object v = f.getValue();
                if (v instanceof Long || v instanceof Integer) {
                    g.writeNumberField(f.getKey(), ((Number) v).longValue());
                } else if (v instanceof Boolean b) {
                    g.writeBooleanField(f.getKey(), b);
                } else if (v != null) {
                    g.writeStringField(f.getKey(), Event.toText(v));
                }
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
