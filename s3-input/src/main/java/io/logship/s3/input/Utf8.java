package io.logship.s3.input;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 decoding that replaces invalid sequences with U+FFFD and says when it did. */
final class Utf8 {
    /** Made at the first line that needs it (rare), not per object. */
    private CharsetDecoder strict;
    private boolean lastInvalid;

    /** Decodes; {@link #lastWasInvalid()} tells whether something had to be replaced. */
    String decode(byte[] b, int off, int len) {
        String s = new String(b, off, len, StandardCharsets.UTF_8);
        lastInvalid = false;
        if (s.indexOf('\uFFFD') >= 0) {
            if (s.length() == len) {
                // one char per byte: no valid multi-byte sequence, so the U+FFFD replaced something
                lastInvalid = true;
            } else {
                // U+FFFD may be in the input itself: only a strict decode can tell
                try {
                    if (strict == null) {
                        strict = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT);
                    }
                    strict.reset();
                    strict.decode(ByteBuffer.wrap(b, off, len));
                } catch (CharacterCodingException e) {
                    lastInvalid = true;
                }
            }
        }
        return s;
    }

    boolean lastWasInvalid() {
        return lastInvalid;
    }
}
