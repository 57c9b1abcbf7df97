package io.logship.net;

import io.logship.api.InputType;
import java.nio.ByteBuffer;

/**
 * An {@code <Extension>} InputType (xm_multiline) on a connection: the connection is cut into lines as LineBased
 * does and each line goes to the connection's own {@link InputType.Splitter}, whose records are posted. Offsets are
 * the connection's byte count (a network input has no positions; they only satisfy the splitter's contract). When
 * the connection ends the splitter emits what it holds; when it is idle, a splitter that flushes idle records
 * (AutoFlush) emits them.
 */
final class SplitterFramingDecoder implements TcpInputDecoder {
    private final FramingText text;
    private final InputType.Splitter splitter;
    private long offset;
    private Records current;
    private final InputType.Emitter emitter = (record, endOffset) -> {
        current.add(record);
        return true;
    };

    SplitterFramingDecoder(FramingText text, InputType.Splitter splitter) {
        this.text = text;
        this.splitter = splitter;
    }

    @Override
    public void decode(ByteBuffer in, Records out) {
        current = out;
        byte[] b = in.array();
        int from = in.arrayOffset() + in.position();
        int to = in.arrayOffset() + in.limit();
        in.position(in.limit());
        int start = from;
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                long after = offset + (i + 1 - from);
                boolean cr = i > start ? b[i - 1] == '\r' : false;
                text.complete(b, start, i, true, (t, cut) -> line(t, cut ? "" : cr ? "\r\n" : "\n", after));
                start = i + 1;
            }
        }
        if (start < to) {
            long after = offset + (to - from);
            text.append(b, start, to, (t, cut) -> line(t, "", after));
        }
        offset += to - from;
    }

    private void line(String line, String terminator, long endOffset) {
        try {
            splitter.line(line, terminator, endOffset, emitter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void idle(Records out) {
        if (splitter.holding() && splitter.flushesWhenIdle()) {
            current = out;
            try {
                splitter.idle(emitter);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void end(Records out) {
        current = out;
        text.flush(true, (t, cut) -> line(t, "", offset));
        try {
            splitter.end(emitter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void release() {
        text.release();
    }

    @Override
    public boolean partial() {
        return text.holding();
    }

}
