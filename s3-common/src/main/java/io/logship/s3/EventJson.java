package io.logship.s3;

import static io.logship.lang.json.JsonTokens.describe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.logship.api.Event;
import io.logship.lang.json.JsonTokens;
import io.logship.lang.json.JsonValues;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event as one JSON object (no newline), and back. The format om_s3 writes with {@code Encoding json}
 * and im_s3 reads with {@code Decoding json}.
 *
 * <p>Field types: integer as a JSON integer, float as a JSON number with a fraction or exponent (never
 * written as an integer, so it reads back as float), boolean as true/false, string as a string. Types JSON
 * lacks are written as strings and named in one extra member, {@value #TYPES}, an object from field name to
 * type: {@code datetime} (as to_json() writes it, {@link JsonValues}: NXLog's {@code YYYY-MM-DDThh:mm:ss.sTZ} in
 * local time, e.g. {@code 2026-11-23T05:51:48.123000+01:00}, nine fraction digits when finer than a microsecond),
 * {@code binary} (lower-case hex, NXLog's text form; base64 as written before is still read) and {@code float}
 * for NaN and the infinities ({@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}). Example:
 *
 * <pre>{@code {"raw_event":"hello","Severity":3,"EventReceivedTime":"2026-11-23T04:51:48.000000+00:00",
 *  "@types":{"EventReceivedTime":"datetime"}}}</pre>
 *
 * <p>A reader unaware of the convention sees plain strings. {@link #decode} restores the types; on JSON
 * that logship did not write, nested objects and arrays become string fields holding their JSON text, null
 * members are left out, and integers beyond 64 bits become floats. An event field itself named
 * {@value #TYPES} can never be a JSON object (fields are scalars), so it is told apart from the types member.
 */
public final class EventJson {
    /** The member that names the types JSON cannot express. */
    public static final String TYPES = "@types";

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private EventJson() {
    }

    /** The event as one JSON object on one line (no trailing newline). */
    public static String encode(Event event) {
        StringWriter w = new StringWriter(128);
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            write(event, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Writes the event as UTF-8 JSON to the stream (no newline); the stream is not closed. */
    public static void encode(Event event, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            write(event, g);
        }
    }

    private static void write(Event event, JsonGenerator g) throws IOException {
        g.writeStartObject();
        Map<String, String> types = null;
        for (Map.Entry<String, Object> e : event.fields().entrySet()) {
            String name = e.getKey();
            Object v = e.getValue();
            g.writeFieldName(name);
            JsonValues.write(g, v);
            if (v instanceof Double d && !Double.isFinite(d)) {
                types = put(types, name, "float");
            } else if (v instanceof Instant) {
                types = put(types, name, "datetime");
            } else if (v instanceof byte[]) {
                types = put(types, name, "binary");
            }
        }
        if (types != null) {
            g.writeObjectFieldStart(TYPES);
            for (Map.Entry<String, String> t : types.entrySet()) {
                g.writeStringField(t.getKey(), t.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static Map<String, String> put(Map<String, String> m, String k, String v) {
        Map<String, String> out = m == null ? new LinkedHashMap<>() : m;
        out.put(k, v);
        return out;
    }

    /**
     * The event a JSON object describes (surrounding whitespace allowed).
     *
     * @throws IllegalArgumentException when the text is not one JSON object, with the reason and column
     */
    public static Event decode(String line) {
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException("empty line, expected a JSON object");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        try (JsonParser p = FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("expected a JSON object, found " + describe(p.currentToken()));
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken vt = p.nextToken();
                switch (vt) {
                    case VALUE_STRING -> values.put(name, p.getText());
                    case VALUE_NUMBER_INT -> {
                        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                            values.put(name, p.getDoubleValue());
                        } else {
                            values.put(name, p.getLongValue());
                        }
                    }
                    case VALUE_NUMBER_FLOAT -> values.put(name, p.getDoubleValue());
                    case VALUE_TRUE -> values.put(name, Boolean.TRUE);
                    case VALUE_FALSE -> values.put(name, Boolean.FALSE);
                    case VALUE_NULL -> values.remove(name);
                    case START_OBJECT -> {
                        if (TYPES.equals(name)) {
                            readTypes(p, types);
                        } else {
                            values.put(name, JsonTokens.nestedText(FACTORY, p));
                        }
                    }
                    case START_ARRAY -> values.put(name, JsonTokens.nestedText(FACTORY, p));
                    default -> throw new IllegalArgumentException("unexpected " + describe(vt) + " for field '"
                            + name + "'");
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new IllegalArgumentException("unexpected " + describe(t) + " in the object");
            }
            JsonToken after = p.nextToken();
            if (after != null) {
                throw new IllegalArgumentException("unexpected " + describe(after) + " after the JSON object at column "
                        + p.currentTokenLocation().getColumnNr());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage() + " at column "
                    + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
        Event ev = new Event();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String type = types.get(e.getKey());
            ev.set(e.getKey(), type == null ? e.getValue() : convert(e.getKey(), e.getValue(), type));
        }
        return ev;
    }

    private static void readTypes(JsonParser p, Map<String, String> types) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw new IllegalArgumentException(TYPES + "." + name + " must be a type name string");
            }
            types.put(name, p.getText());
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IllegalArgumentException("unexpected " + describe(t) + " in " + TYPES);
        }
    }

    private static Object convert(String name, Object v, String type) {
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("field '" + name + "' is typed " + type + " in " + TYPES
                    + " but is not a string");
        }
        try {
            return switch (type) {
                case "datetime" -> OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                // hex since the shared JsonValues rule; base64 as written before it
                case "binary" -> JsonValues.isHex(s) ? JsonValues.unhex(s) : Base64.getDecoder().decode(s);
                case "float" -> Double.valueOf(s);
                case "string" -> s;
                default -> throw new IllegalArgumentException("unknown type '" + type + "' for field '" + name
                        + "' in " + TYPES);
            };
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + name + "' is not an ISO-8601 datetime: " + s, e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field '" + name + "' is not a float: " + s, e);
        }
    }
}
