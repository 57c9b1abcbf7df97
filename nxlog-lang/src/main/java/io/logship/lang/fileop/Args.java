package io.logship.lang.fileop;

import io.logship.lang.ExecError;
import io.logship.lang.Types;
import java.time.Instant;

/** Run-time checks of xm_fileop's arguments: each failure an {@link ExecError} naming the function and argument. */
final class Args {
    private Args() {
    }

    static String string(String fn, String name, Object[] args, int i) {
        Object v = args[i];
        if (v instanceof String s) {
            return s;
        }
        throw wrong(fn, name, "string", v);
    }

    static long integer(String fn, String name, Object[] args, int i) {
        Object v = args[i];
        if (v instanceof Long l) {
            return l;
        }
        throw wrong(fn, name, "integer", v);
    }

    static Instant datetime(String fn, String name, Object[] args, int i) {
        Object v = args[i];
        if (v instanceof Instant t) {
            return t;
        }
        throw wrong(fn, name, "datetime", v);
    }

    static ExecError wrong(String fn, String name, String wanted, Object v) {
        return new ExecError(fn + "(): '" + name + "' " + (v == null ? "is undef" : "must be " + wanted + ", not "
                + Types.typeName(v)));
    }
}
