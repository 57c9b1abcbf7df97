package io.logship.lang;

import io.logship.api.Event;

/**
 * What a running statement sees: the event (absent in a {@code <Schedule>}), the instance's
 * {@link ExecEnvironment}, whether the event was dropped, and the last regular expression match's captures.
 * One per thread and instance; reused for every event ({@link #reset}). Not thread-safe.
 */
public final class ExecContext {
    private final ExecEnvironment env;
    private Event event;
    private boolean dropped;
    private String[] captures = new String[10];
    private int captureCount;

    public ExecContext(ExecEnvironment env) {
        this.env = env;
    }

    /** Prepares for the next event ({@code null} for a scheduled run without one). */
    public ExecContext reset(Event event) {
        this.event = event;
        this.dropped = false;
        if (captureCount > 0) {
            java.util.Arrays.fill(captures, 0, captureCount, null);
            captureCount = 0;
        }
        return this;
    }

    public ExecEnvironment env() {
        return env;
    }

    /** The event, or null when the statements run without one (a {@code <Schedule>}). */
    public Event event() {
        return event;
    }

    /** The event, or an {@link ExecError} saying there is none. */
    public Event requireEvent() {
        if (event == null) {
            throw new ExecError("no event here (a <Schedule> Exec has no event to read or change fields of)");
        }
        return event;
    }

    /** {@code drop()}: the event goes nowhere; the statements after it do not run. */
    public void drop() {
        dropped = true;
    }

    public boolean dropped() {
        return dropped;
    }

    /** {@code $0}..{@code $9} of the last successful match, or null. */
    public String capture(int i) {
        return i < captureCount ? captures[i] : null;
    }

    /** Sets the captures of a successful match ({@code groups[0]} is the whole match). */
    public void setCaptures(String[] groups, int count) {
        if (captures.length < count) {
            captures = new String[count];
        }
        if (captureCount > count) {
            java.util.Arrays.fill(captures, count, captureCount, null);
        }
        System.arraycopy(groups, 0, captures, 0, count);
        captureCount = count;
    }
}
