package io.logship.host.file;

import io.logship.api.Utf8;
import io.logship.api.Event;
import io.logship.api.Fields;
import io.logship.api.InputContext;
import io.logship.api.InputType;
import io.logship.api.Metrics;
import io.logship.api.Position;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/**
 * Turns a file's new bytes into events, one per line: a byte scan for newlines over a fixed buffer, CR LF
 * taken as one line end, lines longer than MaxLineLength split (not inside a UTF-8 character), invalid UTF-8
 * replaced and counted. Each event's position is the offset just after its line, so the read offset always
 * sits at the start of a line and a final line without its newline is read again at the next poll.
 *
 * <p>With an {@link InputType} other than LineBased, each line goes to the file's {@link InputType.Splitter}
 * instead, and the events are the records it emits, each with the position where its last line ends: lines it
 * holds are covered by no position, so a restart reads them again.
 */
final class LineReader {
    static final String FILE_NAME_FIELD = "FileName";
    static final long WARN_EVERY_MS = 60_000;
    static final int TAIL_WINDOW = 64 * 1024;

    /** Thrown inside a read to unwind when post returned false (the host is stopping). */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private Stop() {
            super(null, null, false, false);
        }
    }

    static final Stop STOP = new Stop();

    private final FileInput.Settings s;
    private final Logger log;
    private final FileHandles handles;
    private final byte[] buf;
    private final Metrics.Counter cEvents;
    private final Metrics.Counter cBytes;
    private final Metrics.Counter cSplit;
    private final Metrics.Counter cInvalid;
    private InputContext ctx;
    private long passMs;
    private boolean more;
    private long pendingEvents;
    private long pendingBytes;
    /** Null for LineBased (one event per line, the fast path). */
    private InputType inputType;
    private final RecordPoster poster = new RecordPoster();

    LineReader(FileInput.Settings s, Logger log, FileHandles handles, Metrics m) {
        this.s = s;
        this.log = log;
        this.handles = handles;
        this.buf = new byte[(int) Math.min(Integer.MAX_VALUE - 16L, s.maxLine() + 256L * 1024)];
        this.cEvents = m.counter("events");
        this.cBytes = m.counter("bytes");
        this.cSplit = m.counter("lines_split");
        this.cInvalid = m.counter("invalid_utf8_lines");
    }

    /** Lines go to splitters of this type (null: one event per line). */
    void useInputType(InputType type) {
        this.inputType = type;
    }

    /** Starts a poll: events go to ctx, stamped with the poll's time. */
    void beginPass(InputContext context, long now) {
        this.ctx = context;
        this.passMs = now;
        this.more = false;
    }

    /** True when a file had more than its budget this pass (read again at once). */
    boolean budgetExhausted() {
        return more;
    }

    /** Adds the pass's events and bytes to the counters; true when the pass posted anything. */
    boolean endPass() {
        boolean posted = pendingEvents > 0;
        if (posted) {
            cEvents.add(pendingEvents);
            cBytes.add(pendingBytes);
            pendingEvents = 0;
            pendingBytes = 0;
        }
        return posted;
    }

    /** Reads the complete lines after f's offset, at most about budget bytes. Returns the bytes consumed. */
    long readLines(TrackedFile f, long now, long budget) throws IOException, InterruptedException {
        final byte[] b = buf;
        final int cap = b.length;
        final int max = s.maxLine();
        final FileChannel ch = f.channel;
        long off = f.offset;
        long used = 0;
        while (true) {
            int n = readAt(ch, b, off);
            if (n <= 0) {
                f.scanned = off;
                break;
            }
            int start = 0;
            int nl;
            while ((nl = indexOfNewline(b, start, n)) >= 0) {
                int end = nl;
                if (end > start && b[end - 1] == '\r') {
                    end--;
                }
                while (end - start > max) {
                    int piece = pieceLen(b, start, max);
                    split(f);
                    post(f, b, start, start + piece, off + start + piece, "");
                    start += piece;
                }
                post(f, b, start, end, off + nl + 1, end < nl ? "\r\n" : "\n");
                f.inLongLine = false;
                start = nl + 1;
            }
            // the rest has no newline yet: split it only when it is already longer than the maximum
            int tailEnd = n;
            if (tailEnd > start && b[tailEnd - 1] == '\r') {
                tailEnd--;
            }
            while (tailEnd - start > max) {
                int piece = pieceLen(b, start, max);
                split(f);
                post(f, b, start, start + piece, off + start + piece, "");
                start += piece;
            }
            off += start;
            used += start;
            f.offset = off;
            if (start > 0) {
                f.lastDataMs = now;
            }
            if (n < cap) {
                f.scanned = off + (n - start);
                break;
            }
            if (used >= budget) {
                more = true;
                break;
            }
        }
        return used;
    }

    /** A rotated-away file ends with a line without newline: deliver it as the file's last event. */
    void emitFinalPartial(TrackedFile f, long size) throws IOException, InterruptedException {
        handles.ensureOpen(f);
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, size - f.offset));
        while (bb.hasRemaining()) {
            if (f.channel.read(bb, f.offset + bb.position()) <= 0) {
                break;
            }
        }
        int n = bb.position();
        if (n <= 0) {
            return;
        }
        int end = n;
        if (buf[end - 1] == '\r') {
            end--;
        }
        int from = 0;
        long base = f.offset;
        while (end - from > s.maxLine()) {
            int piece = pieceLen(buf, from, s.maxLine());
            split(f);
            post(f, buf, from, from + piece, base + from + piece, "");
            from += piece;
        }
        post(f, buf, from, end, base + n, "");
        f.inLongLine = false;
    }

    /** The file had no new data for PollInterval: its splitter may emit the record it holds (AutoFlush). */
    void idleRecords(TrackedFile f) throws InterruptedException {
        if (f.splitter != null && f.splitter.holding()) {
            poster.file = f;
            if (!f.splitter.idle(poster)) {
                throw STOP;
            }
        }
    }

    /** The file ends (retired, or truncated and read again): its splitter emits whatever it holds. */
    void endRecords(TrackedFile f) throws InterruptedException {
        if (f.splitter != null && f.splitter.holding()) {
            poster.file = f;
            if (!f.splitter.end(poster)) {
                throw STOP;
            }
        }
    }

    /** For ReadFromLast: the offset just after the last newline near the end (so a partial line is kept). */
    long lastLineStart(TrackedFile f, long size) throws IOException {
        if (size == 0) {
            return 0;
        }
        handles.ensureOpen(f);
        int window = (int) Math.min(TAIL_WINDOW, size);
        long from = size - window;
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, window);
        while (bb.hasRemaining()) {
            if (f.channel.read(bb, from + bb.position()) <= 0) {
                break;
            }
        }
        for (int i = bb.position() - 1; i >= 0; i--) {
            if (buf[i] == '\n') {
                return from + i + 1;
            }
        }
        return from == 0 ? 0 : size;
    }

    private void split(TrackedFile f) {
        if (f.inLongLine) {
            return;
        }
        f.inLongLine = true;
        cSplit.increment();
        f.splitSinceWarn++;
        if (passMs - f.lastSplitWarnMs >= WARN_EVERY_MS) {
            log.warn("{}: {}: line at offset {} is longer than MaxLineLength ({} bytes); split into several "
                    + "events ({} such line(s) since the last warning)", s.instance(), f.pathText, f.offset,
                    s.maxLine(), f.splitSinceWarn);
            f.lastSplitWarnMs = passMs;
            f.splitSinceWarn = 0;
        }
    }

    private void post(TrackedFile f, byte[] b, int from, int to, long offsetAfter, String terminator)
            throws InterruptedException {
        int len = to - from;
        String line = new String(b, from, len, StandardCharsets.UTF_8);
        if (hasHighBit(b, from, to) && !Utf8.isValid(b, from, to)) {
            invalidUtf8(f);
        }
        if (inputType != null) {
            if (f.splitter == null) {
                f.splitter = inputType.open(f.pathText);
            }
            poster.file = f;
            if (!f.splitter.line(line, terminator, offsetAfter, poster)) {
                throw STOP;
            }
            f.offset = offsetAfter;
            pendingBytes += len;
            return;
        }
        Event e = new Event();
        e.set(Fields.RAW_EVENT, line);
        e.set(FILE_NAME_FIELD, f.pathText);
        e.position(new Position(f.id, f.positionValue(offsetAfter, passMs)));
        if (!ctx.post(e)) {
            throw STOP;
        }
        f.offset = offsetAfter;
        pendingEvents++;
        pendingBytes += len;
    }

    /** Posts a splitter's records for the file being read, positioned where each record ends. */
    private final class RecordPoster implements InputType.Emitter {
        TrackedFile file;

        @Override
        public boolean emit(Event record, long endOffset) throws InterruptedException {
            record.set(FILE_NAME_FIELD, file.pathText);
            record.position(new Position(file.id, file.positionValue(endOffset, passMs)));
            if (!ctx.post(record)) {
                return false;
            }
            pendingEvents++;
            return true;
        }
    }

    private void invalidUtf8(TrackedFile f) {
        cInvalid.increment();
        f.invalidSinceWarn++;
        if (passMs - f.lastInvalidWarnMs >= WARN_EVERY_MS) {
            log.warn("{}: {}: line before offset {} is not valid UTF-8; invalid bytes replaced by U+FFFD "
                    + "({} such line(s) since the last warning)", s.instance(), f.pathText, f.offset,
                    f.invalidSinceWarn);
            f.lastInvalidWarnMs = passMs;
            f.invalidSinceWarn = 0;
        }
    }

    static boolean hasHighBit(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return true;
            }
        }
        return false;
    }

    static int indexOfNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Length of the next piece of a too-long line: max bytes, less up to 3 so a UTF-8 character is not cut. */
    static int pieceLen(byte[] b, int from, int max) {
        int k = from + max;
        int floor = Math.max(from + 1, from + max - 3);
        while (k > floor && (b[k] & 0xC0) == 0x80) {
            k--;
        }
        return (b[k] & 0xC0) == 0x80 ? max : k - from;
    }

    /** Reads as much as fits at the offset; 0 at end of file. */
    private static int readAt(FileChannel ch, byte[] b, long off) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b);
        while (bb.hasRemaining()) {
            int r = ch.read(bb, off + bb.position());
            if (r <= 0) {
                break;
            }
        }
        return bb.position();
    }
}
