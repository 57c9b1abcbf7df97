package io.logship.lang;

import io.logship.api.Event;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The language's values as Java objects, the same ones {@link Event} fields hold: string {@link String},
 * integer {@link Long}, boolean {@link Boolean}, datetime {@link Instant} (NXLog keeps microseconds), IP address
 * {@link InetAddress}, binary {@code byte[]}, float {@link Double} (fields from JSON or Python may hold one);
 * a regular expression literal is a {@link Regex}; undef is {@code null}.
 */
public final class Types {
    public static final String STRING = "string";
    public static final String INTEGER = "integer";
    public static final String BOOLEAN = "boolean";
    public static final String DATETIME = "datetime";
    public static final String IP4ADDR = "ip4addr";
    public static final String IP6ADDR = "ip6addr";
    public static final String REGEXP = "regexp";
    public static final String BINARY = "binary";
    public static final String FLOAT = "float";
    public static final String UNDEF = "undef";
    /** In {@link ExecFunction#argTypes()}: any type. */
    public static final String ANY = "any";
    /** In {@link ExecFunction#argTypes()}: ip4addr or ip6addr. */
    public static final String IPADDR = "ipaddr";

    /** NXLog's text form of a datetime: local time, seconds. */
    private static final DateTimeFormatter NXLOG_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * The last datetime text made, by second and zone: the datetimes of a stream of events (EventReceivedTime) fall
     * in the same second for thousands of events in a row, and DateTimeFormatter costs a microsecond each.
     */
    private static volatile SecondText lastSecond = new SecondText(Long.MIN_VALUE, ZoneId.of("UTC"), "");

    private record SecondText(long epochSecond, ZoneId zone, String text) {
    }

    private Types() {
    }

    /** The NXLog type name of a value ({@code type()} returns it): a field value's as {@link Event#typeName}. */
    public static String typeName(Object v) {
        if (v instanceof Regex || v instanceof Pattern) {
            return REGEXP;
        }
        return Event.typeName(v);
    }

    /** True when a value of type {@code actual} may stand where {@code wanted} is declared. */
    public static boolean accepts(String wanted, String actual) {
        return wanted.equals(ANY) || wanted.equals(actual)
                || (wanted.equals(IPADDR) && (actual.equals(IP4ADDR) || actual.equals(IP6ADDR)));
    }

    /**
     * NXLog's {@code string()} of a value: datetime as {@code YYYY-MM-DD hh:mm:ss} in {@code zone}, an IP address
     * without a host name, binary as UTF-8 text, a boolean as TRUE/FALSE; undef stays null.
     */
    public static String toText(Object v, ZoneId zone) {
        if (v instanceof Instant t) {
            SecondText last = lastSecond;
            long second = t.getEpochSecond();
            if (last.epochSecond() == second && last.zone().equals(zone)) {
                return last.text();
            }
            String text = NXLOG_DATETIME.format(t.atZone(zone));
            lastSecond = new SecondText(second, zone, text);
            return text;
        } else if (v instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        } else if (v instanceof Regex r) {
            return r.source();
        }
        return Event.toText(v);
    }
}
