package io.logship.s3.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The open spool segment ({@code seg-SEQ.open}): records appended through a buffer in {@link SegmentFormat};
 * {@link #sync} makes them durable, {@link #seal} renames the segment to {@code .rec} for upload.
 */
final class SegmentWriter {
    private final Spool spool;
    private final Path path;
    private final long firstSeq;
    private final FileChannel channel;
    private final BufferedOutputStream out;
    private final byte[] header = new byte[SegmentFormat.RECORD_HEADER];
    private long bytes;
    private long synced;
    private int records;

    SegmentWriter(Spool spool, Path path, long firstSeq) throws IOException {
        this.spool = spool;
        this.path = path;
        this.firstSeq = firstSeq;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 256 * 1024);
    }

    void append(long seq, long millis, byte[] payload, int len) throws IOException {
        SegmentFormat.header(header, len, seq, millis);
        out.write(header);
        out.write(payload, 0, len);
        long n = SegmentFormat.RECORD_HEADER + len;
        bytes += n;
        spool.added(n);
        records++;
    }

    /** Writes the buffer out and forces it to disk. */
    void sync() throws IOException {
        out.flush();
        if (synced != bytes) {
            channel.force(false);
            synced = bytes;
        }
    }

    /**
     * Closes and renames to {@code .rec}; returns the sealed entry. Not synced: {@link Spool#force} at the
     * next flush syncs it if it is still in the spool then.
     */
    Spool.Entry seal() throws IOException {
        out.close();
        Path sealed = spool.sealedSegmentPath(firstSeq);
        Files.move(path, sealed, StandardCopyOption.ATOMIC_MOVE);
        return new Spool.Entry(firstSeq, sealed, false, 0, bytes);
    }

    /** Closes without sealing (stop): the file stays {@code .open} and is recovered at the next start. */
    void closeQuietly() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long bytes() {
        return bytes;
    }

    Path path() {
        return path;
    }

    int records() {
        return records;
    }
}
