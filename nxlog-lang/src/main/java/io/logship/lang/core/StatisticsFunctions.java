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
 * {@code create_stat(name, type[, interval[, time[, lifetime | expiry]]])}, {@code add_stat(name, value[, time])},
 * {@code get_stat(name[, time])}: an instance's statistical counters ({@link StatCounter}), kept in its
 * environment under "core.stats". Times default to now.
 */
final class StatisticsFunctions {
    static final String STATE_KEY = "core.stats";

    private StatisticsFunctions() {
    }

    static List<ExecFunction> functions() {
        return List.of(
                procedure("create_stat", 2, 5,
                        "create_stat(name, type[, interval[, time[, lifetime | expiry]]]): a statistical counter"
                                + " (COUNT, COUNTMIN, COUNTMAX, AVG, AVGMIN, AVGMAX, RATE, RATEMIN, RATEMAX, GRAD,"
                                + " GRADMIN, GRADMAX) computed over interval seconds",
                        StatisticsFunctions::createStat)
                        .withArgTypes(Types.STRING, Types.STRING, Types.INTEGER, Types.DATETIME, Types.ANY),
                procedure("add_stat", 2, 3, "add_stat(name, value[, time]): adds value to a statistical counter",
                        StatisticsFunctions::addStat).withArgTypes(Types.STRING, Types.INTEGER, Types.DATETIME),
                function("get_stat", 1, 2, Types.INTEGER,
                        "get_stat(name[, time]): the value of a statistical counter, undef when it does not exist",
                        StatisticsFunctions::getStat).withArgTypes(Types.STRING, Types.DATETIME));
    }

    static ModuleStatistics stats(ExecContext ctx) {
        return ctx.env().state(STATE_KEY, k -> new ModuleStatistics());
    }

    private static long now(ExecContext ctx) {
        return Times.micros(ctx.env().clock().instant());
    }

    /** The time argument at {@code i} in micros, now when absent or undef. */
    private static long time(ExecContext ctx, String fn, Object[] a, int i) {
        Instant t = a.length > i ? Args.datetime(fn, a, i) : null;
        return t == null ? now(ctx) : Times.micros(t);
    }

    private static Object createStat(ExecContext ctx, Object[] a) {
        String name = Args.name("create_stat", a, 0, "counter name");
        String typeName = Args.name("create_stat", a, 1, "counter type");
        StatCounter.Type type = StatCounter.Type.of(typeName);
        if (type == null) {
            throw new ExecError("create_stat(): unknown counter type '" + typeName + "' (COUNT, COUNTMIN, COUNTMAX,"
                    + " AVG, AVGMIN, AVGMAX, RATE, RATEMIN, RATEMAX, GRAD, GRADMIN, GRADMAX)");
        }
        long interval = 0;
        if (a.length > 2) {
            Long given = Args.integer("create_stat", a, 2);
            if (given == null || given <= 0) {
                throw new ExecError("create_stat(): the interval of counter '" + name
                        + "' must be a positive number of seconds, got " + (given == null ? "undef" : given));
            }
            interval = given;
        } else if (type != StatCounter.Type.COUNT) {
            throw new ExecError("create_stat(): counter '" + name + "' of type " + type
                    + " needs an interval (create_stat(name, type, seconds)); only COUNT has none");
        }
        long start = time(ctx, "create_stat", a, 3);
        long expiry = Long.MAX_VALUE;
        if (a.length > 4) {
            Instant end = VariableFunctions.expiry(ctx, "create_stat", a, 4, "counter '" + name + "'");
            if (end != null) {
                expiry = Times.micros(end);
            }
        }
        stats(ctx).create(name, new StatCounter(type, interval, start, expiry), now(ctx));
        return null;
    }

    private static Object addStat(ExecContext ctx, Object[] a) {
        String name = Args.name("add_stat", a, 0, "counter name");
        Long value = Args.integer("add_stat", a, 1);
        if (value == null) {
            throw new ExecError("add_stat(): the value added to counter '" + name + "' is undef");
        }
        long t = time(ctx, "add_stat", a, 2);
        StatCounter c = stats(ctx).find(name, now(ctx));
        if (c == null) {
            throw new ExecError("add_stat(): no statistical counter '" + name + "' (create it with create_stat())");
        }
        c.add(value, t);
        return null;
    }

    private static Object getStat(ExecContext ctx, Object[] a) {
        String name = Args.string("get_stat", a, 0);
        if (name == null) {
            return null;
        }
        StatCounter c = stats(ctx).find(name, now(ctx));
        return c == null ? null : c.get(time(ctx, "get_stat", a, 1));
    }
}
