package io.logship.host.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.slf4j.Logger;

/**
 * The segment files of one disk buffer and their record format, and the scan that recovers them at start.
 * A segment is {@code <dir>/<instance>.<id>.q} (NXLog's naming, the id zero-padded so the files list in order):
 * an 8-byte header, then records, each {@code [length:int][crc32 of the payload:int][payload]}, big-endian.
 */
final class Segments {
    static final byte[] HEADER = "LSBUFQ1\n".getBytes(StandardCharsets.US_ASCII);
    static final int RECORD_OVERHEAD = 8;

    private final Path dir;
    private final String name;
    private final Pattern file;

    Segments(Path dir, String name) {
        this.dir = dir;
        this.name = name;
        this.file = Pattern.compile(Pattern.quote(name) + "\\.(\\d{1,18})\\.q");
    }

    Path dir() {
        return dir;
    }

    Path path(long id) {
        return dir.resolve(String.format(java.util.Locale.ROOT, "%s.%010d.q", name, id));
    }

    /**
     * Every segment's length after recovery, by id. A segment whose tail is torn (a record cut short by a crash,
     * or whose checksum fails) is truncated to its last whole record, and reported with the file, the offset and
     * the bytes cut: such a record was never acknowledged (its fsync had not returned), so its input still has it.
     * An empty file (a crash while creating it) is deleted.
     *
     * @throws IOException naming the file when it cannot be read, or is no pm_buffer segment
     */
    TreeMap<Long, Long> recover(Logger log) throws IOException {
        TreeMap<Long, Long> lengths = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                Matcher m = file.matcher(p.getFileName().toString());
                if (m.matches()) {
                    long len = scan(p, log);
                    if (len < 0) {
                        Files.delete(p);
                    } else {
                        lengths.put(Long.parseLong(m.group(1)), len);
                    }
                }
            }
        }
        return lengths;
    }

    /** The whole-record length of a segment (truncating a torn tail), or -1 for an empty file to delete. */
    private static long scan(Path p, Logger log) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size < HEADER.length) {
                if (size > 0) {
                    log.warn("{}: {} byte(s), less than a segment header: a crash while it was created; deleting it",
                            p, size);
                }
                return -1;
            }
            ByteBuffer head = ByteBuffer.allocate(HEADER.length);
            readFully(ch, head, 0);
            if (!Arrays.equals(head.array(), HEADER)) {
                throw new IOException(p + ": not a logship pm_buffer segment (its first bytes are not the header); "
                        + "move it out of the buffer's Directory");
            }
            long off = HEADER.length;
            ByteBuffer rec = ByteBuffer.allocate(RECORD_OVERHEAD);
            String problem = null;
            while (off < size) {
                if (size - off < RECORD_OVERHEAD) {
                    problem = "a record header cut short";
                    break;
                }
                rec.clear();
                readFully(ch, rec, off);
                int len = rec.getInt(0);
                int crc = rec.getInt(4);
                if (len < 0 || len > size - off - RECORD_OVERHEAD) {
                    problem = len < 0 ? "a negative record length" : "a record cut short (" + len + " bytes announced)";
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(len);
                readFully(ch, payload, off + RECORD_OVERHEAD);
                if (crc(payload.array()) != crc) {
                    problem = "a record whose checksum does not match";
                    break;
                }
                off += RECORD_OVERHEAD + len;
            }
            if (problem != null) {
                log.warn("{}: torn record at offset {}: {}; cutting the {} byte(s) from there (a crash leaves this of a "
                        + "write that was never acknowledged, so its input sends the events again)", p, off, problem,
                        size - off);
                ch.truncate(off);
                ch.force(true);
            }
            return off;
        }
    }

    static int crc(byte[] payload) {
        CRC32 c = new CRC32();
        c.update(payload);
        return (int) c.getValue();
    }

    /** Reads the buffer's remaining bytes at {@code pos}; fails on a short file. */
    static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        long p = pos;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                throw new IOException("unexpected end of file at offset " + p);
            }
            p += n;
        }
    }

    /** Creates segment {@code id} with its header, durably (file and directory fsynced). */
    FileChannel create(long id) throws IOException {
        Path p = path(id);
        FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            ByteBuffer h = ByteBuffer.wrap(HEADER);
            while (h.hasRemaining()) {
                ch.write(h);
            }
            ch.force(true);
            syncDir();
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return ch;
    }

    void syncDir() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be fsynced; the file's own fsync still holds
        }
    }
}
