package io.logship.python;

import io.logship.api.Event;
import io.logship.api.Position;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.graalvm.polyglot.HostAccess;

/**
 * The Java side of one Python {@code LogData}: the only event methods a sandboxed script can reach.
 * Not for Java callers. Copy-on-write: an output's script may change its event, but the host's copy
 * stays as it came (so a retried or dead-lettered event is the original); an input's event posted once
 * is copied before a later change.
 */
public final class EventBridge {
    private final ScriptBridge script;
    private final Event original;
    private Event event;
    private boolean shared;

    EventBridge(ScriptBridge script, Event event, boolean shared) {
        this.script = script;
        this.original = event;
        this.event = event;
        this.shared = shared;
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

    @HostAccess.Export
    public Object get(String name) {
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

    @HostAccess.Export
    public boolean has(String name) {
        return event.has(name);
    }

    @HostAccess.Export
    public String[] names() {
        return event.fieldNames().toArray(new String[0]);
    }

    @HostAccess.Export
    public void setString(String name, String value) {
        mutable().set(name, value);
    }

    @HostAccess.Export
    public void setInteger(String name, long value) {
        mutable().set(name, value);
    }

    @HostAccess.Export
    public void setBoolean(String name, boolean value) {
        mutable().set(name, value);
    }

    @HostAccess.Export
    public void setFloat(String name, double value) {
        mutable().set(name, value);
    }

    @HostAccess.Export
    public void setTime(String name, long epochMicros) {
        mutable().set(name, Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                Math.floorMod(epochMicros, 1_000_000L) * 1000L));
    }

    /** Binary as a Latin-1 string: one char per byte, the cheapest exact way across the boundary. */
    @HostAccess.Export
    public void setBinary(String name, String latin1) {
        mutable().set(name, latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    @HostAccess.Export
    public void delete(String name) {
        if (event.has(name)) {
            mutable().remove(name);
        }
    }

    @HostAccess.Export
    public void setPosition(String stream, String value) {
        mutable().position(new Position(stream, value));
    }

    @HostAccess.Export
    public String describe() {
        return event.toString();
    }

    /** For Python {@code repr}; never exposes more than the fields. */
    @Override
    public String toString() {
        return event.toString();
    }
}
