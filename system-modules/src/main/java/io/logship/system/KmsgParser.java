package io.logship.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses kernel log records: {@code /dev/kmsg}'s {@code PRI,SEQ,USEC,FLAGS[,...];MESSAGE} with its
 * {@code " KEY=VALUE"} continuation lines (Documentation/ABI/testing/dev-kmsg), and {@code /proc/kmsg}'s (and
 * syslog(2)'s) {@code <PRI>MESSAGE}. Stateless.
 */
final class KmsgParser {
    private KmsgParser() {
    }

    /**
     * @param header       the record's first line, without its LF
     * @param continuation the lines after it that begin with a blank, without their LF
     * @throws IllegalArgumentException saying what is wrong with a line that is neither form
     */
    static KmsgRecord parse(String header, List<String> continuation) {
        if (header.startsWith("<")) {
            int end = header.indexOf('>');
            if (end < 2) {
                throw new IllegalArgumentException("no '>' after the priority");
            }
            int pri = priority(header.substring(1, end));
            return new KmsgRecord(pri, -1, -1, unescape(header.substring(end + 1)), Map.of());
        }
        int semi = header.indexOf(';');
        if (semi < 0) {
            throw new IllegalArgumentException("neither <PRI>message nor PRI,SEQ,USEC,FLAGS;message");
        }
        String[] prefix = header.substring(0, semi).split(",", -1);
        if (prefix.length < 3) {
            throw new IllegalArgumentException("the prefix before ';' has " + prefix.length
                    + " comma-separated fields, not at least PRI,SEQ,USEC");
        }
        int pri = priority(prefix[0]);
        long seq = number(prefix[1], "sequence number");
        long usec = number(prefix[2], "timestamp");
        Map<String, String> dict = new LinkedHashMap<>();
        for (String c : continuation) {
            String kv = c.strip();
            int eq = kv.indexOf('=');
            if (eq > 0) {
                dict.put(kv.substring(0, eq), unescape(kv.substring(eq + 1)));
            }
        }
        return new KmsgRecord(pri, seq, usec, unescape(header.substring(semi + 1)), dict);
    }

    private static int priority(String s) {
        long p = number(s, "priority");
        if (p > 1023) {
            throw new IllegalArgumentException("priority " + p + " out of range");
        }
        return (int) p;
    }

    private static long number(String s, String what) {
        try {
            long n = Long.parseLong(s.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + s + "' is not a number");
        }
    }

    /** Decodes the kernel's {@code \xNN} escapes (of bytes below 32, 127 and backslash itself). */
    static String unescape(String s) {
        int i = s.indexOf("\\x");
        if (i < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int from = 0;
        while (i >= 0 && i + 4 <= s.length()) {
            int hi = Character.digit(s.charAt(i + 2), 16);
            int lo = Character.digit(s.charAt(i + 3), 16);
            if (hi < 0 || lo < 0) {
                i = s.indexOf("\\x", i + 1);
                continue;
            }
            sb.append(s, from, i).append((char) (hi * 16 + lo));
            from = i + 4;
            i = s.indexOf("\\x", from);
        }
        return sb.append(s, from, s.length()).toString();
    }
}
