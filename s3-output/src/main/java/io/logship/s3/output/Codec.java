package io.logship.s3.output;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import io.logship.api.Event;
import io.logship.s3.EventJson;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Event encoding (raw line or JSON) and object compression (none, gzip, zstd) of om_s3. */
final class Codec {
    enum Encoding { RAW, JSON }

    enum Compression {
        NONE("", null), GZIP(".gz", "gzip"), ZSTD(".zst", "zstd");

        final String ext;
        final String contentEncoding;

        Compression(String ext, String contentEncoding) {
            this.ext = ext;
            this.contentEncoding = contentEncoding;
        }
    }

    private final Encoding encoding;
    private final Compression compression;
    private final int level;
    private final boolean perEvent;

    Codec(Encoding encoding, Compression compression, int level, boolean perEvent) {
        this.encoding = encoding;
        this.compression = compression;
        this.level = level;
        this.perEvent = perEvent;
    }

    /** The bytes an event contributes to an object (without the line separator). */
    byte[] encode(Event e, ByteArrayOutputStream scratch) throws IOException {
        if (encoding == Encoding.RAW) {
            String raw = e.raw();
            if (raw != null) {
                return raw.getBytes(StandardCharsets.UTF_8);
            }
            // No raw_event: keep every field rather than write an empty line.
        }
        scratch.reset();
        EventJson.encode(e, scratch);
        return scratch.toByteArray();
    }

    /** Wraps the target in the compressor; closing the result finishes the compressed stream. */
    OutputStream compress(OutputStream target) throws IOException {
        return switch (compression) {
            case NONE -> new FilterOutputStream(target) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }
            };
            case GZIP -> new GZIPOutputStream(target, 64 * 1024) {
                {
                    def.setLevel(level);
                }
            };
            case ZSTD -> {
                ZstdOutputStreamNoFinalizer z = new ZstdOutputStreamNoFinalizer(target, level);
                yield z;
            }
        };
    }

    /** Writes one record's payload as the object (per-event) or as a line of it (batched). */
    void writeRecord(OutputStream compressed, byte[] payload) throws IOException {
        compressed.write(payload);
        if (!perEvent) {
            compressed.write('\n');
        }
    }

    String contentType() {
        if (encoding == Encoding.JSON) {
            return perEvent ? "application/json" : "application/x-ndjson";
        }
        return "text/plain; charset=utf-8";
    }

    /** The Content-Encoding header, or null without compression. */
    String contentEncoding() {
        return compression.contentEncoding;
    }

    String extension() {
        return compression.ext;
    }

    boolean perEvent() {
        return perEvent;
    }

    Compression compression() {
        return compression;
    }

    int level() {
        return level;
    }

    static int defaultLevel(Compression c) {
        return switch (c) {
            case GZIP -> Deflater.DEFAULT_COMPRESSION == -1 ? 6 : Deflater.DEFAULT_COMPRESSION;
            case ZSTD -> 3;
            case NONE -> 0;
        };
    }

    @Override
    public String toString() {
        return "Codec[" + encoding + ", " + compression + " " + level + (perEvent ? ", per event" : "") + "]";
    }
}
