package io.logship.net;

import java.nio.charset.StandardCharsets;

/**
 * Splits a RELP byte stream into {@link RelpFrame}s as the bytes arrive, in any pieces: a frame cut anywhere is
 * completed by the next {@link #feed}. Anything that is not a frame (a non-digit where the transaction number
 * starts, more than nine digits, a command that is not 1 to 32 letters, a DATALEN over the limit, a missing LF
 * trailer) is a {@link RelpProtocolException} naming the peer, the offset in the stream and what was wrong; the
 * reader is then unusable, as the spec says the connection must be closed. Memory is bounded by the limit: the data
 * buffer is allocated once DATALEN has been read and checked. Not thread-safe.
 */
final class RelpFrameReader {
    /** What a complete frame is handed to. */
    @FunctionalInterface
    interface Sink {
        void frame(RelpFrame frame) throws RelpProtocolException;
    }

    private enum State { TXNR, COMMAND, DATALEN, DATA, TRAILER, BROKEN }

    private final String peer;
    private final int maxData;
    private State state = State.TXNR;
    private long offset;
    private int digits;
    private long txnr;
    private final StringBuilder command = new StringBuilder(8);
    private long dataLen;
    private byte[] data;
    private int dataPos;

    /**
     * @param peer    host:port, for messages
     * @param maxData the largest DATALEN accepted (librelp: 128 KiB)
     */
    RelpFrameReader(String peer, int maxData) {
        this.peer = peer;
        this.maxData = maxData;
    }

    /** True when no part of a frame is held (the stream is between frames). */
    boolean idle() {
        return state == State.TXNR && digits == 0;
    }

    /** Consumes {@code len} bytes, handing each frame they complete to {@code sink}, in order. */
    void feed(byte[] buf, int off, int len, Sink sink) throws RelpProtocolException {
        int end = off + len;
        int i = off;
        while (i < end) {
            if (state == State.DATA) {
                int n = Math.min(end - i, data.length - dataPos);
                System.arraycopy(buf, i, data, dataPos, n);
                dataPos += n;
                i += n;
                offset += n;
                if (dataPos == data.length) {
                    state = State.TRAILER;
                }
                continue;
            }
            byte b = buf[i++];
            step(b, sink);
            offset++;
        }
    }

    private void step(byte b, Sink sink) throws RelpProtocolException {
        switch (state) {
            case TXNR -> {
                if (isDigit(b)) {
                    if (++digits > 9) {
                        throw broken("transaction number longer than 9 digits");
                    }
                    txnr = txnr * 10 + (b - '0');
                } else if (b == ' ' && digits > 0) {
                    state = State.COMMAND;
                    digits = 0;
                } else {
                    throw broken(digits == 0 ? "a frame must start with a transaction number, got "
                            + describe(b) : "unexpected " + describe(b) + " in the transaction number");
                }
            }
            case COMMAND -> {
                if (RelpFrame.isAlpha(b)) {
                    if (command.length() == RelpFrame.MAX_COMMAND) {
                        throw broken("command longer than 32 letters");
                    }
                    command.append((char) b);
                } else if (b == ' ' && command.length() > 0) {
                    state = State.DATALEN;
                } else {
                    throw broken("unexpected " + describe(b) + " in the command");
                }
            }
            case DATALEN -> {
                if (isDigit(b)) {
                    if (++digits > 9) {
                        throw broken("DATALEN longer than 9 digits");
                    }
                    dataLen = dataLen * 10 + (b - '0');
                } else if (digits == 0) {
                    throw broken("DATALEN missing, got " + describe(b));
                } else if (dataLen == 0) {
                    if (b != '\n') {
                        throw broken("DATALEN 0 must be followed by the LF trailer, got " + describe(b));
                    }
                    emit(new byte[0], sink);
                } else if (b != ' ') {
                    throw broken("DATALEN must be followed by a space, got " + describe(b));
                } else if (dataLen > maxData) {
                    throw broken("DATALEN " + dataLen + " is over the limit of " + maxData + " octets");
                } else {
                    data = new byte[(int) dataLen];
                    dataPos = 0;
                    state = State.DATA;
                }
            }
            case TRAILER -> {
                if (b != '\n') {
                    throw broken("frame of " + dataLen + " data octets not followed by the LF trailer, got "
                            + describe(b));
                }
                emit(data, sink);
            }
            case BROKEN -> throw new RelpProtocolException(peer + ": RELP stream already broken");
            default -> throw new IllegalStateException(state.toString());
        }
    }

    private void emit(byte[] payload, Sink sink) throws RelpProtocolException {
        RelpFrame f;
        try {
            f = new RelpFrame((int) txnr, command.toString(), payload);
        } catch (IllegalArgumentException e) {
            throw broken(e.getMessage());
        }
        state = State.TXNR;
        digits = 0;
        txnr = 0;
        command.setLength(0);
        dataLen = 0;
        data = null;
        sink.frame(f);
    }

    private RelpProtocolException broken(String what) {
        state = State.BROKEN;
        return new RelpProtocolException(peer + ": not a RELP frame at stream offset " + offset + ": " + what);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static String describe(byte b) {
        int c = b & 0xff;
        if (c >= 0x21 && c < 0x7f) {
            return "'" + new String(new byte[] {b}, StandardCharsets.US_ASCII) + "'";
        }
        return String.format("byte 0x%02x", c);
    }
}
