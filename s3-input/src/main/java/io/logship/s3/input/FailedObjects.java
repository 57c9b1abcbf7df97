package io.logship.s3.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.logship.api.Metrics;
import io.logship.s3.S3Errors;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * The failed-objects list, {@code CacheDir/im_s3/<instance>.failed}: one JSON object per line for every
 * object that could not be read completely or needed repair, so an operator can find and replay it:
 *
 * <pre>{@code {"time":"...","bucket":"b","key":"k","code":"NoSuchKey","reason":"...","lines":0}}</pre>
 */
final class FailedObjects {
    private static final JsonFactory JSON = new JsonFactory();
    private final Path file;
    private final String instance;
    private final String bucket;
    private final Logger log;
    private final Metrics metrics;
    private final Clock clock;

    FailedObjects(Path file, String instance, String bucket, Logger log, Metrics metrics, Clock clock) {
        this.file = file;
        this.instance = instance;
        this.bucket = bucket;
        this.log = log;
        this.metrics = metrics;
        this.clock = clock;
    }

    Path file() {
        return file;
    }

    /**
     * Logs one line naming the object and the reason, counts it, and appends it to the list.
     *
     * @param code  an S3 error code, or a logship word: corrupt, invalid-utf8, long-line, decode
     * @param lines lines delivered from the object before the problem
     */
    void report(String key, String code, String reason, long lines) {
        metrics.counter("failed_list_entries").increment();
        log.warn("{}: s3://{}/{}: {} (after {} lines); recorded in {}", instance, bucket, key, reason, lines, file);
        try {
            record(clock.instant(), bucket, key, code, reason, lines);
        } catch (IOException e) {
            log.error("{}: cannot append to {}: {}", instance, file, e.toString());
        }
    }

    /** An S3 error code, or the exception's class name. */
    static String code(Throwable t) {
        String c = S3Errors.errorCode(t);
        return c != null ? c : t.getClass().getSimpleName();
    }

    private synchronized void record(Instant time, String bucket, String key, String code, String reason, long lines)
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
