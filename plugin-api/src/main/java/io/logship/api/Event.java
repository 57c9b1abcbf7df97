package io.logship.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A log event: NXLog's model of named, typed fields. Field values are one of {@link String},
 * {@link Long} (integer), {@link Boolean}, {@link Double}, {@link Instant} (datetime),
 * {@link java.net.InetAddress} (ip4addr, ip6addr) or {@code byte[]} (binary); {@link Integer},
 * {@link Short} and {@link Byte} are widened to Long, {@link Float} to Double. Field names are case-sensitive, as in NXLog.
 *
 * <p>An event is owned by one thread at a time: the input builds it and posts it, after which the
 * host hands each output its own copy.
 */
public final class Event {
    // Fields in insertion order as parallel arrays (names, their hashes, values): an event has a handful of
    // fields, so a linear scan beats hashing, and an event is three small arrays instead of a map with a
    // node per field.
    // Room for a typical event without growing: an input's fields plus the four the host adds at post().
    private static final int INITIAL = 12;
    private String[] names;
    private int[] hashes; // names[i].hashCode(): a lookup touches no String unless the hash matches
    private Object[] values;
    private int size;
    private Position position;

    /** An event without fields. */
    public Event() {
        this.names = new String[INITIAL];
        this.hashes = new int[INITIAL];
        this.values = new Object[INITIAL];
    }

    private Event(Event other) {
        this.names = Arrays.copyOf(other.names, Math.max(other.size + 2, INITIAL));
        this.hashes = Arrays.copyOf(other.hashes, this.names.length);
        this.values = Arrays.copyOf(other.values, this.names.length);
        this.size = other.size;
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

    /**
     * Sets a field; {@code null} removes it. Values are normalised as described on the class.
     *
     * @throws IllegalArgumentException for a value of an unsupported type
     */
    public Event set(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (value == null) {
            remove(name);
            return this;
        }
        Object v = value instanceof String ? value : normalize(name, value);
        int h = name.hashCode();
        int i = indexOf(name, h);
        if (i >= 0) {
            values[i] = v;
            return this;
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        hashes[size] = h;
        values[size] = v;
        size++;
        return this;
    }

    /**
     * Sets a field only when the event does not have it (one scan instead of {@code has} then {@code set});
     * {@code value} must not be null.
     *
     * @return true when the field was added
     */
    public boolean setIfAbsent(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (indexOf(name) >= 0) {
            return false;
        }
        set(name, value);
        return true;
    }

    /** The value of a field, or {@code null}. */
    public Object get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** Removes a field; returns its old value or {@code null}. */
    public Object remove(String name) {
        int i = indexOf(name);
        if (i < 0) {
            return null;
        }
        Object old = values[i];
        int tail = size - i - 1;
        if (tail > 0) {
            System.arraycopy(names, i + 1, names, i, tail);
            System.arraycopy(hashes, i + 1, hashes, i, tail);
            System.arraycopy(values, i + 1, values, i, tail);
        }
        size--;
        names[size] = null;
        values[size] = null;
        return old;
    }

    /** The field as text (see {@link #toText}), or {@code null} when absent. */
    public String getString(String name) {
        return toText(get(name));
    }

    /**
     * An integer field, or {@code null} when absent.
     *
     * @throws IllegalStateException when the field holds another type
     */
    public Long getLong(String name) {
        Object v = get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw new IllegalStateException("field " + name + " is " + typeName(v) + ", not integer");
    }

    /**
     * A datetime field, or {@code null} when absent.
     *
     * @throws IllegalStateException when the field holds another type
     */
    public Instant getTime(String name) {
        Object v = get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Instant t) {
            return t;
        }
        throw new IllegalStateException("field " + name + " is " + typeName(v) + ", not datetime");
    }

    /** {@code raw_event} as text, or {@code null}. */
    public String raw() {
        return getString(Fields.RAW_EVENT);
    }

    /** The field names in insertion order (read-only). */
    public Set<String> fieldNames() {
        return fields().keySet();
    }

    /** The number of fields. */
    public int size() {
        return size;
    }

    /** The fields in insertion order (read-only view). */
    public Map<String, Object> fields() {
        return new FieldsView();
    }

    private int indexOf(String name) {
        return indexOf(name, name.hashCode());
    }

    private int indexOf(String name, int h) {
        int[] hs = hashes;
        for (int i = 0, s = size; i < s; i++) {
            if (hs[i] == h) {
                String n = names[i];
                if (n == name || n.equals(name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** A read-only map over the two arrays, in insertion order. */
    private final class FieldsView extends AbstractMap<String, Object> {
        @Override
        public int size() {
            return size;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String k && indexOf(k) >= 0;
        }

        @Override
        public Object get(Object key) {
            return key instanceof String k ? Event.this.get(k) : null;
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return size;
                }

                @Override
                public Iterator<Map.Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Map.Entry<String, Object> next() {
                            if (next >= size) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new AbstractMap.SimpleImmutableEntry<>(names[i], values[i]);
                        }
                    };
                }
            };
        }
    }

    public Position position() {
        return position;
    }

    /** Attaches the input's position after this event; the host commits it once outputs have flushed. */
    public Event position(Position position) {
        this.position = position;
        return this;
    }

    /** The NXLog type name of a field value: string, integer, boolean, float, datetime, binary, ip4addr, ip6addr. */
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
        } else if (v instanceof java.net.Inet4Address) {
            return "ip4addr";
        } else if (v instanceof java.net.Inet6Address) {
            return "ip6addr";
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
        } else if (v instanceof java.net.InetAddress a) {
            return a.getHostAddress();
        }
        return v.toString();
    }

    private static Object normalize(String name, Object v) {
        if (v instanceof String || v instanceof Long || v instanceof Boolean || v instanceof Double
                || v instanceof Instant || v instanceof byte[] || v instanceof java.net.InetAddress) {
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
        for (int i = 0; i < size; i++) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            Object v = values[i];
            sb.append(names[i]).append('=').append(v instanceof byte[] b ? Arrays.toString(b) : v);
        }
        if (position != null) {
            sb.append(", @").append(position.stream()).append(':').append(position.value());
        }
        return sb.append('}').toString();
    }
}
