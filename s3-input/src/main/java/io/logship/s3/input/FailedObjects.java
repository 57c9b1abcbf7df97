package io.logship.s3.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The failed-objects list, {@code CacheDir/im_s3/<instance>.failed}: one JSON object per line for every
 * object that could not be read completely or needed repair, so an operator can find and replay it:
 *
 * <pre>{@code {"time":"...","bucket":"b","key":"k","code":"NoSuchKey","reason":"...","lines":0}}</pre>
 */
final class FailedObjects {
    private static final JsonFactory JSON = new JsonFactory();
    private final Path file;

    FailedObjects(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /**
     * Appends one record.
     *
     * @param code  an S3 error code, or a logship word: corrupt, invalid-utf8, long-line, decode
     * @param lines lines delivered from the object before the problem
     */
    synchronized void record(Instant time, String bucket, String key, String code, String reason, long lines)
            throws IOException {
        StringWriter json = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(json)) {
            g.writeStartObject();
            g.writeStringField("time", time.toString());
            g.writeStringField("bucket", bucket);
            g.writeStringField("key", key);
            g.writeStringField("code", code);
            g.writeStringField("reason", reason);
            g.writeNumberField("lines", lines);
            g.writeEndObject();
        }
        json.write('\n');
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(json.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

}
