package io.logship.python;

import io.logship.api.Event;
import io.logship.api.support.JsonText;
import java.io.IOException;
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
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"time\":");
        JsonText.quote(sb, Instant.now(clock).toString());
        sb.append(",\"module\":");
        JsonText.quote(sb, instanceName);
        sb.append(",\"file\":");
        JsonText.quote(sb, failure.file());
        sb.append(",\"line\":").append(failure.line());
        sb.append(",\"error\":");
        JsonText.quote(sb, failure.error());
        sb.append(",\"traceback\":");
        JsonText.quote(sb, failure.traceback());
        if (event.position() != null) {
            sb.append(",\"position\":{\"stream\":");
            JsonText.quote(sb, event.position().stream());
            sb.append(",\"value\":");
            JsonText.quote(sb, event.position().value());
            sb.append('}');
        }
        sb.append(",\"event\":{");
        boolean first = true;
        for (Map.Entry<String, Object> e : event.fields().entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            JsonText.quote(sb, e.getKey());
            sb.append(':');
            value(sb, e.getValue());
        }
        sb.append("}}\n");
        if (channel == null) {
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }
        ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
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

    private static void value(StringBuilder sb, Object v) {
        if (v instanceof String s) {
            JsonText.quote(sb, s);
        } else if (v instanceof Long || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                JsonText.quote(sb, d.toString());
            } else {
                sb.append(d);
            }
        } else if (v instanceof Instant t) {
            sb.append("{\"datetime\":");
            JsonText.quote(sb, t.toString());
            sb.append('}');
        } else if (v instanceof byte[] b) {
            sb.append("{\"base64\":");
            JsonText.quote(sb, Base64.getEncoder().encodeToString(b));
            sb.append('}');
        } else {
            JsonText.quote(sb, String.valueOf(v));
        }
    }
}
