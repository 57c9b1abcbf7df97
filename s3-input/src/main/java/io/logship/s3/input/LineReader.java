package io.logship.s3.input;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Splits a byte stream into records: lines ended by LF (a CR before the LF is dropped), and a last line
 * without LF. A line longer than {@code maxLineLength} bytes comes out as several pieces of at most that
 * many bytes, cut on a UTF-8 character boundary. Memory is bounded by maxLineLength plus a 64 KiB buffer.
 *
 * <pre>{@code
 * LineReader r = new LineReader(in, 1 << 20);
 * while (r.next()) { use(r.buffer(), r.offset(), r.length()); }
 * }</pre>
 */
final class LineReader {
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final int maxLineLength;
    private byte[] buf;
    private int start;
    private int end;
    private int scan;
    private boolean eof;

    private int recOffset;
    private int recLength;
    private int piece;
    private int nextPiece;
    private boolean endsLine;

    LineReader(InputStream in, int maxLineLength) {
        this(in, maxLineLength, CHUNK);
    }

    /** With a first buffer of {@code initial} bytes (it grows as needed, up to maxLineLength + 64 KiB). */
    LineReader(InputStream in, int maxLineLength, int initial) {
        if (maxLineLength < 4) {
            throw new IllegalArgumentException("maxLineLength must be at least 4");
        }
        this.in = in;
        this.maxLineLength = maxLineLength;
        this.buf = new byte[Math.max(64, Math.min(CHUNK, initial))];
    }

    /** Advances to the next record; false at the end of the stream. */
    boolean next() throws IOException {
        while (true) {
            int limit = Math.min(end, start + maxLineLength + 1);
            byte[] b = buf;
            int i = indexOfNewline(b, scan, limit);
            if (i >= 0) {
                int len = i - start;
                if (len > 0 && b[i - 1] == '\r') {
                    len--;
                }
                emit(start, len, true);
                start = i + 1;
                scan = start;
                return true;
            }
            scan = limit;
            if (end - start > maxLineLength) {
                int cut = utf8Cut(start, maxLineLength);
                emit(start, cut, false);
                start += cut;
                scan = start;
                return true;
            }
            if (eof) {
                if (end > start) {
                    int len = end - start;
                    if (b[end - 1] == '\r') {
                        len--;
                    }
                    emit(start, len, true);
                    start = end;
                    scan = end;
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

    /** The first LF in b[from, to), or -1; eight bytes at a time (a zero-byte test on b XOR LFs). */
    static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            long found = (x - ONES) & ~x & HIGHS; // the lowest set bit marks the first zero byte exactly
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private int utf8Cut(int from, int max) {
        int cut = max;
        // back off over continuation bytes so a multi-byte character is not split
        while (cut > 0 && (buf[from + cut] & 0xC0) == 0x80 && max - cut < 4) {
            cut--;
        }
        return cut == 0 || max - cut >= 4 ? max : cut;
    }

    private void emit(int offset, int length, boolean lineEnd) {
        recOffset = offset;
        recLength = length;
        piece = nextPiece;
        endsLine = lineEnd;
        nextPiece = lineEnd ? 0 : nextPiece + 1;
    }

    private void fill() throws IOException {
        if (start > 0) {
            int n = end - start;
            System.arraycopy(buf, start, buf, 0, n);
            scan -= start;
            end = n;
            start = 0;
        }
        if (end == buf.length) {
            int cap = (int) Math.min((long) maxLineLength + 1 + CHUNK, Math.max(buf.length * 4L, CHUNK));
            byte[] nb = new byte[Math.max(cap, buf.length + 1)];
            System.arraycopy(buf, 0, nb, 0, end);
            buf = nb;
        }
        int r = in.read(buf, end, buf.length - end);
        if (r < 0) {
            eof = true;
        } else {
            end += r;
        }
    }

    byte[] buffer() {
        return buf;
    }

    int offset() {
        return recOffset;
    }

    int length() {
        return recLength;
    }

    /** 0 for a whole line or a long line's first piece, 1.. for the following pieces. */
    int piece() {
        return piece;
    }

    /** True when this record ends its line (a whole line, or a long line's last piece). */
    boolean endsLine() {
        return endsLine;
    }
}
