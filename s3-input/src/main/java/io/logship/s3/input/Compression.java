package io.logship.s3.input;

import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/** A compression format, recognised from an object's first bytes (the key's extension is only a hint). */
enum Compression {
    NONE("none", ""),
    GZIP("gzip", ".gz"),
    BZIP2("bzip2", ".bz2"),
    XZ("xz", ".xz"),
    ZSTD("zstd", ".zst");

    /** Bytes needed to recognise every format. */
    static final int MAGIC_LENGTH = 6;

    private final String label;
    private final String extension;

    Compression(String label, String extension) {
        this.label = label;
        this.extension = extension;
    }

    String label() {
        return label;
    }

    /** The format the first {@code len} bytes of {@code head} start with, NONE when no magic matches. */
    static Compression detect(byte[] head, int len) {
        if (len >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (len >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
            return BZIP2;
        }
        if (len >= 6 && (head[0] & 0xff) == 0xfd && head[1] == '7' && head[2] == 'z' && head[3] == 'X'
                && head[4] == 'Z' && head[5] == 0) {
            return XZ;
        }
        if (len >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }

    /** The format the key's extension claims (.gz, .tgz, .bz2, .xz, .zst, .zstd), NONE otherwise. */
    static Compression fromExtension(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith(".gz") || k.endsWith(".tgz") || k.endsWith(".gzip")) {
            return GZIP;
        } else if (k.endsWith(".bz2") || k.endsWith(".tbz2")) {
            return BZIP2;
        } else if (k.endsWith(".xz") || k.endsWith(".txz")) {
            return XZ;
        } else if (k.endsWith(".zst") || k.endsWith(".zstd")) {
            return ZSTD;
        }
        return NONE;
    }

    /**
     * The format an HTTP Content-Encoding names (its last coding: gzip, x-gzip, bzip2, x-bzip2, xz, zstd),
     * NONE for none, identity, or one not known here.
     */
    static Compression fromContentEncoding(String contentEncoding) {
        if (contentEncoding == null || contentEncoding.isBlank()) {
            return NONE;
        }
        String[] codings = contentEncoding.split(",");
        String last = codings[codings.length - 1].strip().toLowerCase(Locale.ROOT);
        return switch (last) {
            case "gzip", "x-gzip" -> GZIP;
            case "bzip2", "x-bzip2" -> BZIP2;
            case "xz", "x-xz" -> XZ;
            case "zstd" -> ZSTD;
            default -> NONE;
        };
    }

    /** Wraps {@code in} in a streaming decompressor; multi-member / multi-frame input is read to its end. */
    InputStream wrap(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GzipCompressorInputStream(in, true);
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
            case XZ -> new XZCompressorInputStream(in, true);
            case ZSTD -> new ZstdInputStream(in).setContinuous(false);
        };
    }

    @Override
    public String toString() {
        return label;
    }

    String extension() {
        return extension;
    }
}
