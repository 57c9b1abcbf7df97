package io.logship.lang.core;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A C {@code strftime(3)} format compiled once into parts (glibc's conversions, C locale), or one of NXLog's
 * named formats ({@code YYYY-MM-DD hh:mm:ss}, {@code YYYY-MM-DDThh:mm:ss.sTZ}, ... {@code ...UTC}). Two extensions
 * the named formats are made of: {@code %f} (microseconds, six digits) and {@code %:z} ({@code +01:00}). An
 * unknown conversion is copied as written, as glibc does. Immutable and thread-safe.
 */
final class Strftime {
    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.US); // ROOT has no abbreviations on JDK 23+ (CLDR only)
    private static final Map<String, String> NAMED = Map.of(
            "YYYY-MM-DD hh:mm:ss", "%Y-%m-%d %H:%M:%S",
            "YYYY-MM-DDThh:mm:ssTZ", "%Y-%m-%dT%H:%M:%S%:z",
            "YYYY-MM-DDThh:mm:ss.sTZ", "%Y-%m-%dT%H:%M:%S.%f%:z",
            "YYYY-MM-DD hh:mm:ssTZ", "%Y-%m-%d %H:%M:%S%:z",
            "YYYY-MM-DD hh:mm:ss.sTZ", "%Y-%m-%d %H:%M:%S.%f%:z",
            "YYYY-MM-DDThh:mm:ssUTC", "%Y-%m-%dT%H:%M:%SZ",
            "YYYY-MM-DDThh:mm:ss.sUTC", "%Y-%m-%dT%H:%M:%S.%fZ",
            "YYYY-MM-DD hh:mm:ssUTC", "%Y-%m-%d %H:%M:%SZ",
            "YYYY-MM-DD hh:mm:ss.sUTC", "%Y-%m-%d %H:%M:%S.%fZ");

    @FunctionalInterface
    private interface Part {
        void append(StringBuilder out, ZonedDateTime t);
    }

    private final Part[] parts;
    private final boolean utc;

    private Strftime(List<Part> parts, boolean utc) {
        this.parts = parts.toArray(new Part[0]);
        this.utc = utc;
    }

    static Strftime compile(String format) {
        return compile(format, false);
    }

    /**
     * {@code strict}: a conversion glibc does not know (or a lone {@code %} at the end) is refused with an
     * {@link IllegalArgumentException}, for a directive checked at config time, rather than copied as written.
     */
    static Strftime compile(String format, boolean strict) {
        String named = NAMED.get(format);
        List<Part> parts = new ArrayList<>();
        compileInto(named != null ? named : format, parts, strict ? format : null);
        return new Strftime(parts, named != null && format.endsWith("UTC"));
    }

    String format(Instant t, ZoneId zone) {
        ZonedDateTime z = t.atZone(utc ? ZoneOffset.UTC : zone);
        StringBuilder out = new StringBuilder(32);
        for (Part p : parts) {
            p.append(out, z);
        }
        return out.toString();
    }

    /** {@code strictFormat}: the format as written when unknown conversions are refused, else null. */
    private static void compileInto(String f, List<Part> parts, String strictFormat) {
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c != '%' || i + 1 >= f.length()) {
                if (c == '%' && strictFormat != null) {
                    throw new IllegalArgumentException("date format '" + strictFormat + "' ends with a lone %");
                }
                literal.append(c);
                continue;
            }
            int start = i;
            char flag = 0;
            char n = f.charAt(++i);
            if ((n == '-' || n == '_' || n == '0' || n == ':') && i + 1 < f.length()) {
                flag = n;
                n = f.charAt(++i);
            }
            if (n == 'E' || n == 'O') { // locale modifiers: the C locale ignores them
                if (i + 1 >= f.length()) {
                    unsupported(strictFormat, n);
                    literal.append(f, start, i + 1);
                    continue;
                }
                n = f.charAt(++i);
            }
            String expansion = expansion(n);
            if (expansion != null) {
                flush(literal, parts);
                compileInto(expansion, parts, strictFormat);
                continue;
            }
            Part p = part(n, flag);
            if (p == null) {
                unsupported(strictFormat, n);
                literal.append(f, start, i + 1);
            } else {
                flush(literal, parts);
                parts.add(p);
            }
        }
        flush(literal, parts);
    }

    private static void unsupported(String strictFormat, char n) {
        if (strictFormat != null) {
            throw new IllegalArgumentException("date format '" + strictFormat + "': unsupported conversion %" + n);
        }
    }

    /**
     * What a composite conversion stands for in the C locale ({@code %F}: {@code %Y-%m-%d}), or null; strptime
     * reads them the same way.
     */
    static String expansion(char n) {
        return switch (n) {
            case 'c' -> "%a %b %e %H:%M:%S %Y";
            case 'D', 'x' -> "%m/%d/%y";
            case 'F' -> "%Y-%m-%d";
            case 'r' -> "%I:%M:%S %p";
            case 'R' -> "%H:%M";
            case 'T', 'X' -> "%H:%M:%S";
            case 'h' -> "%b";
            default -> null;
        };
    }

    private static void flush(StringBuilder literal, List<Part> parts) {
        if (literal.length() > 0) {
            String s = literal.toString();
            parts.add((out, t) -> out.append(s));
            literal.setLength(0);
        }
    }

    private static Part part(char n, char flag) {
        return switch (n) {
            case 'Y' -> (out, t) -> out.append(t.getYear());
            case 'C' -> num(flag, 2, '0', t -> t.getYear() / 100);
            case 'y' -> num(flag, 2, '0', t -> t.getYear() % 100);
            case 'G' -> (out, t) -> out.append(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'g' -> num(flag, 2, '0', t -> t.get(IsoFields.WEEK_BASED_YEAR) % 100);
            case 'm' -> num(flag, 2, '0', ZonedDateTime::getMonthValue);
            case 'd' -> num(flag, 2, '0', ZonedDateTime::getDayOfMonth);
            case 'e' -> num(flag, 2, ' ', ZonedDateTime::getDayOfMonth);
            case 'j' -> num(flag, 3, '0', ZonedDateTime::getDayOfYear);
            case 'H' -> num(flag, 2, '0', ZonedDateTime::getHour);
            case 'k' -> num(flag, 2, ' ', ZonedDateTime::getHour);
            case 'I' -> num(flag, 2, '0', t -> (t.getHour() + 11) % 12 + 1);
            case 'l' -> num(flag, 2, ' ', t -> (t.getHour() + 11) % 12 + 1);
            case 'M' -> num(flag, 2, '0', ZonedDateTime::getMinute);
            case 'S' -> num(flag, 2, '0', ZonedDateTime::getSecond);
            case 'f' -> num(flag, 6, '0', t -> t.getNano() / 1000);
            case 's' -> (out, t) -> out.append(t.toEpochSecond());
            case 'u' -> (out, t) -> out.append(t.getDayOfWeek().getValue());
            case 'w' -> (out, t) -> out.append(t.getDayOfWeek().getValue() % 7);
            case 'U' -> num(flag, 2, '0', t -> (t.getDayOfYear() + 6 - t.getDayOfWeek().getValue() % 7) / 7);
            case 'W' -> num(flag, 2, '0', t -> (t.getDayOfYear() + 6 - (t.getDayOfWeek().getValue() + 6) % 7) / 7);
            case 'V' -> num(flag, 2, '0', t -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case 'a' -> (out, t) -> out.append(DateNames.WEEKDAYS[t.getDayOfWeek().getValue() % 7], 0, 3);
            case 'A' -> (out, t) -> out.append(DateNames.WEEKDAYS[t.getDayOfWeek().getValue() % 7]);
            case 'b' -> (out, t) -> out.append(DateNames.MONTHS[t.getMonthValue() - 1], 0, 3);
            case 'B' -> (out, t) -> out.append(DateNames.MONTHS[t.getMonthValue() - 1]);
            case 'p' -> (out, t) -> out.append(t.getHour() < 12 ? "AM" : "PM");
            case 'P' -> (out, t) -> out.append(t.getHour() < 12 ? "am" : "pm");
            case 'z' -> (out, t) -> offset(out, t.getOffset().getTotalSeconds(), flag == ':');
            case 'Z' -> (out, t) -> out.append(ZONE_NAME.format(t));
            case 'n' -> (out, t) -> out.append('\n');
            case 't' -> (out, t) -> out.append('\t');
            case '%' -> (out, t) -> out.append('%');
            default -> null;
        };
    }

    private interface IntField {
        int get(ZonedDateTime t);
    }

    /** A number padded to {@code width} with {@code pad} ('-' flag: no padding, '_': blanks, '0': zeros). */
    private static Part num(char flag, int width, char pad, IntField field) {
        char p = flag == '_' ? ' ' : flag == '0' ? '0' : pad;
        boolean padded = flag != '-';
        return (out, t) -> {
            int v = field.get(t);
            if (padded) {
                int digits = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : 6;
                for (int i = digits; i < width; i++) {
                    out.append(p);
                }
            }
            out.append(v);
        };
    }

    private static void offset(StringBuilder out, int seconds, boolean colon) {
        out.append(seconds < 0 ? '-' : '+');
        int abs = Math.abs(seconds) / 60;
        int h = abs / 60;
        int m = abs % 60;
        out.append((char) ('0' + h / 10)).append((char) ('0' + h % 10));
        if (colon) {
            out.append(':');
        }
        out.append((char) ('0' + m / 10)).append((char) ('0' + m % 10));
    }
}
