package io.logship.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * GELF's payload encodings: what a datagram holds (plain JSON, gzip, zlib, as Graylog accepts), decompressed with
 * a bound so a small datagram cannot inflate without limit; and zlib compression for GELF_UDP as NXLog writes it
 * (deflate with the zlib header, default level).
 */
final class GelfCompression {
    /** Graylog's default {@code decompress_size_limit}. */
    static final int MAX_DECOMPRESSED = 8 * 1024 * 1024;

    enum Kind { PLAIN, GZIP, ZLIB }

    private GelfCompression() {
    }

    /** zlib (RFC 1950) of {@code data}. */
    static byte[] zlib(byte[] data) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
            byte[] buf = new byte[8192];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /**
     * What the payload is, from its first bytes: gzip's magic 1f 8b, a zlib header (deflate, checksum of the first
     * two bytes a multiple of 31), or JSON (an object, after optional blanks).
     *
     * @throws IllegalArgumentException for anything else
     */
    static Kind detect(byte[] b, int off, int len) {
        if (len >= 2 && (b[off] & 0xff) == 0x1f && (b[off + 1] & 0xff) == 0x8b) {
            return Kind.GZIP;
        }
        if (len >= 2 && (b[off] & 0x0f) == 8 && (((b[off] & 0xff) << 8) | (b[off + 1] & 0xff)) % 31 == 0) {
            return Kind.ZLIB;
        }
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c == '{') {
                return Kind.PLAIN;
            }
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                break;
            }
        }
        throw new IllegalArgumentException(len == 0 ? "empty payload" : "not GELF: the payload starts with "
                + hexStart(b, off, len) + ", neither a JSON object, gzip, zlib nor a GELF chunk (1e 0f)");
    }

    /** The payload's JSON bytes, decompressed when it is gzip or zlib. */
    static byte[] decode(byte[] b, int off, int len) {
        Kind kind = detect(b, off, len);
        if (kind == Kind.PLAIN) {
            return java.util.Arrays.copyOfRange(b, off, off + len);
        }
        try (InputStream in = kind == Kind.GZIP
                ? new GZIPInputStream(new java.io.ByteArrayInputStream(b, off, len))
                : new InflaterInputStream(new java.io.ByteArrayInputStream(b, off, len), new Inflater())) {
            return readBounded(in, kind);
        } catch (ZipException e) {
            throw new IllegalArgumentException("corrupt " + name(kind) + " payload: " + e.getMessage());
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException("truncated " + name(kind) + " payload");
        } catch (IOException e) {
            Throwable c = e.getCause();
            String why = c instanceof DataFormatException ? c.getMessage() : e.getMessage();
            throw new IllegalArgumentException("corrupt " + name(kind) + " payload: " + why);
        }
    }

    private static byte[] readBounded(InputStream in, Kind kind) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > MAX_DECOMPRESSED) {
                throw new IllegalArgumentException(name(kind) + " payload decompresses to more than "
                        + MAX_DECOMPRESSED + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static String name(Kind kind) {
        return kind == Kind.GZIP ? "gzip" : "zlib";
    }

    /** The first bytes in hex, for messages that must not quote a payload. */
    static String hexStart(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(len, 4); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", b[off + i] & 0xff));
        }
        return sb.toString();
    }
}
