package io.logship.system;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.logship.api.Event;
import io.logship.api.Fields;
import io.logship.lang.json.JsonTokens;
import io.logship.lang.syslog.SyslogCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code journalctl --output=json} as an event with NXLog's im_systemd fields ({@link JournalFields}):
 * PRIORITY gives $SyslogSeverityValue, $SyslogSeverity, $SeverityValue and $Severity; SYSLOG_FACILITY gives
 * $SyslogFacilityValue and $SyslogFacility; $EventTime is _SOURCE_REALTIME_TIMESTAMP (when the sender's time is
 * known) else __REALTIME_TIMESTAMP, to the microsecond; $ProcessID is _PID, else SYSLOG_PID (which is also kept under its name). A value journalctl
 * prints as an array of bytes (binary or not UTF-8) is decoded as UTF-8; a field the entry has several times
 * becomes its values joined by line feeds. $raw_event is the entry's fields as {@code NAME="value"} pairs.
 * Thread-safe.
 */
final class JournalEntryParser {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();
    private static final String[] LEVELS = {null, "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"};
    private static final int[] NORMALISED = {4, 3, 5, 4, 3, 2, 2, 1};

    /**
     * @throws IllegalArgumentException when the line is not one JSON object of journal fields (the message says
     *                                  why, without quoting the line)
     */
    JournalEntry parse(String line) {
        Map<String, String> fields = read(line);
        Event e = new Event();
        StringBuilder raw = new StringBuilder(line.length());
        for (Map.Entry<String, String> f : fields.entrySet()) {
            String name = f.getKey();
            String value = f.getValue();
            if (name.startsWith("__")) {
                continue;
            }
            if (!raw.isEmpty()) {
                raw.append(' ');
            }
            raw.append(name).append("=\"").append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            map(e, name, value);
        }
        String time = fields.getOrDefault(JournalFields.SOURCE_REALTIME, fields.get(JournalFields.REALTIME));
        Instant t = micros(time);
        if (t != null) {
            e.set("EventTime", t);
        }
        if (!e.has("ProcessID") && fields.containsKey(JournalFields.SYSLOG_PID)) {
            e.set("ProcessID", integerOrText(fields.get(JournalFields.SYSLOG_PID)));
        }
        e.set(Fields.RAW_EVENT, raw.toString());
        return new JournalEntry(e, fields.get(JournalFields.CURSOR));
    }

    private static void map(Event e, String name, String value) {
        switch (name) {
            case JournalFields.PRIORITY -> {
                Long p = integer(value);
                if (p != null && p >= 0 && p <= 7) {
                    int sev = p.intValue();
                    e.set("SyslogSeverityValue", p);
                    e.set("SyslogSeverity", SyslogCodes.severityName(sev));
                    e.set("SeverityValue", (long) NORMALISED[sev]);
                    e.set("Severity", LEVELS[NORMALISED[sev]]);
                } else {
                    e.set(name, value);
                }
            }
            case JournalFields.FACILITY -> {
                Long f = integer(value);
                String facility = f == null ? null : SyslogCodes.facilityName(f);
                if (facility != null) {
                    e.set("SyslogFacilityValue", f);
                    e.set("SyslogFacility", facility);
                } else {
                    e.set(name, value);
                }
            }
            case JournalFields.SOURCE_REALTIME -> {
                // EventTime, after the loop
            }
            default -> {
                String nx = JournalFields.NAMES.get(name);
                if (nx == null) {
                    e.set(name, value);
                } else {
                    e.set(nx, JournalFields.INTEGERS.contains(nx) ? integerOrText(value) : value);
                }
            }
        }
    }

    private static Map<String, String> read(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = FACTORY.createParser(line)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("the line is " + JsonTokens.describe(t) + ", not a JSON object");
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                String value = value(p, p.nextToken(), name);
                if (value != null) {
                    out.put(name, value);
                }
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("the line has more after its JSON object");
            }
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("the line is not valid JSON: " + ex.getOriginalMessage());
        } catch (IOException ex) {
            throw new IllegalArgumentException("the line could not be read: " + ex.getMessage());
        }
        return out;
    }

    /** A field's value: a string, an array of bytes, or an array of those (a field given several times). */
    private static String value(JsonParser p, JsonToken t, String name) throws IOException {
        switch (t) {
            case VALUE_STRING:
            case VALUE_NUMBER_INT:
                return p.getText();
            case VALUE_NULL:
                return null;
            case START_ARRAY:
                break;
            default:
                throw new IllegalArgumentException("field " + name + " is " + JsonTokens.describe(t));
        }
        JsonToken first = p.nextToken();
        if (first == JsonToken.VALUE_NUMBER_INT) {
            return bytes(p, name);
        }
        StringBuilder joined = new StringBuilder();
        for (JsonToken v = first; v != JsonToken.END_ARRAY; v = p.nextToken()) {
            String one = v == JsonToken.START_ARRAY ? bytes(p, name) : value(p, v, name);
            if (one != null) {
                if (!joined.isEmpty()) {
                    joined.append('\n');
                }
                joined.append(one);
            }
        }
        return joined.toString();
    }

    /** The bytes of an array of numbers, the parser at its first number (or inside it), up to its end. */
    private static String bytes(JsonParser p, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonToken t = p.currentToken() == JsonToken.START_ARRAY ? p.nextToken() : p.currentToken();
        for (; t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_NUMBER_INT) {
                throw new IllegalArgumentException("field " + name + " has " + JsonTokens.describe(t)
                        + " among its bytes");
            }
            out.write(p.getIntValue());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Long integer(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object integerOrText(String s) {
        Long n = integer(s);
        return n == null ? s : n;
    }

    /** A journal timestamp (microseconds since the epoch), or null when absent or not a number. */
    private static Instant micros(String s) {
        Long us = s == null ? null : integer(s);
        return us == null ? null : Instant.EPOCH.plus(us, ChronoUnit.MICROS);
    }
}
