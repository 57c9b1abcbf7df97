package io.logship.s3.input;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/** Builds test objects in each format. */
final class Formats {
    private Formats() {
    }

    interface Wrapper {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    static byte[] lines(String prefix, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append(prefix).append(' ').append(i).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] compress(byte[] data, Wrapper w) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (OutputStream o = w.wrap(bo)) {
            o.write(data);
        }
        return bo.toByteArray();
    }

    static byte[] gunzip(byte[] data) throws IOException {
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(data))) {
            return in.readAllBytes();
        }
    }

    static byte[] gzip(byte[] data) throws IOException {
        return compress(data, GZIPOutputStream::new);
    }

    static byte[] bzip2(byte[] data) throws IOException {
        return compress(data, BZip2CompressorOutputStream::new);
    }

    static byte[] xz(byte[] data) throws IOException {
        return compress(data, XZCompressorOutputStream::new);
    }

    static byte[] zstd(byte[] data) throws IOException {
        return compress(data, ZstdOutputStream::new);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            bo.writeBytes(p);
        }
        return bo.toByteArray();
    }

    /** A tar with the given entries (name, content) in order. */
    static byte[] tar(Object... nameContent) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bo)) {
            TarArchiveEntry dir = new TarArchiveEntry("logs/");
            t.putArchiveEntry(dir);
            t.closeArchiveEntry();
            for (int i = 0; i < nameContent.length; i += 2) {
                byte[] c = (byte[]) nameContent[i + 1];
                TarArchiveEntry e = new TarArchiveEntry((String) nameContent[i]);
                e.setSize(c.length);
                t.putArchiveEntry(e);
                t.write(c);
                t.closeArchiveEntry();
            }
        }
        return bo.toByteArray();
    }

    /** A zip written to a non-seekable stream (data descriptors), as streaming writers do. */
    static byte[] zip(Object... nameContent) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(bo)) {
            for (int i = 0; i < nameContent.length; i += 2) {
                byte[] c = (byte[]) nameContent[i + 1];
                z.putArchiveEntry(new ZipArchiveEntry((String) nameContent[i]));
                z.write(c);
                z.closeArchiveEntry();
            }
        }
        return bo.toByteArray();
    }
}
