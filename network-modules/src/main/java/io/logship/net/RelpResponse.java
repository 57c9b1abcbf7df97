package io.logship.net;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of a RELP {@code rsp} frame: {@code STATUS SP HUMAN-TEXT [LF DATA]}, STATUS three digits (200 is OK,
 * anything else an error). The data of the response to {@code open} holds the server's offers, one per line as
 * {@code name=value,value}.
 *
 * @param code    the status, e.g. 200 or 500
 * @param message the human-readable text (without the LF)
 * @param data    what follows the first LF, empty when nothing does
 */
record RelpResponse(int code, String message, String data) {
    /**
     * Parses a response's data.
     *
     * @throws RelpProtocolException when it does not start with three digits
     */
    static RelpResponse parse(String peer, RelpFrame frame) throws RelpProtocolException {
        String text = frame.text();
        if (text.length() < 3 || !Character.isDigit(text.charAt(0)) || !Character.isDigit(text.charAt(1))
                || !Character.isDigit(text.charAt(2)) || (text.length() > 3 && text.charAt(3) != ' '
                && text.charAt(3) != '\n')) {
            throw new RelpProtocolException(peer + ": RELP response " + frame.txnr()
                    + " does not start with a three-digit status: " + printable(text));
        }
        int code = Integer.parseInt(text.substring(0, 3));
        int lf = text.indexOf('\n');
        String message = (lf < 0 ? text.substring(3) : text.substring(3, lf)).strip();
        String data = lf < 0 ? "" : text.substring(lf + 1);
        return new RelpResponse(code, message, data);
    }

    boolean ok() {
        return code == 200;
    }

    /** The offers in the data: name to values, in order (an offer without "=" has no values). */
    Map<String, List<String>> offers() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : data.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            String name = (eq < 0 ? line : line.substring(0, eq)).strip();
            List<String> values = eq < 0 || eq == line.length() - 1 ? List.of()
                    : List.of(line.substring(eq + 1).strip().split(","));
            out.put(name, values);
        }
        return out;
    }

    /** What the response says, for log lines: "500 error message". */
    String describe() {
        return code + (message.isEmpty() ? "" : " " + printable(message));
    }

    /** At most 200 characters, control characters escaped: peer text is never printed raw. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 200; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return s.length() > 200 ? sb + "..." : sb.toString();
    }
}
