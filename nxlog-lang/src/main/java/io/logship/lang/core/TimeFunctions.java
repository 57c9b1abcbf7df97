package io.logship.lang.core;

import static io.logship.lang.ExecFunction.function;

import io.logship.lang.ExecContext;
import io.logship.lang.ExecFunction;
import io.logship.lang.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * {@code now}, {@code year} ... {@code microsecond}, {@code dayofweek}, {@code dayofyear}, {@code fix_year},
 * {@code strftime}, {@code strptime}, {@code parsedate}. Datetimes are shown and read in the environment's zone
 * (the parts in UTC when the optional second argument is TRUE); formats compile once per text.
 */
final class TimeFunctions {
    private final FormatCache<Strftime> strftimes = new FormatCache<>(Strftime::compile);
    private final FormatCache<Strptime> strptimes = new FormatCache<>(Strptime::compile);

    List<ExecFunction> functions() {
        List<ExecFunction> out = new ArrayList<>();
        out.add(function("now", 0, 0, Types.DATETIME, "the current time",
                (ctx, a) -> Times.truncate(ctx.env().clock().instant())));
        out.add(part("year", "the year", ZonedDateTime::getYear));
        out.add(part("month", "the month (1-12)", ZonedDateTime::getMonthValue));
        out.add(part("day", "the day of the month (1-31)", ZonedDateTime::getDayOfMonth));
        out.add(part("hour", "the hour (0-23)", ZonedDateTime::getHour));
        out.add(part("minute", "the minute (0-59)", ZonedDateTime::getMinute));
        out.add(part("second", "the second (0-59)", ZonedDateTime::getSecond));
        out.add(part("microsecond", "the microsecond part (0-999999)", t -> t.getNano() / 1000));
        out.add(part("dayofweek", "the number of days since Sunday (0-6)", t -> t.getDayOfWeek().getValue() % 7));
        out.add(part("dayofyear", "the day of the year (1-366)", ZonedDateTime::getDayOfYear));
        out.add(function("fix_year", 1, 1, Types.DATETIME,
                "a datetime parsed without a year (1970 or before) moved to the current year",
                (ctx, a) -> fixYear(ctx, Args.datetime("fix_year", a, 0))).withArgTypes(Types.DATETIME));
        out.add(function("strftime", 2, 2, Types.STRING,
                "strftime(datetime, format): the datetime as text in a C strftime(3) format or an NXLog named"
                        + " format (YYYY-MM-DDThh:mm:ss.sTZ, ...)", this::strftime)
                .withArgTypes(Types.DATETIME, Types.STRING));
        out.add(function("strptime", 2, 2, Types.DATETIME,
                "strptime(string, format): the string read with a C strptime(3) format; undef when it does not fit",
                this::strptime).withArgTypes(Types.STRING, Types.STRING));
        out.add(function("parsedate", 1, 1, Types.DATETIME,
                "the timestamp in a string in any format NXLog recognises; undef when none",
                (ctx, a) -> parsedate(ctx, Args.string("parsedate", a, 0))).withArgTypes(Types.STRING));
        return out;
    }

    private static ExecFunction part(String name, String what, ToIntFunction<ZonedDateTime> field) {
        return function(name, 1, 2, Types.INTEGER, name + "(datetime[, utc]): " + what
                + " in local time, or in UTC when utc is TRUE", (ctx, a) -> {
                    Instant t = Args.datetime(name, a, 0);
                    if (t == null) {
                        return null;
                    }
                    return (long) field.applyAsInt(t.atZone(zone(ctx, name, a)));
                }).withArgTypes(Types.DATETIME, Types.BOOLEAN);
    }

    private static ZoneId zone(ExecContext ctx, String fn, Object[] a) {
        return a.length > 1 && Boolean.TRUE.equals(Args.bool(fn, a, 1)) ? ZoneOffset.UTC : ctx.env().zone();
    }

    static Instant fixYear(ExecContext ctx, Instant t) {
        if (t == null) {
            return null;
        }
        ZoneId zone = ctx.env().zone();
        ZonedDateTime z = t.atZone(zone);
        if (z.getYear() > 1970) {
            return t;
        }
        int year = ctx.env().clock().instant().atZone(zone).getYear();
        return z.withYear(year).toInstant();
    }

    private Object strftime(ExecContext ctx, Object[] a) {
        Instant t = Args.datetime("strftime", a, 0);
        String format = Args.string("strftime", a, 1);
        if (t == null) {
            return null;
        }
        if (format == null) {
            return Types.toText(t, ctx.env().zone());
        }
        return strftimes.get(format).format(t, ctx.env().zone());
    }

    private Object strptime(ExecContext ctx, Object[] a) {
        String text = Args.string("strptime", a, 0);
        String format = Args.string("strptime", a, 1);
        if (text == null || format == null) {
            return null;
        }
        Instant t = strptimes.get(format).parse(text, ctx.env().zone());
        return t == null ? null : Times.truncate(t);
    }

    static Instant parsedate(ExecContext ctx, String text) {
        if (text == null) {
            return null;
        }
        ZoneId zone = ctx.env().zone();
        Instant t = DateParser.parse(text, zone, ctx.env().clock().instant().atZone(zone).getYear());
        return t == null ? null : Times.truncate(t);
    }
}
