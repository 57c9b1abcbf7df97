package io.logship.lang.json;

import io.logship.lang.core.NxlogDates;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * How a datetime is written as text in JSON (and the other formats): NXLog's {@code DateFormat} values. The
 * named formats are NXLog's: {@code YYYY-MM-DD hh:mm:ss}, {@code YYYY-MM-DDThh:mm:ssTZ},
 * {@code YYYY-MM-DDThh:mm:ss.sTZ} (xm_json's default), {@code YYYY-MM-DD hh:mm:ssTZ},
 * {@code YYYY-MM-DD hh:mm:ss.sTZ}, and the four {@code ...UTC} forms; {@code TZ} is the zone's offset as
 * {@code +01:00}, {@code UTC} is the time in UTC with {@code Z}, {@code .s} is microseconds (NXLog's
 * precision). Anything else is a strftime pattern (the core library's, as {@code strftime()}:
 * {@link NxlogDates#compileStrict}). Local times are in the zone each call
 * passes (the instance's, NXLog's local time). Immutable and thread-safe.
 *
 * <p>A value finer than a microsecond (NXLog has none; Java can) keeps all nine digits in the {@code .s}
 * forms, so it reads back unchanged.
 */
public final class JsonDateFormat {
    /** xm_json's default. */
    public static final String DEFAULT_NAME = "YYYY-MM-DDThh:mm:ss.sTZ";

    private final String name;
    private final NamedDateFormat named; // null: strftime
    private final NxlogDates.Format strftime;

    private JsonDateFormat(String name, NamedDateFormat named, NxlogDates.Format strftime) {
        this.name = name;
        this.named = named;
        this.strftime = strftime;
    }

    /** xm_json's default, {@value #DEFAULT_NAME}. */
    public static final JsonDateFormat DEFAULT = of(DEFAULT_NAME);

    /**
     * The format a {@code DateFormat} directive names.
     *
     * @throws IllegalArgumentException for an unknown named format or a strftime conversion it does not know
     */
    public static JsonDateFormat of(String format) {
        Objects.requireNonNull(format, "format");
        String f = format.strip();
        String upper = f.toUpperCase(Locale.ROOT);
        boolean named = upper.startsWith("YYYY-MM-DD");
        if (named) {
            String rest = upper.substring("YYYY-MM-DD".length());
            char sep;
            if (rest.startsWith("T")) {
                sep = 'T';
            } else if (rest.startsWith(" ")) {
                sep = ' ';
            } else {
                throw new IllegalArgumentException("unknown date format '" + format + "'");
            }
            rest = rest.substring(1);
            if (!rest.startsWith("HH:MM:SS")) {
                throw new IllegalArgumentException("unknown date format '" + format + "'");
            }
            rest = rest.substring("HH:MM:SS".length());
            boolean frac = rest.startsWith(".S");
            if (frac) {
                rest = rest.substring(2);
            }
            boolean utc = rest.equals("UTC");
            boolean tz = rest.equals("TZ");
            if (!utc && !tz && !rest.isEmpty()) {
                throw new IllegalArgumentException("unknown date format '" + format + "'");
            }
            if (!frac && rest.isEmpty() && sep == 'T') {
                throw new IllegalArgumentException("unknown date format '" + format + "'");
            }
            return new JsonDateFormat(f, new NamedDateFormat(sep, frac, utc, tz), null);
        }
        return new JsonDateFormat(f, null, NxlogDates.compileStrict(f));
    }

    /** The datetime as text, local time in {@code zone} (ignored by the UTC forms). */
    public String format(Instant t, ZoneId zone) {
        return named != null ? named.format(t, zone) : strftime.format(t, zone);
    }

    /** The directive value this format was made from. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
