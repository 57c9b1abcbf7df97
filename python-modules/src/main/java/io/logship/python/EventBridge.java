package io.logship.python;

import io.logship.api.Event;
import io.logship.api.Position;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The event object a Python script gets ({@code LogData} in NXLog's terms): its methods are called
 * from Python directly, with no Python wrapper frame in between (the cheapest path in GraalPy's
 * interpreter). Not for Java callers.
 *
 * <p>Copy-on-write: an output's script may change its event, but the host's copy stays as it came
 * (so a retried or dead-lettered event is the original); an input's posted event is copied before a
 * later change.
 */
public final class EventBridge {
    private final ScriptBridge script;
    private final Event original;
    private Event event;
    private boolean shared;

    /** {@code event.module}: the module object (a dict for per-instance state). */
    @HostAccess.Export
    public final Value module;

    EventBridge(ScriptBridge script, Event event, boolean shared) {
        this.script = script;
        this.original = event;
        this.event = event;
        this.shared = shared;
        this.module = script.module();
    }

    Event event() {
        return event;
    }

    /** The event as it was handed in, before any change the script made. */
    Event original() {
        return original;
    }

    /** Marks the current event as handed over: the next change works on a copy. */
    Event handOver() {
        shared = true;
        return event;
    }

    private Event mutable() {
        if (shared) {
            event = event.copy();
            shared = false;
        }
        return event;
    }

    /** The value (str, int, bool, float, datetime in UTC, bytes), or None when the field is absent. */
    @HostAccess.Export
    public Object get_field(String name) {
        Object v = event.get(name);
        if (v instanceof Instant t) {
            long micros = Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
            return script.fromMicros().execute(micros);
        }
        if (v instanceof byte[] b) {
            return script.fromLatin1().execute(new String(b, StandardCharsets.ISO_8859_1));
        }
        return v;
    }

    /** Sets a field from str, int (64-bit), bool, float, datetime (naive = local time), bytes; None deletes. */
    @HostAccess.Export
    public void set_field(String name, Value value) {
        mutable().set(name, toJava(name, value));
    }

    @HostAccess.Export
    public void delete_field(String name) {
        if (event.has(name)) {
            mutable().remove(name);
        }
    }

    /** The field names, as a Python list. */
    @HostAccess.Export
    public Value field_names() {
        return script.toList().execute((Object) event.fieldNames().toArray(new String[0]));
    }

    /** The seed scripts' spelling of {@link #field_names()}. */
    @HostAccess.Export
    public Value get_names() {
        return field_names();
    }

    @HostAccess.Export
    public boolean has_field(String name) {
        return event.has(name);
    }

    /** Attaches the input's position after this event (stream ""); committed once outputs flushed. */
    @HostAccess.Export
    public void set_position(Value value) {
        set_position(value, "");
    }

    @HostAccess.Export
    public void set_position(Value value, String stream) {
        String v = value.isString() ? value.asString() : value.toString();
        mutable().position(new Position(stream == null ? "" : stream, v));
    }

    /** The position attached to this event, or None. */
    @HostAccess.Export
    public String get_position() {
        return event.position() == null ? null : event.position().value();
    }

    /** im_python: hands the event to the routes; False when the agent is stopping. */
    @HostAccess.Export
    public boolean post() {
        return script.post(this);
    }

    static Object toJava(String name, Value v) {
        if (v.isString()) {
            return v.asString();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNumber()) {
            Object n = v.as(Object.class);
            if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
                return ((Number) n).longValue();
            }
            if (n instanceof Double || n instanceof Float) {
                return ((Number) n).doubleValue();
            }
            if (n instanceof BigInteger) {
                throw new IllegalArgumentException("field " + name + ": integer " + n + " does not fit in 64 bits");
            }
            return v.fitsInLong() ? (Object) v.asLong() : (Object) v.asDouble();
        }
        if (v.isNull()) {
            return null;
        }
        if (v.isInstant()) {
            return v.asInstant();
        }
        if (v.isDate() && v.isTime()) {
            return LocalDateTime.of(v.asDate(), v.asTime()).atZone(ZoneId.systemDefault()).toInstant();
        }
        if (v.hasBufferElements()) {
            int size = Math.toIntExact(v.getBufferSize());
            byte[] b = new byte[size];
            v.readBuffer(0, b, 0, size);
            return b;
        }
        throw new IllegalArgumentException("field " + name + ": unsupported type "
                + v.getMetaObject().getMetaSimpleName() + " (use str, int, bool, float, datetime, bytes or None)");
    }

    /** For Python {@code repr}. */
    @Override
    public String toString() {
        return "LogData" + event.toString().substring("Event".length());
    }
}
