package io.logship.lang.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * NXLog's named datetime formats written by hand rather than through a DateTimeFormatter, because one runs for
 * every datetime field of every event {@code to_json()} writes: {@code YYYY-MM-DD}, the separator, {@code
 * hh:mm:ss}, optionally {@code .} and six digits (nine when the value is finer than a microsecond), then
 * {@code Z} (UTC forms), the offset {@code +hh:mm} (TZ forms) or nothing.
 */
final class NamedDateFormat {
    private final char sep;
    private final boolean fraction;
    private final boolean utc;
    private final boolean offset;

    NamedDateFormat(char sep, boolean fraction, boolean utc, boolean offset) {
        this.sep = sep;
        this.fraction = fraction;
        this.utc = utc;
        this.offset = offset;
    }

    String format(Instant t, ZoneId zone) {
        int off = utc ? 0 : zone instanceof ZoneOffset zo ? zo.getTotalSeconds()
                : zone.getRules().getOffset(t).getTotalSeconds();
        long local = t.getEpochSecond() + off;
        long day = Math.floorDiv(local, 86_400L);
        int secs = (int) Math.floorMod(local, 86_400L);
        LocalDate d = LocalDate.ofEpochDay(day);
        char[] b = new char[36];
        int i = 0;
        int year = d.getYear();
        if (year < 0 || year > 9999) {
            String y = Integer.toString(year);
            if (y.length() + 32 > b.length) {
                b = new char[y.length() + 32];
            }
            y.getChars(0, y.length(), b, 0);
            i = y.length();
        } else {
            i = two(b, two(b, i, year / 100), year % 100);
        }
        b[i++] = '-';
        i = two(b, i, d.getMonthValue());
        b[i++] = '-';
        i = two(b, i, d.getDayOfMonth());
        b[i++] = sep;
        i = two(b, i, secs / 3600);
        b[i++] = ':';
        i = two(b, i, secs / 60 % 60);
        b[i++] = ':';
        i = two(b, i, secs % 60);
        if (fraction) {
            int nano = t.getNano();
            boolean nine = nano % 1000 != 0;
            int v = nine ? nano : nano / 1000;
            int digits = nine ? 9 : 6;
            b[i++] = '.';
            for (int k = digits - 1; k >= 0; k--) {
                b[i + k] = (char) ('0' + v % 10);
                v /= 10;
            }
            i += digits;
        }
        if (utc) {
            b[i++] = 'Z';
        } else if (offset) {
            int a = Math.abs(off);
            b[i++] = off < 0 ? '-' : '+';
            i = two(b, i, a / 3600);
            b[i++] = ':';
            i = two(b, i, a / 60 % 60);
        }
        return new String(b, 0, i);
    }

    private static int two(char[] b, int i, int v) {
        b[i] = (char) ('0' + v / 10);
        b[i + 1] = (char) ('0' + v % 10);
        return i + 2;
    }
}
