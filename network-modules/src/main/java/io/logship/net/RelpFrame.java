package io.logship.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One RELP frame (librelp's doc/relp.md, "RELP FRAME"): {@code TXNR SP COMMAND SP DATALEN [SP DATA] LF}. TXNR is
 * 1 to 999,999,999 (0 for hints such as {@code serverclose}), COMMAND 1 to 32 ASCII letters, DATALEN the number of
 * octets of DATA (no space and no data when it is 0).
 *
 * @param txnr    the transaction number
 * @param command the command ({@code open}, {@code syslog}, {@code close}, {@code rsp}, {@code serverclose})
 * @param data    the command's data, not copied (callers do not change it)
 */
record RelpFrame(int txnr, String command, byte[] data) {
    /** The highest transaction number; the one after it is 1 again. */
    static final int MAX_TXNR = 999_999_999;
    /** The longest command the spec allows. */
    static final int MAX_COMMAND = 32;

    RelpFrame {
        if (txnr < 0 || txnr > MAX_TXNR) {
            throw new IllegalArgumentException("RELP txnr out of range: " + txnr);
        }
        if (command.isEmpty() || command.length() > MAX_COMMAND || !command.chars().allMatch(RelpFrame::isAlpha)) {
            throw new IllegalArgumentException("RELP command must be 1 to 32 letters: " + command);
        }
    }

    static RelpFrame of(int txnr, String command, String data) {
        return new RelpFrame(txnr, command, data.getBytes(StandardCharsets.UTF_8));
    }

    static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** The transaction number after {@code txnr} (latched at 999,999,999, then 1, as the spec says). */
    static int nextTxnr(int txnr) {
        return txnr >= MAX_TXNR ? 1 : txnr + 1;
    }

    /** The data as text (UTF-8), for responses and offers. */
    String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** The frame's octets as sent. */
    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 24);
        writeTo(out);
        return out.toByteArray();
    }

    /** Appends the frame's octets to {@code out}. */
    void writeTo(ByteArrayOutputStream out) {
        byte[] header = (txnr + " " + command + " " + data.length).getBytes(StandardCharsets.US_ASCII);
        out.write(header, 0, header.length);
        if (data.length > 0) {
            out.write(' ');
            out.write(data, 0, data.length);
        }
        out.write('\n');
    }

    @Override
    public String toString() {
        return "RelpFrame[" + txnr + " " + command + " " + data.length + " octets]";
    }
}
