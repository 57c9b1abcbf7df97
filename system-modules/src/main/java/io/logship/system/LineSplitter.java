package io.logship.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a child's output as lines, NXLog's LineBased way: split at LF, a CR before it removed, decoded as UTF-8
 * (invalid bytes become U+FFFD). A line longer than {@code maxLine} bytes is cut into pieces of that size (each
 * piece a line, counted by the caller through {@link #splitLines}). A last line without LF is a line too.
 */
final class LineSplitter {
    /** Where lines go; may block (a bounded queue), which stops reading and so slows the child down. */
    @FunctionalInterface
    interface Sink {
        void line(String line) throws InterruptedException;
    }

    private final int maxLine;
    private byte[] buf = new byte[256];
    private int len;
    private long splitLines;

    LineSplitter(int maxLine) {
        this.maxLine = maxLine;
    }

    /** Reads {@code in} to its end, handing each line to {@code sink}. */
    void pump(InputStream in, Sink sink) throws IOException, InterruptedException {
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = chunk[i];
                if (b == '\n') {
                    emit(sink);
                } else {
                    if (len == maxLine) {
                        splitLines++;
                        emit(sink);
                    }
                    if (len == buf.length) {
                        buf = Arrays.copyOf(buf, Math.min(maxLine, buf.length * 2));
                    }
                    buf[len++] = b;
                }
            }
        }
        if (len > 0) {
            emit(sink);
        }
    }

    /** How many lines were cut because they were longer than the limit. */
    long splitLines() {
        return splitLines;
    }

    private void emit(Sink sink) throws InterruptedException {
        int end = len > 0 && buf[len - 1] == '\r' ? len - 1 : len;
        String line = new String(buf, 0, end, StandardCharsets.UTF_8);
        len = 0;
        sink.line(line);
    }
}
