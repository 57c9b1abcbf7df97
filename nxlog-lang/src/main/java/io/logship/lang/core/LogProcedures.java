package io.logship.lang.core;

import static io.logship.lang.ExecFunction.procedure;

import io.logship.lang.ExecContext;
import io.logship.lang.ExecFunction;
import io.logship.lang.Types;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * {@code log_debug}, {@code debug}, {@code log_info}, {@code log_warning}, {@code log_error}: the arguments as
 * text, concatenated (undef as nothing), logged through the instance's logger with the instance's name. The
 * text is not built when the level is off.
 */
final class LogProcedures {
    private LogProcedures() {
    }

    static List<ExecFunction> functions() {
        return List.of(log("log_debug", Level.DEBUG), log("debug", Level.DEBUG), log("log_info", Level.INFO),
                log("log_warning", Level.WARN), log("log_error", Level.ERROR));
    }

    private static ExecFunction log(String name, Level level) {
        return procedure(name, 1, -1, name + "(arg, ...): logs the arguments at " + level + " level",
                (ctx, a) -> {
                    Logger logger = ctx.env().logger();
                    if (logger.isEnabledForLevel(level)) {
                        logger.atLevel(level).log("{}: {}", ctx.env().instanceName(), text(ctx, a));
                    }
                    return null;
                });
    }

    static String text(ExecContext ctx, Object[] a) {
        if (a.length == 1) {
            String s = Types.toText(a[0], ctx.env().zone());
            return s == null ? "" : s;
        }
        StringBuilder sb = new StringBuilder();
        for (Object v : a) {
            String s = Types.toText(v, ctx.env().zone());
            if (s != null) {
                sb.append(s);
            }
        }
        return sb.toString();
    }
}
