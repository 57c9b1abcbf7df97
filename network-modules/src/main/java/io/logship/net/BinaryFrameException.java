package io.logship.net;

import java.io.IOException;

/** A Binary stream that cannot be read any further (framing or acknowledgements); the message names the peer. */
final class BinaryFrameException extends IOException {
    private static final long serialVersionUID = 1L;

    BinaryFrameException(String message) {
        super(message);
    }
}
