package io.logship.lang.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The one rule for writing an event field's value into JSON, used by {@code to_json()}, om_file's JSON lines
 * and om_s3's {@code Encoding json}, so a field reads the same everywhere: integer as a JSON integer, float as a
 * JSON number (NaN and the infinities, which JSON lacks, as strings), boolean as true/false, datetime as a
 * string in a {@link JsonDateFormat} (NXLog's {@value JsonDateFormat#DEFAULT_NAME} in local time unless
 * configured), binary as lower-case hex (NXLog's text form of binary), an IP address as its text, a string as a
 * string; undef (null) as JSON null.
 */
public final class JsonValues {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** The agent's local time zone, read once (ZoneId.systemDefault() copies the default TimeZone per call). */
    private static final ZoneId LOCAL = ZoneId.systemDefault();

    private JsonValues() {
    }

    /** Writes one value (after the field name) with datetimes in NXLog's default format, local time. */
    public static void write(JsonGenerator g, Object v) throws IOException {
        write(g, v, JsonDateFormat.DEFAULT, LOCAL);
    }

    /** Writes one value (after the field name) with datetimes in {@code dates}, local time in {@code zone}. */
    public static void write(JsonGenerator g, Object v, JsonDateFormat dates, ZoneId zone) throws IOException {
        if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long n) {
            g.writeNumber(n);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Instant t) {
            g.writeString(dates.format(t, zone));
        } else if (v instanceof Double d) {
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeString(d.toString());
            }
        } else if (v instanceof byte[] b) {
            g.writeString(hex(b));
        } else if (v instanceof InetAddress a) {
            g.writeString(a.getHostAddress());
        } else if (v == null) {
            g.writeNull();
        } else {
            g.writeString(v.toString());
        }
    }

    /** NXLog's text form of binary: two lower-case hex digits per byte. */
    public static String hex(byte[] b) {
        char[] out = new char[b.length * 2];
        for (int i = 0; i < b.length; i++) {
            out[2 * i] = HEX[(b[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[b[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * The bytes of {@link #hex} text.
     *
     * @throws IllegalArgumentException when the text is not an even number of hex digits
     */
    public static byte[] unhex(String s) {
        if (s.length() % 2 != 0) {
            throw new IllegalArgumentException("binary has an odd number of hex digits");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("invalid hex digit in binary at " + (2 * i + (hi < 0 ? 0 : 1)));
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** True when {@code s} is a non-empty, even-length run of lower-case hex digits (what {@link #hex} writes). */
    public static boolean isHex(String s) {
        if (s.isEmpty() || s.length() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
