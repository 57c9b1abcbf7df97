package io.logship.lang.core;

import static io.logship.lang.ExecFunction.function;
import static io.logship.lang.ExecFunction.procedure;

import io.logship.lang.ExecContext;
import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.lang.Types;
import java.time.Instant;
import java.util.List;

/**
 * {@code create_var(name[, lifetime | expiry])}, {@code set_var(name, value)}, {@code get_var(name)},
 * {@code delete_var(name)}: an instance's module variables, kept in its environment under "core.vars".
 */
final class VariableFunctions {
    static final String STATE_KEY = "core.vars";

    private VariableFunctions() {
    }

    static List<ExecFunction> functions() {
        return List.of(
                procedure("create_var", 1, 2,
                        "create_var(name[, lifetime seconds | expiry datetime]): a module variable (undef) that"
                                + " expires after the lifetime or at the expiry; an existing one is kept",
                        VariableFunctions::createVar).withArgTypes(Types.STRING, Types.ANY),
                procedure("set_var", 2, 2, "set_var(name, value): sets a module variable, creating it when needed",
                        (ctx, a) -> {
                            vars(ctx).set("set_var", Args.name("set_var", a, 0, "variable name"), a[1]);
                            return null;
                        }).withArgTypes(Types.STRING, Types.ANY),
                function("get_var", 1, 1, Types.ANY, "the value of a module variable, undef when it does not exist",
                        (ctx, a) -> {
                            String name = Args.string("get_var", a, 0);
                            return name == null ? null : vars(ctx).get(name);
                        }).withArgTypes(Types.STRING),
                procedure("delete_var", 1, 1, "deletes a module variable if it exists", (ctx, a) -> {
                    vars(ctx).delete(Args.name("delete_var", a, 0, "variable name"));
                    return null;
                }).withArgTypes(Types.STRING));
    }

    static ModuleVariables vars(ExecContext ctx) {
        return ctx.env().state(STATE_KEY, k -> new ModuleVariables(ctx.env().clock()));
    }

    private static Object createVar(ExecContext ctx, Object[] a) {
        String name = Args.name("create_var", a, 0, "variable name");
        Instant expiry = a.length > 1 ? expiry(ctx, "create_var", a, 1, "variable '" + name + "'") : null;
        vars(ctx).create("create_var", name, expiry);
        return null;
    }

    /**
     * A lifetime in seconds (integer) or an expiry (datetime) as the instant it ends; null for never (an expiry in
     * the past means never, with a warning, as NXLog does).
     */
    static Instant expiry(ExecContext ctx, String fn, Object[] a, int i, String what) {
        Object v = a[i];
        Instant now = ctx.env().clock().instant();
        if (v instanceof Long seconds) {
            if (seconds <= 0) {
                throw new ExecError(fn + "(): the lifetime of " + what + " must be positive, got " + seconds);
            }
            return now.plusSeconds(seconds);
        }
        if (v instanceof Instant t) {
            if (t.isBefore(now)) {
                ctx.env().logger().warn("{}: {}(): the expiry given for {} is in the past; it will never expire",
                        ctx.env().instanceName(), fn, what);
                return null;
            }
            return t;
        }
        throw new ExecError(fn + "(): argument " + (i + 1) + " (lifetime or expiry) must be integer or datetime, not "
                + Types.typeName(v));
    }
}
