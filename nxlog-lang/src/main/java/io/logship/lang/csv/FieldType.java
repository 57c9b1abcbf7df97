package io.logship.lang.csv;

import io.logship.lang.ExecError;
import io.logship.lang.Types;
import io.logship.lang.json.JsonDates;
import io.logship.lang.json.JsonValues;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/**
 * A {@code FieldTypes} entry: how a column's text becomes a value, as NXLog converts text to a type: integer
 * (decimal, {@code 0x} hex, a K/M/G suffix multiplies by 1024s), boolean (TRUE/FALSE, any case), datetime
 * (see {@link JsonDates}), ip4addr/ip6addr (literal addresses only, never a name lookup), binary (hex), string.
 */
enum FieldType {
    STRING, INTEGER, BOOLEAN, DATETIME, IP4ADDR, IP6ADDR, BINARY;

    static FieldType of(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown field type '" + name.strip()
                    + "' (types: string, integer, boolean, datetime, ip4addr, ip6addr, binary)");
        }
    }

    /** The value of {@code s} as this type; an ExecError naming {@code what} when it is not one. */
    Object convert(String s, ZoneId zone, String what) {
        switch (this) {
            case STRING:
                return s;
            case INTEGER:
                return integer(s, what);
            case BOOLEAN:
                if (s.equalsIgnoreCase("true")) {
                    return Boolean.TRUE;
                }
                if (s.equalsIgnoreCase("false")) {
                    return Boolean.FALSE;
                }
                throw bad(s, what);
            case DATETIME: {
                Instant t = JsonDates.parse(s, zone);
                if (t == null) {
                    throw bad(s, what);
                }
                return t;
            }
            case IP4ADDR:
            case IP6ADDR:
                return address(s, what);
            case BINARY:
                try {
                    return JsonValues.unhex(s);
                } catch (IllegalArgumentException e) {
                    throw bad(s, what);
                }
            default:
                throw new IllegalStateException(name());
        }
    }

    private Object integer(String s, String what) {
        String t = s.strip();
        long mul = 1;
        if (!t.isEmpty()) {
            char last = Character.toUpperCase(t.charAt(t.length() - 1));
            if (last == 'K' || last == 'M' || last == 'G') {
                mul = last == 'K' ? 1L << 10 : last == 'M' ? 1L << 20 : 1L << 30;
                t = t.substring(0, t.length() - 1);
            }
        }
        boolean neg = t.startsWith("-");
        String digits = neg ? t.substring(1) : t;
        try {
            long v = digits.regionMatches(true, 0, "0x", 0, 2) ? Long.parseLong(digits.substring(2), 16)
                    : Long.parseLong(digits);
            return Math.multiplyExact(neg ? -v : v, mul);
        } catch (NumberFormatException | ArithmeticException e) {
            throw bad(s, what);
        }
    }

    private Object address(String s, String what) {
        boolean v4 = this == IP4ADDR;
        if (s.isEmpty()) {
            throw bad(s, what);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = v4 ? (c >= '0' && c <= '9') || c == '.'
                    : Character.digit(c, 16) >= 0 || c == ':' || c == '.';
            if (!ok) {
                throw bad(s, what); // a literal only: InetAddress would look a name up
            }
        }
        if (v4 ? s.chars().filter(c -> c == '.').count() != 3 : s.indexOf(':') < 0) {
            throw bad(s, what);
        }
        try {
            InetAddress a = InetAddress.getByName(s);
            if (v4 != (a instanceof java.net.Inet4Address)) {
                throw bad(s, what);
            }
            return a;
        } catch (UnknownHostException e) {
            throw bad(s, what);
        }
    }

    private ExecError bad(String s, String what) {
        String shown = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return new ExecError(what + ": '" + shown + "' is not " + (this == INTEGER ? "an " : "a ")
                + name().toLowerCase(Locale.ROOT) + (this == DATETIME ? " (" + Types.DATETIME
                + " as YYYY-MM-DD hh:mm:ss[.s][TZ])" : ""));
    }
}
