package io.logship.lang.syslog;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Syslog timestamps read and written by hand (no formatter, no regex): RFC 3164's {@code Mmm dd hh:mm:ss}
 * (also with a fraction, and Cisco's {@code Mmm dd yyyy hh:mm:ss}), ISO 8601 / RFC 3339 as RFC 5424 has it (and
 * NXLog's {@code YYYY-MM-DD hh:mm:ss}). Times without a zone are in the given zone; times without a year get the
 * current year, or the previous one when that would put them more than a day in the future (a December line read
 * in January). Datetimes keep microseconds, as NXLog's do.
 */
final class SyslogTime {
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
    private static final String DAYS = "SunMonTueWedThuFriSat";
    private static final long DAY = 86_400;
    private static final ThreadLocal<OffsetCache> CACHE = ThreadLocal.withInitial(OffsetCache::new);

    private SyslogTime() {
    }

    /** Where a parsed timestamp ended and what it was. */
    static final class Parsed {
        int end;
        Instant time;
    }

    /**
     * An RFC 3164 timestamp at {@code p}, or an ISO one.
     *
     * @return true when one was found ({@code out} filled)
     */
    static boolean parseBsd(CharSequence s, int p, int end, ZoneId zone, Clock clock, Parsed out) {
        if (p + 14 > end) {
            return false;
        }
        int month = month(s, p);
        if (month < 0) {
            return parseIso(s, p, end, zone, out);
        }
        int q = p + 3;
        if (s.charAt(q++) != ' ') {
            return false;
        }
        if (s.charAt(q) == ' ') {
            q++;
        }
        int day = digit(s, q);
        if (day < 0) {
            return false;
        }
        q++;
        int d2 = q < end ? digit(s, q) : -1;
        if (d2 >= 0) {
            day = day * 10 + d2;
            q++;
        }
        if (q >= end || s.charAt(q++) != ' ') {
            return false;
        }
        int year = -1;
        if (q + 5 <= end && s.charAt(q + 4) == ' ' && s.charAt(q + 2) != ':') {
            year = digits(s, q, 4);
            if (year < 0) {
                return false;
            }
            q += 5;
        }
        if (q + 8 > end || s.charAt(q + 2) != ':' || s.charAt(q + 5) != ':') {
            return false;
        }
        int hour = digits(s, q, 2);
        int min = digits(s, q + 3, 2);
        int sec = digits(s, q + 6, 2);
        q += 8;
        int micros = 0;
        if (q < end && s.charAt(q) == '.' && q + 1 < end && digit(s, q + 1) >= 0) {
            q++;
            int n = 0;
            while (q < end && digit(s, q) >= 0) {
                if (n < 6) {
                    micros = micros * 10 + digit(s, q);
                }
                n++;
                q++;
            }
            for (; n < 6; n++) {
                micros *= 10;
            }
        }
        if (hour < 0 || hour > 23 || min < 0 || min > 59 || sec < 0 || sec > 60 || day < 1 || day > 31) {
            return false;
        }
        long secOfDay = hour * 3600L + min * 60L + sec;
        long epoch;
        if (year >= 0) {
            epoch = toEpoch(zone, daysFromCivil(year, month, day) * DAY + secOfDay);
        } else {
            long now = clock.millis() / 1000;
            int y = CACHE.get().currentYear(zone, now);
            epoch = toEpoch(zone, daysFromCivil(y, month, day) * DAY + secOfDay);
            if (epoch > now + DAY) {
                epoch = toEpoch(zone, daysFromCivil(y - 1, month, day) * DAY + secOfDay);
            }
        }
        out.end = q;
        out.time = Instant.ofEpochSecond(epoch, micros * 1000L);
        return true;
    }

    /**
     * An ISO 8601 timestamp at {@code p}: {@code YYYY-MM-DDThh:mm:ss[.frac][Z|+hh:mm|-hh:mm]} ({@code T} may be a
     * space; no zone means {@code zone}).
     *
     * @return true when one was found ({@code out} filled)
     */
    static boolean parseIso(CharSequence s, int p, int end, ZoneId zone, Parsed out) {
        if (p + 19 > end || s.charAt(p + 4) != '-' || s.charAt(p + 7) != '-' || s.charAt(p + 13) != ':'
                || s.charAt(p + 16) != ':') {
            return false;
        }
        char t = s.charAt(p + 10);
        if (t != 'T' && t != 't' && t != ' ') {
            return false;
        }
        int year = digits(s, p, 4);
        int month = digits(s, p + 5, 2);
        int day = digits(s, p + 8, 2);
        int hour = digits(s, p + 11, 2);
        int min = digits(s, p + 14, 2);
        int sec = digits(s, p + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || min < 0
                || min > 59 || sec < 0 || sec > 60) {
            return false;
        }
        int q = p + 19;
        int micros = 0;
        if (q < end && s.charAt(q) == '.') {
            q++;
            int n = 0;
            while (q < end && digit(s, q) >= 0) {
                if (n < 6) {
                    micros = micros * 10 + digit(s, q);
                }
                n++;
                q++;
            }
            if (n == 0) {
                return false;
            }
            for (; n < 6; n++) {
                micros *= 10;
            }
        }
        long local = daysFromCivil(year, month, day) * DAY + hour * 3600L + min * 60L + sec;
        long epoch;
        char z = q < end ? s.charAt(q) : ' ';
        if (z == 'Z' || z == 'z') {
            epoch = local;
            q++;
        } else if ((z == '+' || z == '-') && q + 3 <= end && digits(s, q + 1, 2) >= 0) {
            int oh = digits(s, q + 1, 2);
            int om = 0;
            int r = q + 3;
            if (r + 3 <= end && s.charAt(r) == ':' && digits(s, r + 1, 2) >= 0) {
                om = digits(s, r + 1, 2);
                r += 3;
            } else if (r + 2 <= end && digits(s, r, 2) >= 0) {
                om = digits(s, r, 2);
                r += 2;
            }
            if (oh > 23 || om > 59) {
                return false;
            }
            int off = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
            epoch = local - off;
            q = r;
        } else {
            epoch = toEpoch(zone, local);
        }
        out.end = q;
        out.time = Instant.ofEpochSecond(epoch, micros * 1000L);
        return true;
    }

    /** {@code Mmm dd hh:mm:ss} (day space-padded, as RFC 3164 has it) in {@code zone}. */
    static void appendBsd(StringBuilder sb, Instant t, ZoneId zone) {
        long local = t.getEpochSecond() + offsetSeconds(zone, t);
        long days = Math.floorDiv(local, DAY);
        int secOfDay = (int) Math.floorMod(local, DAY);
        long ymd = civilFromDays(days);
        int month = (int) (ymd >> 8 & 0xFF);
        int day = (int) (ymd & 0xFF);
        sb.append(MONTHS, (month - 1) * 3, month * 3).append(' ');
        if (day < 10) {
            sb.append(' ');
        }
        sb.append(day).append(' ');
        appendTime(sb, secOfDay);
    }

    /** Snare's {@code Www Mmm dd hh:mm:ss yyyy} (ctime's form) in {@code zone}. */
    static void appendCtime(StringBuilder sb, Instant t, ZoneId zone) {
        long local = t.getEpochSecond() + offsetSeconds(zone, t);
        long days = Math.floorDiv(local, DAY);
        int wday = (int) Math.floorMod(days + 4, 7);
        sb.append(DAYS, wday * 3, wday * 3 + 3).append(' ');
        appendBsd(sb, t, zone);
        sb.append(' ').append(civilFromDays(days) >> 16);
    }

    /** RFC 5424's {@code YYYY-MM-DDThh:mm:ss.uuuuuu} then {@code Z} (utc) or the zone's {@code +hh:mm}. */
    static void appendIetf(StringBuilder sb, Instant t, ZoneId zone, boolean utc) {
        int off = utc ? 0 : offsetSeconds(zone, t);
        long local = t.getEpochSecond() + off;
        long days = Math.floorDiv(local, DAY);
        long ymd = civilFromDays(days);
        sb.append(ymd >> 16).append('-');
        pad2(sb, (int) (ymd >> 8 & 0xFF));
        sb.append('-');
        pad2(sb, (int) (ymd & 0xFF));
        sb.append('T');
        appendTime(sb, (int) Math.floorMod(local, DAY));
        int micros = t.getNano() / 1000;
        sb.append('.');
        for (int div = 100_000; div > 0; div /= 10) {
            sb.append((char) ('0' + micros / div % 10));
        }
        if (utc) {
            sb.append('Z');
        } else {
            sb.append(off < 0 ? '-' : '+');
            int a = Math.abs(off) / 60;
            pad2(sb, a / 60);
            sb.append(':');
            pad2(sb, a % 60);
        }
    }

    private static void appendTime(StringBuilder sb, int secOfDay) {
        pad2(sb, secOfDay / 3600);
        sb.append(':');
        pad2(sb, secOfDay / 60 % 60);
        sb.append(':');
        pad2(sb, secOfDay % 60);
    }

    private static void pad2(StringBuilder sb, int v) {
        sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /** 1..12 for an English month abbreviation at {@code p} (any case), or -1. */
    private static int month(CharSequence s, int p) {
        int k = (s.charAt(p) | 0x20) << 16 | (s.charAt(p + 1) | 0x20) << 8 | (s.charAt(p + 2) | 0x20);
        return switch (k) {
            case 'j' << 16 | 'a' << 8 | 'n' -> 1;
            case 'f' << 16 | 'e' << 8 | 'b' -> 2;
            case 'm' << 16 | 'a' << 8 | 'r' -> 3;
            case 'a' << 16 | 'p' << 8 | 'r' -> 4;
            case 'm' << 16 | 'a' << 8 | 'y' -> 5;
            case 'j' << 16 | 'u' << 8 | 'n' -> 6;
            case 'j' << 16 | 'u' << 8 | 'l' -> 7;
            case 'a' << 16 | 'u' << 8 | 'g' -> 8;
            case 's' << 16 | 'e' << 8 | 'p' -> 9;
            case 'o' << 16 | 'c' << 8 | 't' -> 10;
            case 'n' << 16 | 'o' << 8 | 'v' -> 11;
            case 'd' << 16 | 'e' << 8 | 'c' -> 12;
            default -> -1;
        };
    }

    private static int digit(CharSequence s, int p) {
        char c = s.charAt(p);
        return c >= '0' && c <= '9' ? c - '0' : -1;
    }

    /** The value of {@code n} decimal digits at {@code p}, or -1. */
    private static int digits(CharSequence s, int p, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int d = digit(s, p + i);
            if (d < 0) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (a day past the month's end rolls over). */
    static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /** year << 16 | month << 8 | day of a day number. */
    static long civilFromDays(long z) {
        z += 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        return y << 16 | m << 8 | d;
    }

    /** The epoch second of a local time (seconds since 1970-01-01T00:00 on the wall clock) in {@code zone}. */
    static long toEpoch(ZoneId zone, long local) {
        if (zone instanceof ZoneOffset o) {
            return local - o.getTotalSeconds();
        }
        return local - CACHE.get().offsetOfLocal(zone, local);
    }

    static int offsetSeconds(ZoneId zone, Instant t) {
        if (zone instanceof ZoneOffset o) {
            return o.getTotalSeconds();
        }
        return zone.getRules().getOffset(t).getTotalSeconds();
    }

    /** Per thread: the offset of the last local hour asked, and the current year's bounds. */
    private static final class OffsetCache {
        private ZoneId zone;
        private long hour = Long.MIN_VALUE;
        private int offset;
        private ZoneId yearZone;
        private long yearStart = Long.MAX_VALUE;
        private long yearEnd = Long.MIN_VALUE;
        private int year;

        int offsetOfLocal(ZoneId z, long local) {
            long h = Math.floorDiv(local, 3600);
            if (z != zone || h != hour) {
                LocalDateTime ldt = LocalDateTime.ofEpochSecond(h * 3600, 0, ZoneOffset.UTC);
                offset = z.getRules().getOffset(ldt).getTotalSeconds();
                zone = z;
                hour = h;
            }
            return offset;
        }

        int currentYear(ZoneId z, long now) {
            if (z != yearZone || now < yearStart || now >= yearEnd) {
                Instant t = Instant.ofEpochSecond(now);
                long local = now + offsetSeconds(z, t);
                year = (int) (civilFromDays(Math.floorDiv(local, DAY)) >> 16);
                yearStart = toEpochUncached(z, daysFromCivil(year, 1, 1) * DAY);
                yearEnd = toEpochUncached(z, daysFromCivil(year + 1, 1, 1) * DAY);
                yearZone = z;
            }
            return year;
        }

        private static long toEpochUncached(ZoneId z, long local) {
            LocalDateTime ldt = LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC);
            return local - z.getRules().getOffset(ldt).getTotalSeconds();
        }
    }
}
