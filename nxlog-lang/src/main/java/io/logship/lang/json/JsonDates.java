package io.logship.lang.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * xm_json's {@code ParseDate}: a string that starts with a four-digit year and holds a whole timestamp becomes a
 * datetime. Read by hand (no exceptions, no regex) because it runs on every string value: {@code YYYY-MM-DD},
 * {@code T} or a space, {@code hh:mm:ss}, an optional fraction (up to nine digits), then {@code Z}, an offset
 * ({@code +hh:mm}, {@code +hhmm}, {@code +hh}) or nothing (local time in the given zone). Anything else stays a
 * string.
 */
public final class JsonDates {
    private JsonDates() {
    }

    /** The datetime {@code s} holds, or null when it is not one of the forms above. */
    public static Instant parse(String s, ZoneId zone) {
        int n = s.length();
        if (n < 19 || !digits(s, 0, 4) || s.charAt(4) != '-' || !digits(s, 5, 2) || s.charAt(7) != '-'
                || !digits(s, 8, 2) || (s.charAt(10) != 'T' && s.charAt(10) != ' ') || !digits(s, 11, 2)
                || s.charAt(13) != ':' || !digits(s, 14, 2) || s.charAt(16) != ':' || !digits(s, 17, 2)) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || (i < n && isDigit(s.charAt(i)))) {
                return null;
            }
            for (int k = len; k < 9; k++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset = null;
        if (i < n) {
            char c = s.charAt(i);
            if (c == 'Z' && i + 1 == n) {
                offset = ZoneOffset.UTC;
            } else if ((c == '+' || c == '-') && (n - i == 3 || n - i == 5 || n - i == 6) && digits(s, i + 1, 2)) {
                int h = num(s, i + 1, 2);
                int m = 0;
                if (n - i == 5 && digits(s, i + 3, 2)) {
                    m = num(s, i + 3, 2);
                } else if (n - i == 6 && s.charAt(i + 3) == ':' && digits(s, i + 4, 2)) {
                    m = num(s, i + 4, 2);
                } else if (n - i != 3) {
                    return null;
                }
                if (h > 18 || m > 59) {
                    return null;
                }
                int total = h * 3600 + m * 60;
                offset = ZoneOffset.ofTotalSeconds(c == '-' ? -total : total);
            } else {
                return null;
            }
        }
        try {
            LocalDateTime t = LocalDateTime.of(num(s, 0, 4), num(s, 5, 2), num(s, 8, 2), num(s, 11, 2),
                    num(s, 14, 2), num(s, 17, 2), nanos);
            return offset != null ? t.toInstant(offset) : t.atZone(zone).toInstant();
        } catch (DateTimeException e) {
            return null; // 2024-13-45 and the like: not a date, a string
        }
    }

    private static boolean digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int num(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
