package io.logship.lang.core;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A C {@code strptime(3)} format compiled once into steps (glibc's conversions, C locale). As in C, blanks in the
 * format match any run of blanks (also none), numbers may have leading blanks, and text after the format is
 * ignored. Fields the format does not set default to 1900-01-01 00:00:00 (C's zeroed {@code struct tm}; use
 * {@code fix_year()} for formats without a year); the time is local ({@code zone}) unless {@code %z}
 * read one ({@code %Z} is read and ignored, as glibc does). A day past the month's end rolls over into the next
 * month (Feb 30 is Mar 1), as C's {@code mktime} does. Extension: {@code %f} (a fraction of a second, to
 * microseconds). Immutable and thread-safe.
 */
final class Strptime {
    @FunctionalInterface
    private interface Step {
        boolean read(DateScan d);
    }

    private final Step[] steps;

    private Strptime(List<Step> steps) {
        this.steps = steps.toArray(new Step[0]);
    }

    static Strptime compile(String format) {
        List<Step> steps = new ArrayList<>();
        compileInto(format, steps);
        return new Strptime(steps);
    }

    /** The instant, or null when the text does not fit the format. */
    Instant parse(String text, ZoneId zone) {
        DateScan d = new DateScan(text);
        for (Step s : steps) {
            if (!s.read(d)) {
                return null;
            }
        }
        d.rollOverDays = true;
        return d.toInstant(zone);
    }

    private static void compileInto(String f, List<Step> steps) {
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (Character.isWhitespace(c)) {
                steps.add(d -> {
                    d.skipSpaces();
                    return true;
                });
                while (i + 1 < f.length() && Character.isWhitespace(f.charAt(i + 1))) {
                    i++;
                }
                continue;
            }
            if (c != '%' || i + 1 >= f.length()) {
                steps.add(d -> d.accept(c));
                continue;
            }
            char n = f.charAt(++i);
            if ((n == 'E' || n == 'O' || n == '-' || n == '_' || n == '0') && i + 1 < f.length()) {
                n = f.charAt(++i);
            }
            String expansion = Strftime.expansion(n);
            if (expansion != null) {
                compileInto(expansion, steps);
            } else {
                steps.add(step(n));
            }
        }
    }

    private static Step step(char n) {
        return switch (n) {
            case 'Y' -> d -> (d.year = number(d, 1, 4)) >= 0;
            case 'y' -> d -> {
                int y = number(d, 1, 2);
                d.year = y < 0 ? -1 : y < 69 ? 2000 + y : 1900 + y;
                return y >= 0;
            };
            case 'C' -> d -> {
                int c = number(d, 1, 2);
                d.year = c * 100 + Math.max(d.year, 0) % 100;
                return c >= 0;
            };
            case 'm' -> d -> range(d.month = number(d, 1, 2), 1, 12);
            case 'd', 'e' -> d -> range(d.day = number(d, 1, 2), 1, 31);
            case 'j' -> d -> range(d.yearDay = number(d, 1, 3), 1, 366);
            case 'H', 'k' -> d -> range(d.hour = number(d, 1, 2), 0, 23);
            case 'I', 'l' -> d -> range(d.hour = number(d, 1, 2), 1, 12);
            case 'M' -> d -> range(d.minute = number(d, 1, 2), 0, 59);
            case 'S' -> d -> range(d.second = number(d, 1, 2), 0, 60);
            case 'f' -> d -> (d.micros = d.fraction()) >= 0;
            case 's' -> d -> {
                d.skipSpaces();
                int from = d.pos;
                boolean negative = d.accept('-');
                long v = 0;
                while (d.isDigit() && d.pos - from < 19) {
                    v = v * 10 + (d.s.charAt(d.pos++) - '0');
                }
                d.epochSeconds = negative ? -v : v;
                return d.pos > from + (negative ? 1 : 0);
            };
            case 'b', 'B', 'h' -> DateScan::monthName;
            case 'a', 'A' -> d -> {
                int w = DateNames.weekday(d.s, d.pos);
                if (w < 0) {
                    return false;
                }
                d.pos += DateNames.length(DateNames.WEEKDAYS, w, d.s, d.pos);
                return true;
            };
            case 'p', 'P' -> d -> {
                if (d.s.regionMatches(true, d.pos, "AM", 0, 2)) {
                    d.ampm = 1;
                } else if (d.s.regionMatches(true, d.pos, "PM", 0, 2)) {
                    d.ampm = 2;
                } else {
                    return false;
                }
                d.pos += 2;
                return true;
            };
            case 'z' -> DateScan::zone;
            case 'Z' -> d -> { // glibc reads the zone name but does not use it (strptime(3)): nor do we
                d.skipSpaces();
                while (!d.atEnd() && !Character.isWhitespace(d.peek())) {
                    d.pos++;
                }
                return true;
            };
            case 'n', 't' -> d -> {
                d.skipSpaces();
                return true;
            };
            case '%' -> d -> d.accept('%');
            default -> d -> false; // an unknown conversion matches nothing, as in glibc
        };
    }

    private static int number(DateScan d, int min, int max) {
        d.skipSpaces();
        return d.digits(min, max);
    }

    private static boolean range(int v, int min, int max) {
        return v >= min && v <= max;
    }
}
