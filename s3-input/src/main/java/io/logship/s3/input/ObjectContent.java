package io.logship.s3.input;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * The readable content of one object, streamed: the object's bytes decompressed (format from its
 * magic bytes), and when they hold a tar or zip archive, each regular file entry in turn (each entry
 * decompressed again if it is itself compressed). Nothing is read ahead beyond small buffers.
 *
 * <pre>{@code
 * try (ObjectContent c = ObjectContent.open(stream, key)) {
 *     while (c.nextEntry()) { read(c.entryStream()); }
 * }
 * }</pre>
 */
final class ObjectContent implements Closeable {
    private static final int BUFFER = 64 * 1024;
    private static final int ARCHIVE_PROBE = 512;

    private final InputStream raw;
    private final Compression compression;
    private final InputStream decompressed;
    private final ArchiveInputStream<?> archive;
    private final String archiveType;
    private final List<String> notes = new ArrayList<>();
    private boolean singleConsumed;
    private String entryName;
    private InputStream entryStream;

    private ObjectContent(InputStream raw, Compression compression, InputStream decompressed,
                          ArchiveInputStream<?> archive, String archiveType) {
        this.raw = raw;
        this.compression = compression;
        this.decompressed = decompressed;
        this.archive = archive;
        this.archiveType = archiveType;
    }

    /**
     * Recognises the format and opens the decompressor. An IOException here is a corrupt header.
     *
     * @param key the object key; its extension is a hint used only when the bytes are ambiguous
     */
    static ObjectContent open(InputStream raw, String key) throws IOException {
        return open(raw, key, -1);
    }

    /**
     * As {@link #open(InputStream, String)}; {@code size} (or -1) keeps buffers small for small objects. A
     * stream that supports mark (an object held in memory) is used without another buffer.
     */
    static ObjectContent open(InputStream raw, String key, long size) throws IOException {
        int bufSize = size >= 0 && size < BUFFER ? (int) Math.max(size, 64) : BUFFER;
        InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw, bufSize);
        Compression c = sniff(in);
        List<String> notes = new ArrayList<>();
        Compression hinted = Compression.fromExtension(key);
        if (hinted != Compression.NONE && hinted != c) {
            notes.add("the key ends in " + hinted.extension() + " but the content is " + c
                    + "; read as " + c);
        }
        InputStream d = c == Compression.NONE ? in : new BufferedInputStream(c.wrap(in), BUFFER);
        if (!d.markSupported()) {
            d = new BufferedInputStream(d, bufSize);
        }
        String lower = key.toLowerCase(Locale.ROOT);
        d.mark(ARCHIVE_PROBE);
        byte[] head = d.readNBytes(ARCHIVE_PROBE);
        d.reset();
        ObjectContent content;
        if (isZip(head)) {
            content = new ObjectContent(raw, c, d, new ZipArchiveInputStream(d, "UTF-8", true, true), "zip");
        } else if (isTar(head, lower)) {
            content = new ObjectContent(raw, c, d, new TarArchiveInputStream(d), "tar");
        } else {
            content = new ObjectContent(raw, c, d, null, null);
        }
        content.notes.addAll(notes);
        return content;
    }

    private static Compression sniff(InputStream in) throws IOException {
        in.mark(Compression.MAGIC_LENGTH);
        byte[] magic = in.readNBytes(Compression.MAGIC_LENGTH);
        in.reset();
        return Compression.detect(magic, magic.length);
    }

    private static boolean isZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
    }

    private static boolean isTar(byte[] head, String lowerKey) {
        if (head.length < ARCHIVE_PROBE) {
            return false;
        }
        boolean checksum;
        try {
            checksum = TarUtils.verifyCheckSum(head);
        } catch (RuntimeException e) {
            checksum = false;
        }
        if (!checksum) {
            return false;
        }
        boolean magic = TarArchiveInputStream.matches(head, head.length);
        boolean hinted = lowerKey.endsWith(".tar") || lowerKey.endsWith(".tgz") || lowerKey.contains(".tar.");
        return magic || hinted;
    }

    /** Moves to the next readable entry (for a plain object: the object itself, once). */
    boolean nextEntry() throws IOException {
        if (archive == null) {
            if (singleConsumed) {
                return false;
            }
            singleConsumed = true;
            entryStream = decompressed;
            entryName = null;
            return true;
        }
        while (true) {
            ArchiveEntry e = archive.getNextEntry();
            if (e == null) {
                entryStream = null;
                entryName = null;
                return false;
            }
            if (e.isDirectory()) {
                continue;
            }
            if (e instanceof TarArchiveEntry t && !t.isFile()) {
                continue;
            }
            if (e instanceof ZipArchiveEntry z && !archive.canReadEntryData(z)) {
                notes.add("zip entry " + z.getName() + " skipped: its data cannot be read (encrypted or"
                        + " unsupported method " + z.getMethod() + ")");
                continue;
            }
            entryName = e.getName();
            InputStream shielded = new FilterInputStream(archive) {
                @Override
                public void close() {
                    // the archive stream stays open for the next entry
                }
            };
            BufferedInputStream b = new BufferedInputStream(shielded, BUFFER);
            Compression inner = sniff(b);
            entryStream = inner == Compression.NONE ? b : new BufferedInputStream(inner.wrap(b), BUFFER);
            return true;
        }
    }

    /** The current entry's decompressed bytes. */
    InputStream entryStream() {
        return entryStream;
    }

    /** The current archive entry's name, or null for a plain object. */
    String entryName() {
        return entryName;
    }

    Compression compression() {
        return compression;
    }

    /** e.g. "gzip", "gzip+tar", "none+zip". */
    String describe() {
        return archiveType == null ? compression.label() : compression.label() + "+" + archiveType;
    }

    boolean isArchive() {
        return archive != null;
    }

    /** Things worth one log line (extension mismatch, unreadable entries). */
    List<String> notes() {
        return notes;
    }

    @Override
    public void close() throws IOException {
        try {
            if (archive != null) {
                archive.close();
            } else {
                decompressed.close();
            }
        } finally {
            raw.close();
        }
    }
}
