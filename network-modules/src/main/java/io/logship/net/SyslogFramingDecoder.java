package io.logship.net;

import io.logship.api.Event;
import java.nio.ByteBuffer;

/**
 * Syslog_TLS: RFC 6587 / RFC 5425 framing, detected per message. A message that starts with a digit is octet
 * counted ({@code LEN SP MSG}, LEN a decimal without sign or leading zero); any other start is a message ending at
 * the next LF (non-transparent framing, a CR before the LF removed). Line ends between messages are skipped. A
 * length that is not such a number (a sign, more than 9 digits, zero, a leading zero, anything but a space after
 * the digits) means the peer does not speak the framing: {@link FramingException}, and the connection is closed.
 * A message longer than the record limit is split into pieces, as a long line is.
 */
final class SyslogFramingDecoder implements TcpInputDecoder {
    private static final int MAX_DIGITS = 9;

    private enum State { START, COUNT, OCTETS, LINE }

    private final FramingText text;
    private State state = State.START;
    private int count;
    private int digits;
    /** Octets of the current octet-counted message not read yet. */
    private int remaining;

    SyslogFramingDecoder(FramingText text) {
        this.text = text;
    }

    @Override
    public void decode(ByteBuffer in, Records out) throws FramingException {
        byte[] b = in.array();
        int i = in.arrayOffset() + in.position();
        int to = in.arrayOffset() + in.limit();
        in.position(in.limit());
        FramingText.Sink sink = (t, cut) -> out.add(Event.ofRaw(t));
        while (i < to) {
            switch (state) {
                case START -> {
                    byte c = b[i];
                    if (c == '\n' || c == '\r') {
                        i++;
                    } else if (c >= '0' && c <= '9') {
                        if (c == '0') {
                            throw new FramingException("octet count starts with 0 (RFC 6587 octet counting has no "
                                    + "leading zeros or empty messages)");
                        }
                        state = State.COUNT;
                        count = 0;
                        digits = 0;
                    } else if (c == '-' || c == '+') {
                        throw new FramingException("octet count starts with '" + (char) c
                                + "' (RFC 6587 octet counting takes a plain decimal)");
                    } else {
                        state = State.LINE;
                    }
                }
                case COUNT -> {
                    byte c = b[i++];
                    if (c >= '0' && c <= '9') {
                        if (++digits > MAX_DIGITS) {
                            throw new FramingException("octet count longer than " + MAX_DIGITS + " digits ('"
                                    + count + (char) c + "...')");
                        }
                        count = count * 10 + (c - '0');
                    } else if (c == ' ') {
                        remaining = count;
                        state = State.OCTETS;
                    } else {
                        throw new FramingException("octet count " + count + " followed by " + shown(c)
                                + " instead of a space");
                    }
                }
                case OCTETS -> {
                    int n = Math.min(remaining, to - i);
                    remaining -= n;
                    if (remaining == 0) {
                        text.complete(b, i, i + n, false, sink);
                        state = State.START;
                    } else {
                        text.append(b, i, i + n, sink);
                    }
                    i += n;
                }
                case LINE -> {
                    int nl = i;
                    while (nl < to && b[nl] != '\n') {
                        nl++;
                    }
                    if (nl < to) {
                        text.complete(b, i, nl, true, sink);
                        state = State.START;
                        i = nl + 1;
                    } else {
                        text.append(b, i, to, sink);
                        i = to;
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    private static String shown(byte c) {
        return c >= 0x20 && c < 0x7F ? "'" + (char) c + "'" : String.format("byte 0x%02X", c & 0xFF);
    }

    @Override
    public void end(Records out) {
        // a message cut off by the end of the connection is posted as far as it came
        text.flush(state == State.LINE, (t, cut) -> out.add(Event.ofRaw(t)));
        state = State.START;
    }

    @Override
    public void release() {
        text.release();
    }

    @Override
    public boolean partial() {
        return state != State.START;
    }
}
