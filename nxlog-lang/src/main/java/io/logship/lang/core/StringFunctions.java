package io.logship.lang.core;

import static io.logship.lang.ExecFunction.function;

import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.lang.Types;
import java.util.List;
import java.util.Locale;

/**
 * {@code lc}, {@code uc}, {@code substr}, {@code replace}, {@code size}: NXLog's string functions. Undef in,
 * undef out. Offsets of {@code substr} count UTF-16 characters (NXLog counts bytes: the same for ASCII, and this
 * never cuts a character in two); {@code size} counts UTF-8 bytes as NXLog does.
 */
final class StringFunctions {
    private StringFunctions() {
    }

    static List<ExecFunction> functions() {
        return List.of(
                function("lc", 1, 1, Types.STRING, "the string in lower case", (ctx, a) -> {
                    String s = Args.string("lc", a, 0);
                    return s == null ? null : s.toLowerCase(Locale.ROOT);
                }).withArgTypes(Types.STRING),
                function("uc", 1, 1, Types.STRING, "the string in upper case", (ctx, a) -> {
                    String s = Args.string("uc", a, 0);
                    return s == null ? null : s.toUpperCase(Locale.ROOT);
                }).withArgTypes(Types.STRING),
                function("substr", 2, 3, Types.STRING,
                        "substr(src, from[, to]): the part of src from offset 'from' up to (not including) 'to'",
                        (ctx, a) -> substr(a)).withArgTypes(Types.STRING, Types.INTEGER, Types.INTEGER),
                function("replace", 3, 4, Types.STRING,
                        "replace(subject, src, dst[, count]): subject with the first count (all when absent or 0)"
                                + " occurrences of src replaced by dst",
                        (ctx, a) -> replace(a)).withArgTypes(Types.STRING, Types.STRING, Types.STRING, Types.INTEGER),
                function("size", 1, 1, Types.INTEGER, "the size of a string in bytes (UTF-8) or of a binary value",
                        (ctx, a) -> size(a)));
    }

    static String substr(Object[] a) {
        String s = Args.string("substr", a, 0);
        Long from = Args.integer("substr", a, 1);
        Long to = a.length > 2 ? Args.integer("substr", a, 2) : null;
        if (s == null || from == null) {
            return null;
        }
        if (from < 0) {
            throw new ExecError("substr(): negative offset " + from + " for argument 2");
        }
        long end = s.length();
        if (a.length > 2 && to != null) {
            if (to < 0) {
                throw new ExecError("substr(): negative offset " + to + " for argument 3");
            }
            if (from > to) {
                return null;
            }
            end = Math.min(end, to);
        }
        if (from > s.length()) {
            return null;
        }
        return s.substring((int) (long) from, (int) Math.max(end, from));
    }

    static String replace(Object[] a) {
        String subject = Args.string("replace", a, 0);
        String src = Args.string("replace", a, 1);
        String dst = Args.string("replace", a, 2);
        Long count = a.length > 3 ? Args.integer("replace", a, 3) : null;
        if (subject == null || src == null || dst == null) {
            return null;
        }
        if (count != null && count < 0) {
            throw new ExecError("replace(): count must not be negative, got " + count);
        }
        if (src.isEmpty()) {
            return subject;
        }
        long limit = count == null || count == 0 ? Long.MAX_VALUE : count;
        int at = subject.indexOf(src);
        if (at < 0) {
            return subject;
        }
        StringBuilder out = new StringBuilder(subject.length() + Math.max(0, dst.length() - src.length()) * 4);
        int from = 0;
        long done = 0;
        while (at >= 0 && done < limit) {
            out.append(subject, from, at).append(dst);
            from = at + src.length();
            done++;
            at = subject.indexOf(src, from);
        }
        return out.append(subject, from, subject.length()).toString();
    }

    static Long size(Object[] a) {
        Object v = a[0];
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] b) {
            return (long) b.length;
        }
        if (!(v instanceof String s)) {
            throw Args.wrongType("size", 0, Types.STRING, v);
        }
        return utf8Length(s);
    }

    /** The UTF-8 length of a string without encoding it. */
    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
