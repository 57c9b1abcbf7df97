package io.logship.host.config;

import io.logship.lang.ExecProgram;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled {@code <Schedule>}: when it runs ({@code When}: a {@link Cron}, or {@code Every}: an interval,
 * optionally from {@code First}) and its statements, which run without an event.
 *
 * @param when     the crontab time, or null
 * @param every    the interval, or null
 * @param first    {@code First}: the first run of an {@code Every} schedule, or null (one interval after start)
 * @param program  the statements
 * @param location "file:line" of {@code <Schedule>}
 */
public record Schedule(Cron when, Duration every, Instant first, ExecProgram program, String location) {
    private static final Pattern EVERY = Pattern.compile("(\\d+)\\s*([A-Za-z]+)");
    private static final DateTimeFormatter FIRST = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** {@code Every}'s value: {@code N sec|min|hour|day|week} (NXLog's units; plurals and long names too). */
    static Duration parseEvery(String value) {
        Matcher m = EVERY.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not an interval: write a number and a unit, "
                    + "e.g. '30 sec', '5 min', '1 hour', '1 day', '1 week'");
        }
        long n = Long.parseLong(m.group(1));
        if (n <= 0) {
            throw new IllegalArgumentException("the interval must be above 0");
        }
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(n);
            case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(n);
            case "h", "hour", "hours" -> Duration.ofHours(n);
            case "d", "day", "days" -> Duration.ofDays(n);
            case "w", "week", "weeks" -> Duration.ofDays(7 * n);
            default -> throw new IllegalArgumentException("unknown unit '" + m.group(2) + "' (sec, min, hour, day, "
                    + "week)");
        };
    }

    /** {@code First}'s value: a datetime {@code YYYY-MM-DD hh:mm:ss} in the agent's zone. */
    static Instant parseFirst(String value, ZoneId zone) {
        try {
            return LocalDateTime.parse(value.strip(), FIRST).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not a datetime YYYY-MM-DD hh:mm:ss");
        }
    }

    /**
     * The spec of a {@code <Schedule>} block, or null after adding problems ("file:line: instance: ...") and
     * warnings.
     */
    static Schedule spec(ScheduleBlock s, String instance, ZoneId zone, List<String> problems,
                         List<String> warnings) {
        Cron when = null;
        Duration every = null;
        Instant first = null;
        RawDirective firstDirective = null;
        int before = problems.size();
        for (RawDirective d : s.directives()) {
            String at = d.location() + ": " + instance + ": <Schedule> " + d.name() + ": ";
            try {
                switch (d.name().toLowerCase(Locale.ROOT)) {
                    case "when" -> {
                        if (when != null) {
                            problems.add(at + "given more than once");
                        }
                        when = Cron.parse(d.value());
                    }
                    case "every" -> {
                        if (every != null) {
                            problems.add(at + "given more than once");
                        }
                        every = parseEvery(d.value());
                    }
                    default -> {
                        first = parseFirst(d.value(), zone);
                        firstDirective = d;
                    }
                }
            } catch (IllegalArgumentException e) {
                problems.add(at + e.getMessage());
            }
        }
        String at = s.location() + ": " + instance + ": <Schedule> ";
        if (problems.size() == before) {
            if (when == null && every == null) {
                problems.add(at + "needs When (a crontab time or @daily, ...) or Every (e.g. 1 hour)");
            } else if (when != null && every != null) {
                problems.add(at + "has both When and Every; give one");
            } else if (s.execs().isEmpty()) {
                problems.add(at + "has no Exec: nothing would run");
            }
        }
        if (problems.size() > before) {
            return null;
        }
        if (firstDirective != null && when != null) {
            warnings.add(firstDirective.location() + ": " + instance + ": <Schedule> First has no effect with When "
                    + "(as in NXLog)");
            first = null;
        }
        return new Schedule(when, every, first, ExecProgram.EMPTY, s.location());
    }

    Schedule withProgram(ExecProgram p) {
        return new Schedule(when, every, first, p, location);
    }
}
