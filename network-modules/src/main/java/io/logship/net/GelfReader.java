package io.logship.net;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.logship.api.Event;
import io.logship.api.Fields;
import io.logship.lang.json.JsonTokens;
import io.logship.lang.syslog.SyslogCodes;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A GELF JSON object as an event, the inverse of {@link GelfWriter}: {@code host} to $Hostname,
 * {@code short_message} to $ShortMessage, {@code full_message} to $FullMessage, $Message the full message or else
 * the short one, {@code timestamp} (seconds, fractions kept to the microsecond) to $EventTime, {@code level} to
 * $SyslogSeverityValue, $SyslogSeverity, $SeverityValue and $Severity (NXLog's normalised scale),
 * {@code facility} to $SyslogFacility, {@code line} and {@code file} to $SourceLine and $SourceFile; an additional
 * field {@code _Name} to $Name (so {@code __x} back to $_x), any other member under its own name; {@code version}
 * is checked to be a string and not kept. Integers, floats, booleans and strings keep their type; a nested object
 * or array is kept as its JSON text; null is undef. $raw_event is the JSON text. Thread-safe.
 */
final class GelfReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();
    private static final String[] LEVELS = {null, "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"};
    private static final int[] NORMALISED = {4, 3, 5, 4, 3, 2, 2, 1};

    /**
     * @throws IllegalArgumentException when the bytes are not one JSON object, or a GELF member has the wrong type
     *                                  (the message names the member, never quotes the payload)
     */
    Event read(byte[] b, int off, int len) {
        Event e = new Event();
        String shortMessage = null;
        String fullMessage = null;
        try (JsonParser p = FACTORY.createParser(b, off, len)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("GELF message is " + JsonTokens.describe(t) + ", not a JSON object");
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                Object value = value(p, v);
                if (value == null) {
                    continue;
                }
                switch (name) {
                    case "version" -> requireString(name, value);
                    case "host" -> e.set(Fields.HOSTNAME, requireString(name, value));
                    case "short_message" -> shortMessage = requireString(name, value);
                    case "full_message" -> fullMessage = requireString(name, value);
                    case "timestamp" -> e.set("EventTime", time(value));
                    case "level" -> setLevel(e, value);
                    case "facility" -> e.set("SyslogFacility", Event.toText(value));
                    case "line" -> e.set("SourceLine", value);
                    case "file" -> e.set("SourceFile", value);
                    default -> e.set(name.startsWith("_") && name.length() > 1 ? name.substring(1) : name, value);
                }
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("GELF message has more after its JSON object");
            }
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("GELF message is not valid JSON: " + ex.getOriginalMessage()
                    + " (at byte " + ex.getLocation().getByteOffset() + ")");
        } catch (IOException ex) {
            throw new IllegalArgumentException("GELF message could not be read: " + ex.getMessage());
        }
        if (shortMessage != null) {
            e.set("ShortMessage", shortMessage);
        }
        if (fullMessage != null) {
            e.set("FullMessage", fullMessage);
        }
        String message = fullMessage != null ? fullMessage : shortMessage;
        if (message != null) {
            e.set("Message", message);
        }
        e.set(Fields.RAW_EVENT, new String(b, off, len, StandardCharsets.UTF_8).strip());
        return e;
    }

    private static Object value(JsonParser p, JsonToken v) throws IOException {
        return switch (v) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? p.getText() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case START_OBJECT, START_ARRAY -> JsonTokens.nestedText(FACTORY, p);
            default -> throw new IllegalArgumentException("unexpected " + JsonTokens.describe(v));
        };
    }

    private static String requireString(String name, Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("GELF member " + name + " is " + Event.typeName(value) + ", not a string");
    }

    /** Seconds since the epoch, a number or a numeric string, to the microsecond. */
    private static Instant time(Object value) {
        BigDecimal s;
        try {
            s = value instanceof Long l ? BigDecimal.valueOf(l)
                    : value instanceof Double d ? BigDecimal.valueOf(d)
                    : new BigDecimal(((String) value).strip());
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("GELF member timestamp is not a number of seconds");
        }
        BigDecimal micros = s.movePointRight(6);
        try {
            long us = micros.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
            return Instant.EPOCH.plus(us, java.time.temporal.ChronoUnit.MICROS);
        } catch (ArithmeticException | java.time.DateTimeException ex) {
            throw new IllegalArgumentException("GELF member timestamp is out of range");
        }
    }

    private static void setLevel(Event e, Object value) {
        if (!(value instanceof Long l) || l < 0 || l > 7) {
            throw new IllegalArgumentException("GELF member level is " + (value instanceof Long ? value
                    : Event.typeName(value)) + ", not a syslog severity 0 to 7");
        }
        int sev = l.intValue();
        e.set("SyslogSeverityValue", l);
        e.set("SyslogSeverity", SyslogCodes.severityName(sev));
        e.set("SeverityValue", (long) NORMALISED[sev]);
        e.set("Severity", LEVELS[NORMALISED[sev]]);
    }
}
