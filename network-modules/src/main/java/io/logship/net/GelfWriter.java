package io.logship.net;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.logship.api.Event;
import io.logship.api.Fields;
import io.logship.lang.json.JsonValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * An event as a GELF 1.1 JSON object, NXLog's xm_gelf mapping: {@code version} "1.1"; {@code host} from
 * $Hostname (else the agent's host name); {@code short_message} from $ShortMessage as it is, else the first
 * ShortMessageLength characters of $Message, else of $raw_event; {@code full_message} from $FullMessage, else
 * $Message, else $raw_event when short_message had to cut it; {@code timestamp} (seconds, with milliseconds) from
 * $EventTime, else $EventReceivedTime, else now; {@code level} from $SyslogSeverityValue, else NXLog's normalised
 * $SeverityValue (DEBUG 7, INFO 6, WARNING 4, ERROR 3, CRITICAL 2), else 6. Every other field goes out as an
 * additional field {@code _Name}, typed as JSON allows; $raw_event and {@code id} (which GELF forbids as
 * {@code _id}) are never written, fields starting with a dot or an underscore only with IncludeHiddenFields.
 * Thread-safe.
 */
final class GelfWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final GelfSettings settings;
    private final String agentHost;
    private final Clock clock;

    GelfWriter(GelfSettings settings, String agentHost, Clock clock) {
        this.settings = settings;
        this.agentHost = agentHost;
        this.clock = clock;
    }

    /**
     * The event's GELF JSON, UTF-8, without a delimiter.
     *
     * @throws IllegalArgumentException when the event has neither $ShortMessage, $Message nor $raw_event
     */
    byte[] json(Event e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("version", "1.1");
            Object host = e.get(Fields.HOSTNAME);
            g.writeStringField("host", host != null ? Event.toText(host) : agentHost);
            writeMessages(g, e);
            g.writeFieldName("timestamp");
            g.writeNumber(seconds(timestamp(e)));
            g.writeNumberField("level", level(e));
            for (Map.Entry<String, Object> f : e.fields().entrySet()) {
                String name = additionalName(f.getKey());
                if (name != null) {
                    g.writeFieldName(name);
                    JsonValues.write(g, f.getValue());
                }
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    private void writeMessages(JsonGenerator g, Event e) throws IOException {
        String shortField = Event.toText(find(e, "ShortMessage", "Short_Message"));
        String fullField = Event.toText(find(e, "FullMessage", "Full_Message"));
        String message = Event.toText(e.get("Message"));
        String source = message != null ? message : e.raw();
        String shortMessage;
        boolean cut = false;
        if (shortField != null) {
            shortMessage = shortField;
        } else if (source != null) {
            shortMessage = prefix(source, settings.shortMessageLength());
            cut = shortMessage.length() < source.length();
        } else {
            throw new IllegalArgumentException("the event has no ShortMessage, Message or raw_event field for "
                    + "GELF's short_message");
        }
        g.writeStringField("short_message", shortMessage);
        String full = fullField != null ? fullField : message != null ? message : cut ? source : null;
        if (full != null) {
            g.writeStringField("full_message", full);
        }
    }

    /** A field under either name, the first matched case-insensitively as NXLog does for these. */
    private static Object find(Event e, String a, String b) {
        Object exact = e.get(a);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, Object> f : e.fields().entrySet()) {
            if (f.getKey().equalsIgnoreCase(a) || f.getKey().equalsIgnoreCase(b)) {
                return f.getValue();
            }
        }
        return null;
    }

    /** ShortMessage, Short_Message, FullMessage, Full_Message in any case: written as the GELF members. */
    private static boolean isMessageField(String name) {
        int n = name.length();
        return (n == 12 || n == 13 || n == 11) && (name.equalsIgnoreCase("ShortMessage")
                || name.equalsIgnoreCase("Short_Message") || name.equalsIgnoreCase("FullMessage")
                || name.equalsIgnoreCase("Full_Message"));
    }

    /** The first {@code n} characters, never splitting a surrogate pair. */
    static String prefix(String s, int n) {
        if (s.length() <= n) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(n - 1)) ? n - 1 : n;
        return s.substring(0, end);
    }

    private Instant timestamp(Event e) {
        if (e.get("EventTime") instanceof Instant t) {
            return t;
        }
        if (e.get(Fields.EVENT_RECEIVED_TIME) instanceof Instant t) {
            return t;
        }
        return clock.instant();
    }

    static BigDecimal seconds(Instant t) {
        return BigDecimal.valueOf(t.toEpochMilli(), 3);
    }

    static long level(Event e) {
        if (e.get("SyslogSeverityValue") instanceof Long l) {
            return l;
        }
        if (e.get("SeverityValue") instanceof Long l) {
            return switch (l.intValue()) {
                case 1 -> 7;
                case 3 -> 4;
                case 4 -> 3;
                case 5 -> 2;
                default -> 6;
            };
        }
        return 6;
    }

    /** The name a field goes out under, or null when it is not written as an additional field. */
    private String additionalName(String name) {
        switch (name) {
            case Fields.RAW_EVENT, Fields.HOSTNAME, "Message", "EventTime", "id":
                return null;
            default:
                break;
        }
        if (isMessageField(name)) {
            return null;
        }
        boolean hidden = !name.isEmpty() && (name.charAt(0) == '.' || name.charAt(0) == '_');
        if (hidden && !settings.includeHiddenFields()) {
            return null;
        }
        return "_" + name;
    }
}
