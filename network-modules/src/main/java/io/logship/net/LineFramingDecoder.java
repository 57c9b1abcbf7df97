package io.logship.net;

import io.logship.api.Event;
import java.nio.ByteBuffer;

/**
 * LineBased: one record per LF-terminated line, a CR before the LF removed, every line posted (empty ones too, as
 * im_file does); a last line without LF is posted when the connection ends.
 */
final class LineFramingDecoder implements TcpInputDecoder {
    private final FramingText text;

    LineFramingDecoder(FramingText text) {
        this.text = text;
    }

    @Override
    public void decode(ByteBuffer in, Records out) {
        byte[] b = in.array();
        int from = in.arrayOffset() + in.position();
        int to = in.arrayOffset() + in.limit();
        FramingText.Sink sink = (t, cut) -> out.add(Event.ofRaw(t));
        int start = from;
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                text.complete(b, start, i, true, sink);
                start = i + 1;
            }
        }
        if (start < to) {
            text.append(b, start, to, sink);
        }
        in.position(in.limit());
    }

    @Override
    public void end(Records out) {
        text.flush(true, (t, cut) -> out.add(Event.ofRaw(t)));
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
