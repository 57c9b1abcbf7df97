package io.logship.lang.core;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The core library's date handling for the extension modules' code (xm_syslog timestamps, xm_json datetimes,
 * ...), so every part of the language reads and writes dates the same way as {@code parsedate()} and
 * {@code strftime()}.
 */
public final class NxlogDates {
    /** NXLog's default DateFormat for JSON and similar outputs: {@code 2024-02-14T11:11:15.003000+01:00}. */
    public static final String ISO_MICROS_LOCAL = "YYYY-MM-DDThh:mm:ss.sTZ";

    private NxlogDates() {
    }

    /** A compiled output format. Immutable and thread-safe. */
    @FunctionalInterface
    public interface Format {
        String format(Instant t, ZoneId zone);
    }

    /**
     * {@code parsedate()}: the timestamp the text holds (a format the NXLog manual lists), local time in
     * {@code zone} when it has no zone, this year (on {@code clock}, in {@code zone}) when it has no year; null
     * when the text is no timestamp. Microseconds.
     */
    public static Instant parse(String text, ZoneId zone, Clock clock) {
        if (text == null) {
            return null;
        }
        Instant t = DateParser.parse(text, zone, clock.instant().atZone(zone).getYear());
        return t == null ? null : Times.truncate(t);
    }

    /** {@code strftime()}'s format (C strftime conversions or an NXLog named format), compiled once: keep it. */
    public static Format compile(String format) {
        Strftime f = Strftime.compile(format);
        return f::format;
    }

    /**
     * {@link #compile} for a format checked at config time (xm_json's {@code DateFormat}): a conversion
     * strftime(3) does not know, or a lone {@code %} at the end, is refused rather than copied as written.
     *
     * @throws IllegalArgumentException naming the conversion
     */
    public static Format compileStrict(String format) {
        Strftime f = Strftime.compile(format, true);
        return f::format;
    }
}
