package io.logship.s3.input;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
    private final List<String> warnings = new ArrayList<>();
    /** Why the object is read as text although named compressed, or null. */
    private String textFallback;
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
        return open(raw, key, -1, null);
    }

    /**
     * As {@link #open(InputStream, String)}; {@code size} (or -1) keeps buffers small for small objects. A
     * stream that supports mark (an object held in memory) is used without another buffer.
     *
     * <p>When the key's extension or {@code contentEncoding} says compressed but the bytes are neither
     * compressed nor an archive, the object is read as text only if it is UTF-8 text (no invalid sequence, no
     * NUL byte): the whole object when it is held in memory, else its first {@value #BUFFER} bytes, the rest
     * then checked line by line as it is decoded ({@link #isTextFallback()}); a warning says so. Otherwise
     * this throws {@link NotAsNamedException} before anything is read from it.
     *
     * @param contentEncoding the object's Content-Encoding, or null
     */
    static ObjectContent open(InputStream raw, String key, long size, String contentEncoding) throws IOException {
        int bufSize = size >= 0 && size < BUFFER ? (int) Math.max(size, 64) : BUFFER;
        boolean inMemory = raw.markSupported();
        InputStream in = inMemory ? raw : new BufferedInputStream(raw, bufSize);
        Compression c = sniff(in);
        Compression encoded = Compression.fromContentEncoding(contentEncoding);
        Compression claimed = encoded != Compression.NONE ? encoded : Compression.fromExtension(key);
        String claim = encoded != Compression.NONE ? "its Content-Encoding is " + contentEncoding
                : "the key ends in " + claimed.extension();
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
        if (claimed != Compression.NONE && claimed != c) {
            if (c != Compression.NONE || content.isArchive()) {
                content.notes.add(claim + " but the content is " + content.describe() + "; read as "
                        + content.describe());
            } else if (isUtf8Text(d, inMemory ? Integer.MAX_VALUE : BUFFER)) {
                content.textFallback = claim + " but the content is not " + claimed;
                content.warnings.add(content.textFallback + ": it is read as text"
                        + (inMemory ? "" : " (the rest checked as it is read)"));
            } else {
                throw new NotAsNamedException(claim + " but the content is neither " + claimed
                        + " nor UTF-8 text (it starts with " + hex(head) + "): nothing read from it");
            }
        }
        return content;
    }

    /**
     * The object is not what its name or Content-Encoding says and not text either: it is not read at all.
     */
    static final class NotAsNamedException extends IOException {
        private static final long serialVersionUID = 1L;

        NotAsNamedException(String message) {
            super(message);
        }
    }

    /** Whether the first {@code limit} bytes of {@code in} (then reset) are UTF-8 without a NUL byte. */
    private static boolean isUtf8Text(InputStream in, int limit) throws IOException {
        in.mark(limit);
        byte[] b = in.readNBytes(limit);
        in.reset();
        for (byte x : b) {
            if (x == 0) {
                return false;
            }
        }
        // a character cut at the limit is not an error; at the object's end it is
        boolean whole = b.length < limit;
        CoderResult r = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(b), CharBuffer.allocate(b.length + 1), whole);
        return !r.isError();
    }

    private static String hex(byte[] head) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(8, head.length); i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("%02x", head[i] & 0xff));
        }
        return head.length == 0 ? "nothing" : sb.toString();
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

    /** Things worth one log line (extension disagrees with a recognised format, unreadable entries). */
    List<String> notes() {
        return notes;
    }

    /** Things worth a warning: the object is read as text although its name or encoding says compressed. */
    List<String> warnings() {
        return warnings;
    }

    /**
     * True when the object is read as text although its name or Content-Encoding says compressed: a line that
     * is not UTF-8 then ends the object instead of being repaired.
     */
    boolean isTextFallback() {
        return textFallback != null;
    }

    /** With {@link #isTextFallback()}: what the name or encoding says and the content is not. */
    String textFallbackReason() {
        return textFallback;
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
