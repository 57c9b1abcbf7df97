package io.logship.lang.syslog;

import io.logship.api.Event;
import io.logship.api.Fields;
import io.logship.lang.Types;
import java.time.ZoneId;
import java.util.Map;

/**
 * RFC 5424 STRUCTURED-DATA as NXLog maps it to fields. Reading: each SD-PARAM becomes a string field named
 * {@code SDID.name}, the SD-ID cut at its {@code @} (so {@code [exampleSDID@32473 iut="3"]} gives
 * {@code $exampleSDID.iut}); the params of NXLog's own element {@code [NXLOG@14506 ...]} become plain fields (what
 * {@code to_syslog_ietf} wrote comes back under its own names). Characters other than letters, digits and
 * {@code . _ - /} in names become {@code _}. Values unescape {@code \"}, {@code \\} and {@code \]}; a backslash
 * before anything else is kept (RFC 5424 6.3.3). Writing: every field except the syslog header's own and
 * {@code raw_event} goes into one {@code [NXLOG@14506 ...]} element in field order, or {@code -} when there is none.
 */
final class StructuredData {
    static final String NXLOG_SD_ID = "NXLOG@14506";
    private static final String[] HEADER_FIELDS = {Fields.RAW_EVENT, SyslogFields.EVENT_TIME, SyslogFields.HOSTNAME,
        SyslogFields.SOURCE_NAME, SyslogFields.MESSAGE, SyslogFields.MESSAGE_ID, SyslogFields.PROCESS_ID,
        SyslogFields.SEVERITY, SyslogFields.SEVERITY_VALUE, SyslogFields.SYSLOG_SEVERITY,
        SyslogFields.SYSLOG_SEVERITY_VALUE, SyslogFields.FACILITY, SyslogFields.FACILITY_VALUE};

    private StructuredData() {
    }

    /**
     * Where the SD-ELEMENTs starting at {@code p} (a {@code [}) end, or -1 when they are not well formed (then
     * nothing is set and the text is part of the message).
     */
    static int scan(CharSequence s, int p, int end) {
        while (p < end && s.charAt(p) == '[') {
            p = scanElement(s, p + 1, end);
            if (p < 0) {
                return -1;
            }
        }
        return p;
    }

    /** After the {@code [}: SD-ID, params, {@code ]}; the index after it, or -1. */
    private static int scanElement(CharSequence s, int p, int end) {
        int id = p;
        while (p < end && isNameChar(s.charAt(p))) {
            p++;
        }
        if (p == id) {
            return -1;
        }
        while (p < end) {
            char c = s.charAt(p);
            if (c == ']') {
                return p + 1;
            }
            if (c != ' ') {
                return -1;
            }
            p++;
            while (p < end && s.charAt(p) == ' ') {
                p++;
            }
            if (p < end && s.charAt(p) == ']') {
                return p + 1;
            }
            int name = p;
            while (p < end && isNameChar(s.charAt(p))) {
                p++;
            }
            if (p == name || p + 1 >= end || s.charAt(p) != '=' || s.charAt(p + 1) != '"') {
                return -1;
            }
            p += 2;
            while (p < end && s.charAt(p) != '"') {
                p += s.charAt(p) == '\\' && p + 1 < end ? 2 : 1;
            }
            if (p >= end) {
                return -1;
            }
            p++;
        }
        return -1;
    }

    /** Sets the fields of SD-ELEMENTs that {@link #scan} accepted between {@code p} and {@code end}. */
    static void apply(CharSequence s, int p, int end, Event e) {
        StringBuilder value = new StringBuilder(64);
        StringBuilder name = new StringBuilder(32);
        while (p < end) {
            p++; // '['
            int id = p;
            int at = -1;
            while (isNameChar(s.charAt(p))) {
                if (s.charAt(p) == '@' && at < 0) {
                    at = p;
                }
                p++;
            }
            int cut = at < 0 ? p : at;
            name.setLength(0);
            if (!(cut - id == 5 && "NXLOG".contentEquals(s.subSequence(id, cut)))) {
                appendSanitized(name, s, id, cut);
                name.append('.');
            }
            int prefix = name.length();
            while (s.charAt(p) != ']') {
                while (s.charAt(p) == ' ') {
                    p++;
                }
                if (s.charAt(p) == ']') {
                    break;
                }
                int start = p;
                while (s.charAt(p) != '=') {
                    p++;
                }
                name.setLength(prefix);
                appendSanitized(name, s, start, p);
                p += 2;
                value.setLength(0);
                for (char c; (c = s.charAt(p)) != '"'; p++) {
                    if (c == '\\') {
                        char n = s.charAt(p + 1);
                        if (n == '"' || n == '\\' || n == ']') {
                            c = n;
                            p++;
                        }
                    }
                    value.append(c);
                }
                p++;
                e.set(name.toString(), value.toString());
            }
            p++;
        }
    }

    /** Characters other than letters, digits and {@code . _ - /} become {@code _}, as in NXLog's field names. */
    private static void appendSanitized(StringBuilder sb, CharSequence s, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            sb.append(isFieldChar(c) ? c : '_');
        }
    }

    /** SD-NAME: printable US-ASCII except {@code = ] "} and space. */
    private static boolean isNameChar(char c) {
        return c > ' ' && c < 127 && c != '=' && c != ']' && c != '"';
    }

    private static boolean isFieldChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                || c == '-' || c == '/';
    }

    /** Appends {@code [NXLOG@14506 name="value" ...]} of the event's other fields, or {@code -}. */
    static void write(StringBuilder sb, Event e, ZoneId zone) {
        int start = sb.length();
        sb.append('[').append(NXLOG_SD_ID);
        int count = 0;
        for (Map.Entry<String, Object> f : e.fields().entrySet()) {
            String name = f.getKey();
            if (isHeaderField(name)) {
                continue;
            }
            String v = Types.toText(f.getValue(), zone);
            if (v == null) {
                continue;
            }
            sb.append(' ');
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                sb.append(isNameChar(c) ? c : '_');
            }
            sb.append("=\"");
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '"' || c == '\\' || c == ']') {
                    sb.append('\\');
                }
                sb.append(c);
            }
            sb.append('"');
            count++;
        }
        if (count == 0) {
            sb.setLength(start);
            sb.append('-');
        } else {
            sb.append(']');
        }
    }

    private static boolean isHeaderField(String name) {
        for (String h : HEADER_FIELDS) {
            if (h.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
