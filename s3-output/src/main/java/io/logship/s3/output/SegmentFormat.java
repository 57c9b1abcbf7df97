package io.logship.s3.output;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The record format of spool segments: {@code [int length][long seq][long epochMillis][payload]}, big-endian.
 * Reading a segment back, and cutting one short after its last whole record (a crash mid-append).
 */
final class SegmentFormat {
    static final int RECORD_HEADER = 4 + 8 + 8;

    /** A record as read back from a segment. */
    record Record(long seq, long millis, byte[] payload) {
    }

    @FunctionalInterface
    interface RecordConsumer {
        void accept(Record r) throws IOException;
    }

    private SegmentFormat() {
    }

    /** Reads a sealed segment's records one by one. */
    static void readRecords(Path p, RecordConsumer consumer) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(p), 65536))) {
            while (true) {
                int len;
                try {
                    len = in.readInt();
                } catch (EOFException e) {
                    return;
                }
                long seq = in.readLong();
                long millis = in.readLong();
                byte[] payload = new byte[len];
                in.readFully(payload);
                consumer.accept(new Record(seq, millis, payload));
            }
        }
    }

    /** Truncates a segment after its last whole record; returns {lastSeq, records}. */
    static long[] truncateToWholeRecords(Path p) throws IOException {
        long good = 0;
        long lastSeq = 0;
        long records = 0;
        try (FileChannel c = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = c.size();
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(c), 65536));
            long pos = 0;
            while (pos + RECORD_HEADER <= size) {
                int len = in.readInt();
                long seq = in.readLong();
                in.readLong();
                if (len < 0 || pos + RECORD_HEADER + len > size) {
                    break;
                }
                in.skipNBytes(len);
                pos += RECORD_HEADER + len;
                good = pos;
                lastSeq = seq;
                records++;
            }
            if (good < size) {
                c.truncate(good);
                c.force(true);
            }
        }
        return new long[] {lastSeq, records};
    }

    /** Writes a record header into {@code header} (at least {@link #RECORD_HEADER} bytes). */
    static void header(byte[] header, int len, long seq, long millis) {
        putInt(header, 0, len);
        putLong(header, 4, seq);
        putLong(header, 12, millis);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static void putLong(byte[] b, int off, long v) {
        putInt(b, off, (int) (v >>> 32));
        putInt(b, off + 4, (int) v);
    }
}
