package io.logship.lang.core;

import static io.logship.lang.ExecFunction.function;

import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.lang.Types;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * {@code string}, {@code integer}, {@code datetime}, {@code type}, {@code ip4addr}, {@code base64encode},
 * {@code base64decode}: conversions between the language's types. Undef in, undef out.
 */
final class ConversionFunctions {
    private ConversionFunctions() {
    }

    static List<ExecFunction> functions() {
        return List.of(
                function("string", 1, 1, Types.STRING, "the value as text (datetime as YYYY-MM-DD hh:mm:ss local time)",
                        (ctx, a) -> Types.toText(a[0], ctx.env().zone())),
                function("integer", 1, 1, Types.INTEGER,
                        "a string parsed as an integer (also 0x hex and K/M/G suffixes); a datetime as microseconds since"
                                + " the epoch", (ctx, a) -> integer(a[0])),
                function("datetime", 1, 1, Types.DATETIME, "an integer of microseconds since the epoch as a datetime",
                        (ctx, a) -> datetime(a[0])),
                function("type", 1, 1, Types.STRING,
                        "the type name of the value (boolean, integer, string, datetime, ip4addr, ip6addr, regexp,"
                                + " binary), undef for undef", (ctx, a) -> a[0] == null ? null : Types.typeName(a[0])),
                function("ip4addr", 1, 2, Types.IP4ADDR,
                        "ip4addr(integer[, ntoa]): an integer as an IPv4 address (ntoa TRUE: in network byte order)",
                        (ctx, a) -> ip4addr(a)).withArgTypes(Types.ANY, Types.BOOLEAN),
                function("base64encode", 1, 1, Types.STRING, "a string or binary value encoded as BASE64",
                        (ctx, a) -> base64encode(a)),
                function("base64decode", 1, 1, Types.BINARY, "the binary value of a BASE64 string",
                        (ctx, a) -> base64decode(a)).withArgTypes(Types.STRING));
    }

    static Long integer(Object v) {
        if (v == null || v instanceof Long) {
            return (Long) v;
        }
        if (v instanceof String s) {
            Long n = parseInteger(s);
            if (n == null) {
                throw new ExecError("integer(): cannot parse '" + (s.length() > 40 ? s.substring(0, 40) + "..." : s)
                        + "' as an integer");
            }
            return n;
        }
        if (v instanceof Instant t) {
            return Times.micros(t);
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : (long) (double) d;
        }
        throw new ExecError("integer(): cannot convert " + Types.typeName(v) + " to integer");
    }

    /**
     * A decimal (or 0x hexadecimal) integer with optional sign, surrounding blanks and NXLog's K, M or G suffix
     * (times 1024, 1024^2, 1024^3); null when it is none or does not fit in 64 bits.
     */
    static Long parseInteger(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        if (from == to) {
            return null;
        }
        long multiplier = switch (s.charAt(to - 1)) {
            case 'K', 'k' -> 1024L;
            case 'M', 'm' -> 1024L * 1024;
            case 'G', 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        if (multiplier > 1) {
            Long n = parseInteger(s.substring(from, to - 1));
            if (n == null) {
                return null;
            }
            try {
                return Math.multiplyExact(n, multiplier);
            } catch (ArithmeticException e) {
                return null;
            }
        }
        boolean negative = false;
        char c = s.charAt(from);
        if (c == '-' || c == '+') {
            negative = c == '-';
            from++;
        }
        int radix = 10;
        if (to - from > 2 && s.charAt(from) == '0' && (s.charAt(from + 1) == 'x' || s.charAt(from + 1) == 'X')) {
            radix = 16;
            from += 2;
        }
        if (from == to) {
            return null;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(s.charAt(i), radix);
            if (d < 0) {
                return null;
            }
            long next = v * radix - d; // accumulate negatively: Long.MIN_VALUE fits
            if (v < Long.MIN_VALUE / radix || next > v * radix) {
                return null; // overflow
            }
            v = next;
        }
        if (!negative && v == Long.MIN_VALUE) {
            return null;
        }
        return negative ? v : -v;
    }

    static Instant datetime(Object v) {
        if (v == null || v instanceof Instant) {
            return (Instant) v;
        }
        if (v instanceof Long micros) {
            return Times.ofMicros(micros);
        }
        throw new ExecError("datetime(): argument 1 must be integer (microseconds since the epoch), not "
                + Types.typeName(v));
    }

    static InetAddress ip4addr(Object[] a) {
        Object v = a[0];
        if (v == null) {
            return null;
        }
        if (v instanceof InetAddress ip) {
            return ip;
        }
        boolean ntoa = a.length > 1 && Boolean.TRUE.equals(Args.bool("ip4addr", a, 1));
        byte[] b = new byte[4];
        if (v instanceof Long n) {
            for (int i = 0; i < 4; i++) {
                b[ntoa ? i : 3 - i] = (byte) (n >>> (8 * i));
            }
        } else if (v instanceof String s) {
            if (!parseDottedQuad(s, b)) {
                return null;
            }
        } else {
            throw new ExecError("ip4addr(): argument 1 must be integer or string, not " + Types.typeName(v));
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    /** "a.b.c.d" into four bytes, without any name lookup. */
    static boolean parseDottedQuad(String s, byte[] out) {
        int part = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return false;
                }
            } else if (c == '.' && value >= 0 && part < 4) {
                out[part++] = (byte) value;
                value = -1;
            } else {
                return false;
            }
        }
        return part == 4;
    }

    static String base64encode(Object[] a) {
        Object v = a[0];
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        if (v instanceof String s) {
            return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        }
        throw new ExecError("base64encode(): argument 1 must be string or binary, not " + Types.typeName(v));
    }

    static byte[] base64decode(Object[] a) {
        String s = Args.string("base64decode", a, 0);
        if (s == null) {
            return null;
        }
        try {
            // line breaks (MIME style) are allowed; any other character outside the alphabet is an error
            return Base64.getDecoder().decode(s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s
                    : s.replace("\r", "").replace("\n", ""));
        } catch (IllegalArgumentException e) {
            throw new ExecError("base64decode(): not BASE64: " + e.getMessage());
        }
    }
}
