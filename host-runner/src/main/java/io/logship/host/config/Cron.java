package io.logship.host.config;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A crontab time specification as {@code <Schedule> When} takes it: five fields (minute, hour, day of month,
 * month, day of week), each {@code *}, a number, a range {@code a-b}, a list {@code a,b}, a step {@code * /n} or
 * {@code a-b/n}; month and weekday names ({@code jan}, {@code mon}); weekday 0 or 7 is Sunday. As in cron, when
 * both day fields are restricted a day matching either runs. Also the names {@code @hourly}, {@code @daily}
 * ({@code @midnight}), {@code @weekly}, {@code @monthly}, {@code @yearly} ({@code @annually}); {@code @startup}
 * ({@code @reboot}) is {@link #STARTUP}, handled by the scheduler. Immutable.
 */
public final class Cron {
    /** {@code @startup}: once, when the agent starts. */
    public static final Cron STARTUP = new Cron(null, null, null, null, null, false, false, "@startup");

    private static final Map<String, String> NAMED = Map.of("@hourly", "0 * * * *", "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *", "@weekly", "0 0 * * 0", "@monthly", "0 0 1 * *", "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *");
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec"};
    private static final String[] DAYS = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean domRestricted;
    private final boolean dowRestricted;
    private final String text;

    private Cron(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek,
                 boolean domRestricted, boolean dowRestricted, String text) {
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.domRestricted = domRestricted;
        this.dowRestricted = dowRestricted;
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException naming the field and what is wrong with it
     */
    public static Cron parse(String spec) {
        String s = spec.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("@startup") || lower.equals("@reboot")) {
            return STARTUP;
        }
        if (lower.startsWith("@")) {
            String expanded = NAMED.get(lower);
            if (expanded == null) {
                throw new IllegalArgumentException("unknown name '" + s + "' (known: @startup, @reboot, @hourly, "
                        + "@daily, @midnight, @weekly, @monthly, @yearly, @annually)");
            }
            Cron c = parse(expanded);
            return new Cron(c.minutes, c.hours, c.daysOfMonth, c.months, c.daysOfWeek, c.domRestricted,
                    c.dowRestricted, s);
        }
        String[] f = s.split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("'" + s + "' has " + f.length + " field(s); a crontab time has 5: "
                    + "minute hour day-of-month month day-of-week (e.g. '0 3 * * *'), or a name such as @daily");
        }
        BitSet dow = field(f[4], "day of week", 0, 7, DAYS);
        if (dow.get(7)) {
            dow.set(0);
            dow.clear(7);
        }
        return new Cron(field(f[0], "minute", 0, 59, null), field(f[1], "hour", 0, 23, null),
                field(f[2], "day of month", 1, 31, null), field(f[3], "month", 1, 12, MONTHS), dow,
                !f[2].equals("*"), !f[4].equals("*"), s);
    }

    public boolean isStartup() {
        return this == STARTUP;
    }

    /** The first minute strictly after {@code after} that matches (seconds zero); null for {@link #STARTUP}. */
    public ZonedDateTime next(ZonedDateTime after) {
        if (isStartup()) {
            return null;
        }
        ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = t.plusYears(5); // e.g. 0 0 30 2 * never matches
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return t;
            }
        }
        return null;
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        if (domRestricted && dowRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    private static BitSet field(String text, String name, int min, int max, String[] names) {
        BitSet set = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), name, 1, max, null, text);
            }
            int lo;
            int hi;
            if (range.equals("*")) {
                lo = min;
                hi = max;
            } else {
                int dash = range.indexOf('-');
                lo = number(dash < 0 ? range : range.substring(0, dash), name, min, max, names, text);
                hi = dash < 0 ? (slash >= 0 ? max : lo) : number(range.substring(dash + 1), name, min, max, names, text);
                if (hi < lo) {
                    throw new IllegalArgumentException(name + " range '" + range + "' ends before it starts");
                }
            }
            for (int v = lo; v <= hi; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int number(String s, String name, int min, int max, String[] names, String field) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase(s)) {
                    return names == MONTHS ? i + 1 : i;
                }
            }
        }
        int v;
        try {
            v = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " field '" + field + "': '" + s + "' is not a number"
                    + (names == null ? "" : " or a name"));
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " field '" + field + "': " + v + " is out of range " + min
                    + "-" + max);
        }
        return v;
    }

    @Override
    public String toString() {
        return text;
    }
}
