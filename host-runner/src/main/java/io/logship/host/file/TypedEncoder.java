package io.logship.host.file;

import io.logship.api.Event;
import io.logship.api.Metrics;
import io.logship.api.OutputType;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/**
 * om_file's events in an OutputType's format. One the type cannot write is not lost, nor retried forever: it is
 * written LineBased instead, counted ({@code output_type_errors}) and logged at most once a minute.
 */
final class TypedEncoder {
    static final long WARN_EVERY_NANOS = 60_000_000_000L;

    private final String instance;
    private final String typeName;
    private final OutputType type;
    private final Logger log;
    private final Metrics.Counter errors;
    private long errorCount;
    private long lastWarn;
    private boolean warned;

    TypedEncoder(String instance, String typeName, OutputType type, Logger log, Metrics.Counter errors) {
        this.instance = instance;
        this.typeName = typeName;
        this.type = type;
        this.log = log;
        this.errors = errors;
    }

    /** The event's bytes, record separator included. */
    byte[] encode(Event event) {
        try {
            return type.encode(event);
        } catch (IllegalArgumentException e) {
            errorCount++;
            errors.increment();
            long now = System.nanoTime();
            if (!warned || now - lastWarn >= WARN_EVERY_NANOS) {
                warned = true;
                lastWarn = now;
                log.warn("{}: OutputType {} cannot write an event ({}); written LineBased instead ({} such event(s) "
                        + "so far)", instance, typeName, e.getMessage(), errorCount);
            }
            String text = event.raw() != null ? event.raw() : FileOutput.toJson(event);
            return (text + "\n").getBytes(StandardCharsets.UTF_8);
        }
    }
}
