package io.logship.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for directive values, shared by the host and modules. */
public final class Values {
    private static final Pattern NUMBER_UNIT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z]*)");

    private Values() {
    }

    /** TRUE/FALSE, YES/NO, ON/OFF, 1/0, case-insensitive. */
    public static boolean parseBoolean(String s) {
        switch (s.strip().toUpperCase(Locale.ROOT)) {
            case "TRUE", "YES", "ON", "1":
                return true;
            case "FALSE", "NO", "OFF", "0":
                return false;
            default:
                throw new IllegalArgumentException("expected a boolean (TRUE/FALSE, YES/NO, 1/0)");
        }
    }

    public static long parseInteger(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an integer");
        }
    }

    /** Bare number = seconds (fractional allowed), or a number with ms, s, sec, m, min, h, d. */
    public static Duration parseDuration(String s) {
        Matcher m = NUMBER_UNIT.matcher(s.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration such as 30, 0.5, 500ms, 30s, 5min, 1h");
        }
        BigDecimal n = new BigDecimal(m.group(1));
        long unitMillis = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "s", "sec", "secs", "second", "seconds" -> 1_000L;
            case "ms", "msec", "millis" -> 1L;
            case "m", "min", "mins", "minute", "minutes" -> 60_000L;
            case "h", "hour", "hours" -> 3_600_000L;
            case "d", "day", "days" -> 86_400_000L;
            default -> throw new IllegalArgumentException("unknown duration unit '" + m.group(2) + "'");
        };
        return Duration.ofMillis(n.multiply(BigDecimal.valueOf(unitMillis)).longValue());
    }

    /** Bare number = bytes, or K/KB/KiB, M, G, T (powers of 1024). */
    public static long parseSize(String s) {
        Matcher m = NUMBER_UNIT.matcher(s.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size such as 1048576, 512K, 100M, 2G");
        }
        BigDecimal n = new BigDecimal(m.group(1));
        String unit = m.group(2).toUpperCase(Locale.ROOT);
        long mult = switch (unit.isEmpty() ? "" : unit.substring(0, 1)) {
            case "" -> 1L;
            case "B" -> unit.equals("B") ? 1L : -1L;
            case "K" -> 1L << 10;
            case "M" -> 1L << 20;
            case "G" -> 1L << 30;
            case "T" -> 1L << 40;
            default -> -1L;
        };
        if (mult < 0 || !(unit.length() <= 1 || unit.substring(1).equals("B") || unit.substring(1).equals("IB"))) {
            throw new IllegalArgumentException("unknown size unit '" + m.group(2) + "'");
        }
        return n.multiply(BigDecimal.valueOf(mult)).longValueExact();
    }

    /** How documentation shows a default value. */
    static String describe(Object value) {
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (value instanceof Duration d) {
            long ms = d.toMillis();
            return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
        }
        return String.valueOf(value);
    }
}
