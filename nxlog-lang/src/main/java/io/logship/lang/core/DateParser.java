package io.logship.lang.core;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * {@code parsedate()}: the timestamp formats the NXLog manual lists, recognised by their shape in one pass
 * (no trial-and-error with exceptions). A timestamp without a zone is local time ({@code zone}); one without a
 * year gets {@code currentYear}. Anything else, including text after the timestamp, gives null (undef).
 *
 * <ul>
 * <li>RFC 3164 and Cisco: {@code Nov  6 08:49:37}, {@code Nov 06 08:49}, {@code Nov  3 14:50:30.403123},
 * {@code Nov  3 2005 14:50:30}, {@code *Mar  1 18:46:11.123}</li>
 * <li>RFC 1123/822/850/1036 and asctime: {@code Sun, 06 Nov 1994 08:49:37 GMT}, {@code Sun, 6 Nov 94 08:49:37 +0100},
 * {@code Sunday, 06-Nov-94 08:49:37 GMT}, {@code Sun Nov  6 08:49:37 1994}</li>
 * <li>Apache/NCSA: {@code 06/Nov/1994:08:49:37 +0100}</li>
 * <li>ISO 8601/RFC 3339: {@code 1977-09-06 01:02:03}, {@code 1977-09-06T01:02:03.004Z},
 * {@code 1977-09-06T01:02:03,004+02:00}, {@code 2011-5-29 0:3:21}</li>
 * <li>Windows/WMI: {@code 20100426151354.537875}, {@code 20100426151354.537875-000}; Microsoft
 * {@code 3/13/2017 8:42:07 AM}</li>
 * <li>BIND 9: {@code 23-Mar-2017 06:38:30.143}, {@code 2017-Mar-23 06:38:30}</li>
 * <li>Epoch seconds (nine or ten digits): {@code 1258531221}, {@code 1258531221.650359}</li>
 * </ul>
 */
final class DateParser {
    private DateParser() {
    }

    static Instant parse(String text, ZoneId zone, int currentYear) {
        DateScan d = new DateScan(text);
        d.skipSpaces();
        boolean ok;
        if (d.isDigit()) {
            ok = numeric(d);
        } else {
            d.accept('*');
            d.accept('.');
            ok = named(d);
        }
        if (!ok) {
            return null;
        }
        d.skipSpaces();
        if (!d.atEnd()) {
            return null;
        }
        if (d.year < 0 && d.epochSeconds == null) {
            d.year = currentYear;
        }
        return d.toInstant(zone);
    }

    /** Starts with a digit: ISO, BIND, Apache, Microsoft, Windows, epoch. */
    private static boolean numeric(DateScan d) {
        int start = d.pos;
        int first = d.digits(1, 14);
        int n = d.pos - start;
        char next = d.peek();
        if (n == 4 && next == '-') {
            d.year = first;
            d.pos++;
            return isoOrBindDate(d) && isoTime(d);
        }
        if (n <= 2 && next == '-') {
            d.day = first;
            d.pos++;
            return d.monthName() && d.accept('-') && year(d) && d.skipSpaces() > 0 && d.time(false) && zoneAfter(d);
        }
        if (n <= 2 && next == '/') {
            d.pos++;
            if (Character.isLetter(d.peek())) { // Apache: 06/Nov/1994:08:49:37 +0100
                d.day = first;
                return d.monthName() && d.accept('/') && (d.year = d.digits(4, 4)) >= 0 && d.accept(':')
                        && d.time(false) && zoneAfter(d);
            }
            d.month = first; // Microsoft: 3/13/2017 8:42:07 AM
            d.day = d.digits(1, 2);
            return d.day >= 0 && d.accept('/') && (d.year = d.digits(4, 4)) >= 0 && d.skipSpaces() > 0
                    && d.time(false) && ampm(d);
        }
        if (n == 14) { // Windows/WMI: yyyyMMddHHmmss.ffffff[+-mmm]
            d.pos = start;
            d.year = d.digits(4, 4);
            d.month = d.digits(2, 2);
            d.day = d.digits(2, 2);
            d.hour = d.digits(2, 2);
            d.minute = d.digits(2, 2);
            d.second = d.digits(2, 2);
            if (d.accept('.')) {
                int us = d.digits(6, 6);
                if (us < 0) {
                    return false;
                }
                d.micros = us;
                d.digits(0, 3); // "000": the trailing digits of a nine-digit fraction
                char sign = d.peek();
                if (sign == '+' || sign == '-') {
                    d.pos++;
                    int minutes = d.digits(3, 3);
                    if (minutes < 0) {
                        return false;
                    }
                    d.zone = ZoneOffset.ofTotalSeconds((sign == '-' ? -minutes : minutes) * 60);
                }
            }
            return true;
        }
        // epoch seconds: nine or ten digits (1973 to 2286), so that a short number is no date
        if (n >= 9 && n <= 10 && (next == '.' || next == '\0' || Character.isWhitespace(next))) {
            d.pos = start;
            long seconds = 0;
            for (int i = 0; i < n; i++) {
                seconds = seconds * 10 + (d.s.charAt(start + i) - '0');
            }
            d.pos = start + n;
            if (d.accept('.')) {
                int us = d.fraction();
                if (us < 0) {
                    return false;
                }
                d.micros = us;
            }
            d.epochSeconds = seconds;
            return true;
        }
        return false;
    }

    /** After "YYYY-": "MM-DD" or "Mon-DD". */
    private static boolean isoOrBindDate(DateScan d) {
        if (Character.isLetter(d.peek())) {
            if (!d.monthName()) {
                return false;
            }
        } else if ((d.month = d.digits(1, 2)) < 0) {
            return false;
        }
        return d.accept('-') && (d.day = d.digits(1, 2)) >= 0;
    }

    /** 'T' or blanks, the time, and an optional zone; or nothing (a date alone is midnight). */
    private static boolean isoTime(DateScan d) {
        if (d.atEnd()) {
            return true;
        }
        if (!d.accept('T') && d.skipSpaces() == 0) {
            return false;
        }
        if (!d.time(false)) {
            return false;
        }
        return d.zone() || zoneAfter(d);
    }

    /** Starts with a letter: RFC 3164/Cisco (month first), or RFC 1123/850/asctime (weekday first). */
    private static boolean named(DateScan d) {
        int wd = DateNames.weekday(d.s, d.pos);
        if (wd >= 0) {
            d.pos += DateNames.length(DateNames.WEEKDAYS, wd, d.s, d.pos);
            d.accept(',');
            d.skipSpaces();
            if (d.isDigit()) { // RFC 1123: 06 Nov 1994 08:49:37 GMT; RFC 850: 06-Nov-94 08:49:37 GMT
                d.day = d.digits(1, 2);
                boolean dashes = d.accept('-');
                if (!dashes && d.skipSpaces() == 0) {
                    return false;
                }
                if (!d.monthName() || !(dashes ? d.accept('-') : d.skipSpaces() > 0) || !year(d)) {
                    return false;
                }
                return d.skipSpaces() > 0 && d.time(false) && zoneAfter(d);
            }
            return syslogStyle(d); // asctime: Nov  6 08:49:37 1994
        }
        return syslogStyle(d);
    }

    /** "Mon dd [yyyy] hh:mm[:ss[.frac]] [yyyy] [zone]". */
    private static boolean syslogStyle(DateScan d) {
        if (!d.monthName() || d.skipSpaces() == 0 || (d.day = d.digits(1, 2)) < 0 || d.skipSpaces() == 0) {
            return false;
        }
        int mark = d.pos;
        int y = d.digits(4, 4);
        if (y >= 0 && d.skipSpaces() > 0) {
            d.year = y;
        } else {
            d.pos = mark;
        }
        if (!d.time(true)) {
            return false;
        }
        if (d.year < 0) {
            mark = d.pos;
            if (d.skipSpaces() > 0 && (y = d.digits(4, 4)) >= 0) {
                d.year = y;
            } else {
                d.pos = mark;
            }
        }
        return zoneAfter(d);
    }

    /** Two digits (69-99 are 19xx, 00-68 are 20xx) or four. */
    private static boolean year(DateScan d) {
        int start = d.pos;
        int y = d.digits(2, 4);
        if (y < 0 || d.pos - start == 3) {
            return false;
        }
        d.year = d.pos - start == 2 ? (y < 69 ? 2000 + y : 1900 + y) : y;
        return true;
    }

    /** An optional zone after blanks (kept when none follows). */
    private static boolean zoneAfter(DateScan d) {
        int mark = d.pos;
        if (d.skipSpaces() > 0 && d.zone()) {
            return true;
        }
        d.pos = mark;
        return true;
    }

    private static boolean ampm(DateScan d) {
        int mark = d.pos;
        d.skipSpaces();
        String rest = d.s.substring(d.pos);
        if (rest.regionMatches(true, 0, "AM", 0, 2)) {
            d.ampm = 1;
        } else if (rest.regionMatches(true, 0, "PM", 0, 2)) {
            d.ampm = 2;
        } else {
            d.pos = mark;
            return true;
        }
        d.pos += 2;
        return true;
    }
}
