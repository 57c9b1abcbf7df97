package io.logship.lang.core;

import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.lang.Types;
import java.time.Instant;

/**
 * Argument checks shared by the core functions: each returns the argument as its Java type, {@code null} for
 * undef, and throws an {@link ExecError} naming the function, the argument and both types when it has another.
 */
final class Args {
    private Args() {
    }

    static String string(String fn, Object[] args, int i) {
        Object v = args[i];
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw wrongType(fn, i, Types.STRING, v);
    }

    /** A string, or binary read as UTF-8 text. */
    static String text(String fn, Object[] args, int i) {
        Object v = args[i];
        if (v instanceof byte[] b) {
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }
        return string(fn, args, i);
    }

    static Long integer(String fn, Object[] args, int i) {
        Object v = args[i];
        if (v == null || v instanceof Long) {
            return (Long) v;
        }
        throw wrongType(fn, i, Types.INTEGER, v);
    }

    static Boolean bool(String fn, Object[] args, int i) {
        Object v = args[i];
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        throw wrongType(fn, i, Types.BOOLEAN, v);
    }

    static Instant datetime(String fn, Object[] args, int i) {
        Object v = args[i];
        if (v == null || v instanceof Instant) {
            return (Instant) v;
        }
        throw wrongType(fn, i, Types.DATETIME, v);
    }

    /** A name that must be a defined, non-empty string (variable, counter, field names). */
    static String name(String fn, Object[] args, int i, String what) {
        Object v = args[i];
        if (v instanceof ExecFunction.FieldName f) {
            return f.name();
        }
        if (v == null) {
            throw new ExecError(fn + "(): the " + what + " (argument " + (i + 1) + ") is undef");
        }
        if (!(v instanceof String s)) {
            throw wrongType(fn, i, Types.STRING, v);
        }
        if (s.isEmpty()) {
            throw new ExecError(fn + "(): the " + what + " (argument " + (i + 1) + ") is an empty string");
        }
        return s;
    }

    static ExecError wrongType(String fn, int i, String wanted, Object got) {
        return new ExecError(fn + "(): argument " + (i + 1) + " must be " + wanted + ", not " + Types.typeName(got));
    }
}
