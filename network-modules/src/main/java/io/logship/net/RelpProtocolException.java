package io.logship.net;

import java.io.IOException;

/** The peer broke the RELP protocol (framing, a response out of order, a refused open); the message names the peer. */
final class RelpProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    RelpProtocolException(String message) {
        super(message);
    }
}
