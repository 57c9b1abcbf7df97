package io.logship.lang.json;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * A strftime pattern ({@code DateFormat %Y-%m-%d %H:%M:%S}) compiled once to a {@link DateTimeFormatter}: the
 * conversions {@code %Y %y %m %d %e %H %I %M %S %p %j %a %A %b %h %B %z %Z %F %T %D %R %s %%} (C locale);
 * others are refused at config time rather than printed wrong.
 */
final class Strftime {
    private Strftime() {
    }

    static DateTimeFormatter compile(String pattern) {
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                lit.append(c);
                continue;
            }
            if (i + 1 >= pattern.length()) {
                throw new IllegalArgumentException("date format '" + pattern + "' ends with a lone %");
            }
            char k = pattern.charAt(++i);
            if (k == '%') {
                lit.append('%');
                continue;
            }
            if (lit.length() > 0) {
                b.appendLiteral(lit.toString());
                lit.setLength(0);
            }
            append(b, k, pattern);
        }
        if (lit.length() > 0) {
            b.appendLiteral(lit.toString());
        }
        return b.toFormatter(Locale.ROOT);
    }

    private static void append(DateTimeFormatterBuilder b, char k, String pattern) {
        switch (k) {
            case 'Y' -> b.appendValue(ChronoField.YEAR, 4);
            case 'y' -> b.appendValueReduced(ChronoField.YEAR, 2, 2, 2000);
            case 'm' -> b.appendValue(ChronoField.MONTH_OF_YEAR, 2);
            case 'd' -> b.appendValue(ChronoField.DAY_OF_MONTH, 2);
            case 'e' -> b.padNext(2).appendValue(ChronoField.DAY_OF_MONTH);
            case 'H' -> b.appendValue(ChronoField.HOUR_OF_DAY, 2);
            case 'I' -> b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 2);
            case 'M' -> b.appendValue(ChronoField.MINUTE_OF_HOUR, 2);
            case 'S' -> b.appendValue(ChronoField.SECOND_OF_MINUTE, 2);
            case 'p' -> b.appendText(ChronoField.AMPM_OF_DAY, TextStyle.SHORT);
            case 'j' -> b.appendValue(ChronoField.DAY_OF_YEAR, 3);
            case 'a' -> b.appendText(ChronoField.DAY_OF_WEEK, TextStyle.SHORT);
            case 'A' -> b.appendText(ChronoField.DAY_OF_WEEK, TextStyle.FULL);
            case 'b', 'h' -> b.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT);
            case 'B' -> b.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.FULL);
            case 'z' -> b.appendOffset("+HHMM", "+0000");
            case 'Z' -> b.appendZoneText(TextStyle.SHORT);
            case 's' -> b.appendValue(ChronoField.INSTANT_SECONDS);
            case 'F' -> {
                append(b, 'Y', pattern);
                b.appendLiteral('-');
                append(b, 'm', pattern);
                b.appendLiteral('-');
                append(b, 'd', pattern);
            }
            case 'T' -> {
                append(b, 'H', pattern);
                b.appendLiteral(':');
                append(b, 'M', pattern);
                b.appendLiteral(':');
                append(b, 'S', pattern);
            }
            case 'R' -> {
                append(b, 'H', pattern);
                b.appendLiteral(':');
                append(b, 'M', pattern);
            }
            case 'D' -> {
                append(b, 'm', pattern);
                b.appendLiteral('/');
                append(b, 'd', pattern);
                b.appendLiteral('/');
                append(b, 'y', pattern);
            }
            default -> throw new IllegalArgumentException("date format '" + pattern + "': unsupported conversion %"
                    + k + " (supported: %Y %y %m %d %e %H %I %M %S %p %j %a %A %b %h %B %z %Z %F %T %D %R %s %%)");
        }
    }
}
