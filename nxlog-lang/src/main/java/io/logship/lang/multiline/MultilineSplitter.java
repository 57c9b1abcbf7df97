package io.logship.lang.multiline;

import io.logship.api.Event;
import io.logship.api.InputType;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecError;
import io.logship.lang.ExecProgram;

/**
 * One source's state in xm_multiline, NXLog's algorithm line by line: the block's {@code Exec} runs first on
 * the line (with its terminator, in {@code $raw_event}; a dropped line counts for nothing); then
 * <ul>
 *   <li>nothing held: a line that is not a header starts a record only with FixedLineCount, otherwise it is a
 *       record of its own; a header line starts a record;</li>
 *   <li>something held: an EndLine line completes the record; a header line emits the held record and starts
 *       the next; any other line is appended;</li>
 *   <li>a record that reached FixedLineCount lines is emitted.</li>
 * </ul>
 * Lines keep their terminators inside a record; the record's last terminator is removed. Each record is emitted
 * with the offset where its last line ends, so the lines held are covered by no position.
 */
final class MultilineSplitter implements InputType.Splitter {
    private static final int KEEP_CAPACITY = 64 * 1024;
    private final MultilineSettings s;
    private final String source;
    private final Multiline owner;
    private final ExecProgram exec;
    private final ExecContext execCtx;
    private final StringBuilder held = new StringBuilder(256);
    private int heldLines;
    private long heldEnd;
    private boolean holding;

    MultilineSplitter(MultilineSettings settings, String source, Multiline owner, ExecProgram exec,
                      ExecContext execCtx) {
        this.s = settings;
        this.source = source;
        this.owner = owner;
        this.exec = exec;
        this.execCtx = execCtx;
    }

    @Override
    public boolean line(String line, String terminator, long endOffset, InputType.Emitter out)
            throws InterruptedException {
        String text = null; // the line as appended: null = line + terminator, without building that string
        String match = line;
        if (exec != null) {
            Event e = Event.ofRaw(terminator.isEmpty() ? line : line.concat(terminator));
            exec.run(execCtx.reset(e));
            if (execCtx.dropped()) {
                return true;
            }
            text = e.raw() == null ? "" : e.raw();
            match = stripLineEnd(text);
        }
        boolean header = s.header() != null && matches(s.header(), match);
        boolean end = s.end() != null && matches(s.end(), match);
        if (header && end) {
            owner.bothMatch(source);
        }
        if (!holding) {
            if (s.fixedLineCount() <= 0 && !header) {
                return out.emit(Event.ofRaw(text == null ? line : match), endOffset);
            }
            append(line, terminator, text, endOffset);
        } else if (end) {
            append(line, terminator, text, endOffset);
            if (!emitHeld(out)) {
                return false;
            }
        } else if (header) {
            if (!emitHeld(out)) {
                return false;
            }
            append(line, terminator, text, endOffset);
        } else {
            append(line, terminator, text, endOffset);
        }
        if (holding && ((s.fixedLineCount() > 0 && heldLines >= s.fixedLineCount()) || held.length() > s.maxRecord())) {
            if (held.length() > s.maxRecord()) {
                owner.tooLong(source, held.length());
            }
            return emitHeld(out);
        }
        return true;
    }

    @Override
    public boolean idle(InputType.Emitter out) throws InterruptedException {
        return !s.autoFlush() || end(out);
    }

    @Override
    public boolean end(InputType.Emitter out) throws InterruptedException {
        return !holding || emitHeld(out);
    }

    @Override
    public boolean holding() {
        return holding;
    }

    @Override
    public boolean flushesWhenIdle() {
        return s.autoFlush();
    }

    private boolean matches(LineMatcher m, String line) {
        try {
            return m.matches(line);
        } catch (ExecError e) {
            owner.matchFailed(source, m, e);
            return false;
        }
    }

    private void append(String line, String terminator, String text, long endOffset) {
        if (text == null) {
            held.append(line).append(terminator);
        } else {
            held.append(text);
        }
        heldLines++;
        heldEnd = endOffset;
        holding = true;
    }

    private boolean emitHeld(InputType.Emitter out) throws InterruptedException {
        int len = held.length();
        while (len > 0 && (held.charAt(len - 1) == '\n' || held.charAt(len - 1) == '\r')) {
            len--;
        }
        Event record = Event.ofRaw(held.substring(0, len));
        long end = heldEnd;
        held.setLength(0);
        if (held.capacity() > KEEP_CAPACITY) {
            held.trimToSize(); // one huge record does not keep its buffer for the life of the source
        }
        heldLines = 0;
        holding = false;
        return out.emit(record, end);
    }

    static String stripLineEnd(String text) {
        int len = text.length();
        while (len > 0 && (text.charAt(len - 1) == '\n' || text.charAt(len - 1) == '\r')) {
            len--;
        }
        return len == text.length() ? text : text.substring(0, len);
    }
}
