package io.logship.net;

import io.logship.api.Utf8;
import io.logship.api.Metrics;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The text side of a framing decoder, shared by every stream framing: bytes of the record being assembled that
 * did not fit one read (the carry, at most {@code maxRecord} bytes), records longer than the limit cut into
 * pieces of at most that size (not inside a UTF-8 character), and UTF-8 decoding with invalid bytes replaced by
 * U+FFFD, each cut and each invalid record counted and warned about once per burst, naming the peer.
 */
final class FramingText {
    /** Receives a record's text. */
    @FunctionalInterface
    interface Sink {
        void text(String text, boolean cut);
    }

    private final int max;
    private final String peer;
    private final TcpInputStats stats;
    private byte[] carry = new byte[0];
    private int carryLen;
    /** True while the pieces of one over-long record are being emitted (it is counted once). */
    private boolean inLongRecord;

    private final FramingBudget budget;

    FramingText(int maxRecord, String peer, TcpInputStats stats) {
        this(maxRecord, peer, stats, FramingBudget.unlimited());
    }

    FramingText(int maxRecord, String peer, TcpInputStats stats, FramingBudget budget) {
        this.max = maxRecord;
        this.peer = peer;
        this.stats = stats;
        this.budget = budget;
    }

    int max() {
        return max;
    }

    boolean holding() {
        return carryLen > 0;
    }

    /**
     * Emits a complete record made of what is carried and {@code b[from, to)}; a CR before the end is removed
     * when {@code stripCr}.
     */
    void complete(byte[] b, int from, int to, boolean stripCr, Sink out) {
        if (carryLen == 0) {
            int end = stripCr && to > from && b[to - 1] == '\r' ? to - 1 : to;
            while (end - from > max) {
                int piece = pieceLen(b, from, end, max);
                cut(out, b, from, from + piece);
                from += piece;
            }
            emit(out, b, from, end, false);
        } else {
            append(b, from, to, out);
            int end = stripCr && carryLen > 0 && carry[carryLen - 1] == '\r' ? carryLen - 1 : carryLen;
            carryLen = 0;
            if (end > 0 || !inLongRecord) { // a record cut into pieces ends with its last piece, not an empty one
                emit(out, carry, 0, end, false);
            }
        }
        inLongRecord = false;
    }

    /** Keeps {@code b[from, to)} as part of a record not complete yet, emitting pieces when it exceeds the limit. */
    void append(byte[] b, int from, int to, Sink out) {
        while (from < to) {
            if (carryLen == max) {
                int piece = wholeChars(carry, 0, carryLen);
                cut(out, carry, 0, piece);
                System.arraycopy(carry, piece, carry, 0, carryLen - piece);
                carryLen -= piece;
            }
            int n = Math.min(to - from, max - carryLen);
            if (carryLen + n > carry.length) {
                int size = Math.min(max, Math.max(carryLen + n, Math.max(256, carry.length * 2)));
                if (!budget.reserve(size - carry.length)) {
                    size = carryLen + n; // no room to double: just what this needs
                    if (!budget.reserve(size - carry.length)) {
                        from = overBudget(b, from, from + n, out);
                        continue;
                    }
                }
                carry = Arrays.copyOf(carry, size);
            }
            System.arraycopy(b, from, carry, carryLen, n);
            carryLen += n;
            from += n;
        }
    }

    /** Emits what is carried as a last record (the connection ended without a terminator). */
    void flush(boolean stripCr, Sink out) {
        if (carryLen > 0) {
            int end = stripCr && carry[carryLen - 1] == '\r' ? carryLen - 1 : carryLen;
            carryLen = 0;
            emit(out, carry, 0, end, false);
        }
        inLongRecord = false;
        if (carry.length > 4096) {
            release(); // an idle connection keeps no large buffer
        }
    }

    /**
     * The input's budget for incomplete records is spent: this record is cut where it is instead of held. What is
     * carried and {@code b[from, to)} are emitted as pieces ending on character boundaries; a cut character's
     * first bytes stay in the carry when they fit.
     *
     * @return where the caller goes on in {@code b}
     */
    private int overBudget(byte[] b, int from, int to, Sink out) {
        stats.overBudget(peer, budget.limit());
        if (carryLen > 0) {
            int piece = wholeChars(carry, 0, carryLen);
            cut(out, carry, 0, piece);
            System.arraycopy(carry, piece, carry, 0, carryLen - piece);
            carryLen -= piece;
        }
        int whole = wholeChars(b, from, to);
        if (carryLen == 0 && whole > 0) {
            cut(out, b, from, from + whole);
            from += whole;
        }
        int rest = to - from;
        if (rest > 0 && carryLen + rest <= carry.length) {
            System.arraycopy(b, from, carry, carryLen, rest);
            carryLen += rest;
        } else if (rest > 0) {
            cut(out, b, from, to);
        }
        return to;
    }

    /** Gives the carry's memory back to the budget (the connection ended, or its record did). */
    void release() {
        budget.release(carry.length);
        carry = new byte[0];
        carryLen = 0;
    }

    private void cut(Sink out, byte[] b, int from, int to) {
        if (!inLongRecord) {
            inLongRecord = true;
            stats.split(peer, max);
        }
        emit(out, b, from, to, true);
    }

    private void emit(Sink out, byte[] b, int from, int to, boolean cut) {
        if (hasHighBit(b, from, to) && !Utf8.isValid(b, from, to)) {
            stats.invalidUtf8(peer);
        }
        out.text(new String(b, from, to - from, StandardCharsets.UTF_8), cut);
    }

    static boolean hasHighBit(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return true;
            }
        }
        return false;
    }

    /** How much of {@code b[from, to)} ends on a UTF-8 character boundary (a cut sequence at the end left out). */
    static int wholeChars(byte[] b, int from, int to) {
        for (int i = to - 1; i >= Math.max(from, to - 4); i--) {
            int c = b[i] & 0xFF;
            if ((c & 0xC0) != 0x80) {
                int len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
                return i + len > to && i > from ? i - from : to - from;
            }
        }
        return to - from;
    }

    /** The next piece of a too-long record: max bytes, less up to 3 so a UTF-8 character is not cut. */
    static int pieceLen(byte[] b, int from, int to, int max) {
        int k = from + max;
        if (k >= to) {
            return to - from;
        }
        int floor = Math.max(from + 1, from + max - 3);
        while (k > floor && (b[k] & 0xC0) == 0x80) {
            k--;
        }
        return (b[k] & 0xC0) == 0x80 ? max : k - from;
    }
}
