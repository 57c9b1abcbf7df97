package io.logship.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A log event: NXLog's model of named, typed fields. Field values are one of {@link String},
 * {@link Long} (integer), {@link Boolean}, {@link Double}, {@link Instant} (datetime) or
 * {@code byte[]} (binary); {@link Integer}, {@link Short} and {@link Byte} are widened to Long,
 * {@link Float} to Double. Field names are case-sensitive, as in NXLog.
 *
 * <p>An event is owned by one thread at a time: the input builds it and posts it, after which the
 * host hands each output its own copy.
 */
public final class Event {
    private final LinkedHashMap<String, Object> fields;
    private Position position;

    public Event() {
        this.fields = new LinkedHashMap<>();
    }

    private Event(Event other) {
        this.fields = new LinkedHashMap<>(other.fields);
        this.position = other.position;
    }

    /** A new event with {@code raw_event} set. */
    public static Event ofRaw(String rawEvent) {
        return new Event().set(Fields.RAW_EVENT, rawEvent);
    }

    /** A shallow copy (field values are immutable except byte[], which outputs must not modify). */
    public Event copy() {
        return new Event(this);
    }

    /** Sets a field; a null value removes it. */
    public Event set(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (value == null) {
            fields.remove(name);
        } else {
            fields.put(name, normalize(name, value));
        }
        return this;
    }

    public Object get(String name) {
        return fields.get(name);
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    public Object remove(String name) {
        return fields.remove(name);
    }

    /** The field as a string: strings as they are, other types in NXLog's text form, null if absent. */
    public String getString(String name) {
        return toText(fields.get(name));
    }

    public Long getLong(String name) {
        Object v = fields.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw new IllegalStateException("field " + name + " is " + typeName(v) + ", not integer");
    }

    public Instant getTime(String name) {
        Object v = fields.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Instant t) {
            return t;
        }
        throw new IllegalStateException("field " + name + " is " + typeName(v) + ", not datetime");
    }

    /** {@code raw_event} as a string, or null. */
    public String raw() {
        return getString(Fields.RAW_EVENT);
    }

    /** The field names in insertion order (read-only view). */
    public Set<String> fieldNames() {
        return Collections.unmodifiableSet(fields.keySet());
    }

    /** The fields in insertion order (read-only view). */
    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    public Position position() {
        return position;
    }

    /** Attaches the input's position after this event; the host commits it once outputs have flushed. */
    public Event position(Position position) {
        this.position = position;
        return this;
    }

    /** The NXLog type name of a field value: string, integer, boolean, float, datetime, binary. */
    public static String typeName(Object v) {
        if (v instanceof String) {
            return "string";
        } else if (v instanceof Long) {
            return "integer";
        } else if (v instanceof Boolean) {
            return "boolean";
        } else if (v instanceof Double) {
            return "float";
        } else if (v instanceof Instant) {
            return "datetime";
        } else if (v instanceof byte[]) {
            return "binary";
        }
        return v == null ? "undef" : v.getClass().getSimpleName();
    }

    /** NXLog's text form of a value (datetime as ISO-8601 UTC, binary as UTF-8 text). */
    public static String toText(Object v) {
        if (v == null) {
            return null;
        } else if (v instanceof String s) {
            return s;
        } else if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return v.toString();
    }

    private static Object normalize(String name, Object v) {
        if (v instanceof String || v instanceof Long || v instanceof Boolean || v instanceof Double
                || v instanceof Instant || v instanceof byte[]) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof java.util.Date d) {
            return d.toInstant();
        }
        if (v instanceof CharSequence cs) {
            return cs.toString();
        }
        throw new IllegalArgumentException("field " + name + ": unsupported value type "
                + v.getClass().getName());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Event{");
        boolean first = true;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            Object v = e.getValue();
            sb.append(e.getKey()).append('=').append(v instanceof byte[] b ? Arrays.toString(b) : v);
        }
        if (position != null) {
            sb.append(", @").append(position.stream()).append(':').append(position.value());
        }
        return sb.append('}').toString();
    }
}
