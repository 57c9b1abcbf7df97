package io.logship.lang.core;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A cursor over a date string and the fields read so far, for {@link DateParser} and {@link Strptime}: each
 * read returns -1 (or false) and leaves the cursor where it was when the text does not fit. Not thread-safe:
 * one per parse.
 */
final class DateScan {
    final String s;
    int pos;
    int year = -1;
    int month = -1;
    int day = -1;
    int yearDay = -1;
    int hour;
    int minute;
    int second;
    int micros;
    /** 0 none, 1 AM, 2 PM. */
    int ampm;
    ZoneId zone;
    Long epochSeconds;
    /** A day past the end of its month rolls over (C mktime) instead of being no date. */
    boolean rollOverDays;

    DateScan(String s) {
        this.s = s;
    }

    /** An English month name, in full or its first three letters, any case: sets {@link #month}, reads it. */
    boolean monthName() {
        int m = DateNames.month(s, pos);
        if (m == 0) {
            return false;
        }
        pos += DateNames.length(DateNames.MONTHS, m - 1, s, pos);
        month = m;
        return true;
    }

    boolean atEnd() {
        return pos >= s.length();
    }

    char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    boolean isDigit() {
        char c = peek();
        return c >= '0' && c <= '9';
    }

    boolean accept(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    int skipSpaces() {
        int from = pos;
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
        return pos - from;
    }

    /** {@code min..max} decimal digits as a number, or -1 (cursor unchanged). */
    int digits(int min, int max) {
        int from = pos;
        int v = 0;
        while (pos < s.length() && pos - from < max) {
            char c = s.charAt(pos);
            if (c < '0' || c > '9') {
                break;
            }
            v = v * 10 + (c - '0');
            pos++;
        }
        if (pos - from < min) {
            pos = from;
            return -1;
        }
        return v;
    }

    /** The digits after a '.' or ',' (already consumed) as microseconds; more than six digits are truncated. */
    int fraction() {
        int from = pos;
        int v = 0;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            if (pos - from < 6) {
                v = v * 10 + (s.charAt(pos) - '0');
            }
            pos++;
        }
        int n = pos - from;
        if (n == 0) {
            return -1;
        }
        for (int i = n; i < 6; i++) {
            v *= 10;
        }
        return v;
    }

    /** "hh:mm[:ss[.frac]]" into the time fields. */
    boolean time(boolean secondsOptional) {
        int from = pos;
        int h = digits(1, 2);
        if (h < 0 || !accept(':')) {
            pos = from;
            return false;
        }
        int m = digits(1, 2);
        if (m < 0) {
            pos = from;
            return false;
        }
        int sec = 0;
        int us = 0;
        if (accept(':')) {
            sec = digits(1, 2);
            if (sec < 0) {
                pos = from;
                return false;
            }
            int mark = pos;
            if (accept('.') || accept(',')) {
                us = fraction();
                if (us < 0) {
                    pos = mark;
                    us = 0;
                }
            }
        } else if (!secondsOptional) {
            pos = from;
            return false;
        }
        hour = h;
        minute = m;
        second = sec;
        micros = us;
        return true;
    }

    /** "Z", "+hh", "+hhmm", "+hh:mm" (also "-"), or a zone abbreviation such as GMT or CET; false when none. */
    boolean zone() {
        int from = pos;
        char c = peek();
        if (c == 'Z' && !Character.isLetter(pos + 1 < s.length() ? s.charAt(pos + 1) : ' ')) {
            pos++;
            zone = ZoneOffset.UTC;
            return true;
        }
        if (c == '+' || c == '-') {
            pos++;
            int h = digits(2, 2);
            if (h >= 0) {
                accept(':');
                int m = digits(2, 2);
                try {
                    zone = ZoneOffset.ofHoursMinutes(c == '-' ? -h : h, c == '-' ? -Math.max(m, 0) : Math.max(m, 0));
                    return true;
                } catch (DateTimeException e) {
                    pos = from;
                    return false;
                }
            }
            pos = from;
            return false;
        }
        int end = pos;
        while (end < s.length() && (Character.isLetter(s.charAt(end)) || s.charAt(end) == '/'
                || s.charAt(end) == '_')) {
            end++;
        }
        if (end > pos) {
            ZoneId z = DateNames.zone(s.substring(pos, end));
            if (z != null) {
                pos = end;
                zone = z;
                accept2Offset();
                return true;
            }
        }
        return false;
    }

    /** "GMT+01:00" style: an offset right after UTC or GMT replaces it. */
    private void accept2Offset() {
        char c = peek();
        if (ZoneOffset.UTC.equals(zone) && (c == '+' || c == '-') && pos + 1 < s.length()
                && Character.isDigit(s.charAt(pos + 1))) {
            zone();
        }
    }

    /** The instant the fields name, in {@code defaultZone} when none was read; null when they are no date. */
    Instant toInstant(ZoneId defaultZone) {
        if (epochSeconds != null) {
            return Instant.ofEpochSecond(epochSeconds, micros * 1000L);
        }
        int h = hour;
        if (ampm == 1 && h == 12) {
            h = 0;
        } else if (ampm == 2 && h < 12) {
            h += 12;
        }
        try {
            LocalDateTime t;
            if (month < 0 && day < 0 && yearDay > 0) {
                t = java.time.LocalDate.ofYearDay(year < 0 ? 1900 : year, yearDay).atTime(h, minute, second,
                        micros * 1000);
            } else {
                int y = year < 0 ? 1900 : year;
                int mo = month < 0 ? 1 : month;
                int dd = day < 0 ? 1 : day;
                int sec = second == 60 ? 59 : second;
                t = rollOverDays && dd > 28
                        ? java.time.LocalDate.of(y, mo, 1).plusDays(dd - 1L).atTime(h, minute, sec, micros * 1000)
                        : LocalDateTime.of(y, mo, dd, h, minute, sec, micros * 1000);
            }
            return t.atZone(zone != null ? zone : defaultZone).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
