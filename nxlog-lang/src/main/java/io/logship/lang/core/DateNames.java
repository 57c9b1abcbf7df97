package io.logship.lang.core;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/** English month and weekday names and the time zone abbreviations dates carry (C locale, as NXLog). */
final class DateNames {
    static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"};
    static final String[] WEEKDAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

    /** Zone abbreviations with fixed offsets (the ones NXLog's date parser knows). */
    private static final Map<String, ZoneOffset> ABBREVIATIONS = Map.ofEntries(
            Map.entry("UTC", ZoneOffset.UTC), Map.entry("GMT", ZoneOffset.UTC), Map.entry("UT", ZoneOffset.UTC),
            Map.entry("Z", ZoneOffset.UTC),
            Map.entry("MET", ZoneOffset.ofHours(1)), Map.entry("CET", ZoneOffset.ofHours(1)),
            Map.entry("CEST", ZoneOffset.ofHours(2)), Map.entry("EET", ZoneOffset.ofHours(2)),
            Map.entry("EEST", ZoneOffset.ofHours(3)), Map.entry("WET", ZoneOffset.UTC),
            Map.entry("WEST", ZoneOffset.ofHours(1)), Map.entry("BST", ZoneOffset.ofHours(1)),
            Map.entry("WST", ZoneOffset.ofHours(8)), Map.entry("JST", ZoneOffset.ofHours(9)),
            Map.entry("NZT", ZoneOffset.ofHours(12)), Map.entry("AST", ZoneOffset.ofHours(-4)),
            Map.entry("ADT", ZoneOffset.ofHours(-3)), Map.entry("EST", ZoneOffset.ofHours(-5)),
            Map.entry("EDT", ZoneOffset.ofHours(-4)), Map.entry("CST", ZoneOffset.ofHours(-6)),
            Map.entry("CDT", ZoneOffset.ofHours(-5)), Map.entry("MST", ZoneOffset.ofHours(-7)),
            Map.entry("MDT", ZoneOffset.ofHours(-6)), Map.entry("PST", ZoneOffset.ofHours(-8)),
            Map.entry("PDT", ZoneOffset.ofHours(-7)));

    private DateNames() {
    }

    /** The month (1-12) whose name or three-letter abbreviation starts at {@code at}, or 0; see {@link #length}. */
    static int month(CharSequence s, int at) {
        return find(MONTHS, s, at) + 1;
    }

    /** The weekday (0 = Sunday) whose name or abbreviation starts at {@code at}, or -1. */
    static int weekday(CharSequence s, int at) {
        return find(WEEKDAYS, s, at);
    }

    /** How many characters the name found at {@code at} takes: the full name when written so, else three. */
    static int length(String[] names, int index, CharSequence s, int at) {
        String full = names[index];
        return regionMatches(s, at, full, full.length()) ? full.length() : 3;
    }

    private static int find(String[] names, CharSequence s, int at) {
        for (int i = 0; i < names.length; i++) {
            if (regionMatches(s, at, names[i], 3)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean regionMatches(CharSequence s, int at, String name, int n) {
        if (at + n > s.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (Character.toLowerCase(s.charAt(at + i)) != Character.toLowerCase(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The zone an abbreviation or region name stands for, or null. */
    static ZoneId zone(String name) {
        ZoneOffset fixed = ABBREVIATIONS.get(name.toUpperCase(java.util.Locale.ROOT));
        if (fixed != null) {
            return fixed;
        }
        if (name.indexOf('/') > 0) {
            try {
                return ZoneId.of(name);
            } catch (java.time.DateTimeException e) {
                return null;
            }
        }
        return null;
    }
}
