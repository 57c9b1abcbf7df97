package io.logship.python;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.logship.api.Event;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * The dead-letter file of an om_python instance: one JSON object per line, appended, fsync'd by
 * {@link #sync()} (the output's flush). A line:
 * {@code {"time":"...","module":"out","file":"/x.py","line":12,"error":"ValueError: ...","traceback":"...",
 * "event":{"raw_event":"...","n":10,"EventReceivedTime":{"datetime":"..."},"blob":{"base64":"..."}}}}.
 * Strings, integers, floats and booleans are JSON values; datetimes and binaries are tagged objects.
 */
final class DeadLetterFile implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final Path path;
    private final String instanceName;
    private final Clock clock;
    private FileChannel channel;
    private boolean dirty;

    DeadLetterFile(Path path, String instanceName, Clock clock) {
        this.path = path;
        this.instanceName = instanceName;
        this.clock = clock;
    }

    void append(Event event, ScriptFailure failure) throws IOException {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(line)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.now(clock).toString());
            g.writeStringField("module", instanceName);
            g.writeStringField("file", failure.file());
            g.writeNumberField("line", failure.line());
            g.writeStringField("error", failure.error());
            g.writeStringField("traceback", failure.traceback());
            if (event.position() != null) {
                g.writeObjectFieldStart("position");
                g.writeStringField("stream", event.position().stream());
                g.writeStringField("value", event.position().value());
                g.writeEndObject();
            }
            g.writeObjectFieldStart("event");
            for (Map.Entry<String, Object> e : event.fields().entrySet()) {
                g.writeFieldName(e.getKey());
                value(g, e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        line.write('\n');
        if (channel == null) {
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }
        ByteBuffer buf = ByteBuffer.wrap(line.toString().getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        dirty = true;
    }

    void sync() throws IOException {
        if (channel != null && dirty) {
            channel.force(false);
            dirty = false;
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            sync();
            channel.close();
            channel = null;
        }
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long n) {
            g.writeNumber(n);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                g.writeString(d.toString());
            } else {
                g.writeNumber(d);
            }
        } else if (v instanceof Instant t) {
            g.writeStartObject();
            g.writeStringField("datetime", t.toString());
            g.writeEndObject();
        } else if (v instanceof byte[] b) {
            g.writeStartObject();
            g.writeStringField("base64", Base64.getEncoder().encodeToString(b));
            g.writeEndObject();
        } else {
            g.writeString(String.valueOf(v));
        }
    }
}
