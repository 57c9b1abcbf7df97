package io.logship.lang.syslog;

import io.logship.api.Event;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Parses syslog lines into NXLog's fields with one hand-written scan (no regex): RFC 3164 (BSD) and RFC 5424
 * (IETF). Used by xm_syslog's {@code parse_syslog*()} and by network inputs. Thread-safe; allocates only the
 * field values.
 *
 * <p>What is set, as NXLog does: $SyslogFacilityValue, $SyslogFacility, $SyslogSeverityValue, $SyslogSeverity,
 * $SeverityValue, $Severity (facility USER, severity NOTICE when the line has no valid {@code <PRI>}),
 * $EventTime (the line's timestamp; the current time when it has none), $Hostname (the line's; else the field
 * $MessageSourceAddress; else the agent's host name), $SourceName and $ProcessID (the tag, when there is one),
 * $MessageID (RFC 5424), $Message (the rest, one trailing newline removed; a line that is not syslog at all is
 * the message whole), and for RFC 5424 the structured data ({@link StructuredData}).
 *
 * <p>RFC 3164 after the priority: a timestamp ({@code Mmm dd hh:mm:ss}, also ISO 8601), a host name (letters,
 * digits, {@code . _ - /}), then a tag ({@code app:}, {@code app[pid]:}); a word not followed by {@code :} or
 * {@code [pid]:} is the message's first word, not a tag. Without a timestamp, no host name is read, but a
 * leading tag still is.
 */
public final class SyslogParser {
    private SyslogParser() {
    }

    /**
     * RFC 5424 when the priority is followed by version {@code 1}, else RFC 3164 (NXLog's parse_syslog()).
     *
     * @param hostname the agent's host name, the default $Hostname (null: none)
     * @return false when the text is not syslog (no priority or a bad RFC 5424 header); the fields are set anyway
     */
    public static boolean parse(CharSequence text, Event e, ZoneId zone, Clock clock, String hostname) {
        return parseIetf(text, e, zone, clock, hostname);
    }

    /** RFC 3164; see {@link #parse}. */
    public static boolean parseBsd(CharSequence text, Event e, ZoneId zone, Clock clock, String hostname) {
        long pri = priority(text);
        setPriority(e, pri);
        bsd(text, (int) pri & 0xFFFF, e, zone, clock, hostname);
        return hasPriority(pri);
    }

    /** RFC 5424, or RFC 3164 when the version is not {@code 1} (as NXLog falls back); see {@link #parse}. */
    public static boolean parseIetf(CharSequence text, Event e, ZoneId zone, Clock clock, String hostname) {
        long pri = priority(text);
        setPriority(e, pri);
        int p = (int) pri & 0xFFFF;
        int end = text.length();
        if (p + 1 < end && text.charAt(p) == '1' && text.charAt(p + 1) == ' ') {
            return ietf(text, p + 2, e, zone, clock, hostname) && hasPriority(pri);
        }
        bsd(text, p, e, zone, clock, hostname);
        return hasPriority(pri);
    }

    /**
     * The priority at the start: position after it (and one space) in bits 0-15, facility in 16-23, severity in
     * 24-31, bit 32 set when there was a valid {@code <PRI>}. Without one: position 0, USER.NOTICE.
     */
    private static long priority(CharSequence s) {
        int end = s.length();
        long none = (long) SyslogCodes.FACILITY_USER << 16 | (long) SyslogCodes.SEVERITY_NOTICE << 24;
        if (end < 3 || s.charAt(0) != '<') {
            return none;
        }
        int p = 1;
        int v = 0;
        while (p < end && p <= 4 && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
            v = v * 10 + s.charAt(p++) - '0';
        }
        if (p == 1 || p > 4 || p >= end || s.charAt(p) != '>') {
            return none;
        }
        p++;
        if (p < end && s.charAt(p) == ' ') {
            p++;
        }
        if (v > 191) {
            return none | 1L << 32 | p;
        }
        return 1L << 32 | (long) (v & 7) << 24 | (long) (v >> 3) << 16 | p;
    }

    private static boolean hasPriority(long pri) {
        return (pri & 1L << 32) != 0;
    }

    private static void setPriority(Event e, long pri) {
        SyslogCodes.setPriorityFields(e, (int) (pri >> 16 & 0xFF), (int) (pri >> 24 & 0xFF));
    }

    private static void bsd(CharSequence s, int p, Event e, ZoneId zone, Clock clock, String hostname) {
        int end = s.length();
        int hostS = -1;
        int hostE = -1;
        int appS = -1;
        int appE = -1;
        int pidS = -1;
        int pidE = -1;
        int msgS = p;
        SyslogTime.Parsed t = new SyslogTime.Parsed();
        boolean gotDate = SyslogTime.parseBsd(s, p, end, zone, clock, t);
        if (!gotDate) {
            appS = p;
            p = scan(s, p, end, false);
        } else {
            p = skipSpaces(s, t.end, end);
            msgS = p;
            hostS = p;
            p = scan(s, p, end, true);
            if (p == hostS) {
                hostS = -1;
            } else if (p == end) {
                hostE = p;
                msgS = -1;
            } else if (s.charAt(p) == '[') {
                appS = hostS; // a tag where the host name would be
                hostS = -1;
            } else if (s.charAt(p) != ' ' && s.charAt(p) != ':') {
                msgS = hostS;
                hostS = -1;
            } else if (s.charAt(p) == ':') {
                appS = hostS; // "app: msg", no host name
                hostS = -1;
            } else {
                hostE = p;
                p = skipSpaces(s, p, end);
                appS = p;
                p = scan(s, p, end, false);
                msgS = p;
            }
        }
        if (appS >= 0) {
            char c = p < end ? s.charAt(p) : '\0';
            if (appS < end && s.charAt(appS) == '[') {
                appS = -1;
            } else if (c == '[') {
                appE = p++;
                pidS = p;
                while (p < end && s.charAt(p) != ']' && s.charAt(p) != ' ') {
                    p++;
                }
                msgS = appS;
                if (p < end && s.charAt(p) == ']') {
                    pidE = p++;
                }
                if (p < end && s.charAt(p) == ':') {
                    p++;
                } else {
                    pidE = -1;
                }
                if (p < end && s.charAt(p) == ' ') {
                    p++;
                }
                if (pidE < 0) {
                    appS = -1;
                } else {
                    msgS = p;
                }
            } else if (c == ':') {
                appE = p++;
                if (p < end && s.charAt(p) == ' ') {
                    p++;
                }
                msgS = p;
            } else {
                msgS = appS;
                appS = -1;
            }
        }
        setHostname(e, s, hostS, hostE, hostname);
        e.set(SyslogFields.EVENT_TIME, gotDate ? t.time : now(clock));
        if (appS >= 0 && appE > appS) {
            e.set(SyslogFields.SOURCE_NAME, s.subSequence(appS, appE).toString());
        }
        if (appS >= 0 && pidS >= 0 && pidE > pidS) {
            e.set(SyslogFields.PROCESS_ID, s.subSequence(pidS, pidE).toString());
        }
        setMessage(e, s, msgS, end);
    }

    private static boolean ietf(CharSequence s, int p, Event e, ZoneId zone, Clock clock, String hostname) {
        int end = s.length();
        if (isNil(s, p, end)) {
            e.set(SyslogFields.EVENT_TIME, now(clock));
            p++;
        } else {
            SyslogTime.Parsed t = new SyslogTime.Parsed();
            if (!SyslogTime.parseIso(s, p, end, zone, t) || t.end < end && s.charAt(t.end) != ' ') {
                e.set(SyslogFields.EVENT_TIME, now(clock));
                setHostname(e, s, -1, -1, hostname);
                setMessage(e, s, p, end);
                return false;
            }
            e.set(SyslogFields.EVENT_TIME, t.time);
            p = t.end;
        }
        p = skipSpaces(s, p, end);
        if (isNil(s, p, end)) {
            setHostname(e, s, -1, -1, hostname);
            p++;
        } else {
            int q = token(s, p, end);
            setHostname(e, s, p, q, hostname);
            p = q;
        }
        p = header(s, skipSpaces(s, p, end), end, e, SyslogFields.SOURCE_NAME);
        p = header(s, skipSpaces(s, p, end), end, e, SyslogFields.PROCESS_ID);
        p = header(s, skipSpaces(s, p, end), end, e, SyslogFields.MESSAGE_ID);
        p = skipSpaces(s, p, end);
        if (isNil(s, p, end)) {
            p++;
        } else if (p < end && s.charAt(p) == '[') {
            int q = StructuredData.scan(s, p, end);
            if (q >= 0) {
                StructuredData.apply(s, p, q, e);
                p = q;
            }
        }
        if (p < end && s.charAt(p) == ' ') {
            p++;
        }
        if (p < end && s.charAt(p) == '\uFEFF') {
            p++; // the BOM RFC 5424 puts before a UTF-8 MSG
        }
        setMessage(e, s, p, end);
        return true;
    }

    /** APP-NAME, PROCID or MSGID: a field unless it is the NILVALUE. */
    private static int header(CharSequence s, int p, int end, Event e, String field) {
        if (isNil(s, p, end)) {
            return p + 1;
        }
        int q = token(s, p, end);
        if (q > p) {
            e.set(field, s.subSequence(p, q).toString());
        }
        return q;
    }

    private static boolean isNil(CharSequence s, int p, int end) {
        return p < end && s.charAt(p) == '-' && (p + 1 == end || s.charAt(p + 1) == ' ');
    }

    private static int token(CharSequence s, int p, int end) {
        while (p < end && s.charAt(p) != ' ') {
            p++;
        }
        return p;
    }

    private static int skipSpaces(CharSequence s, int p, int end) {
        while (p < end && s.charAt(p) == ' ') {
            p++;
        }
        return p;
    }

    /** Past the host name (letters, digits, {@code . _ - /}) or tag characters (the same but {@code .}). */
    private static int scan(CharSequence s, int p, int end, boolean host) {
        while (p < end) {
            char c = s.charAt(p);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
                    || c == '/' || host && c == '.') {
                p++;
            } else {
                break;
            }
        }
        return p;
    }

    private static void setHostname(Event e, CharSequence s, int start, int end, String hostname) {
        if (start >= 0 && end > start) {
            e.set(SyslogFields.HOSTNAME, s.subSequence(start, end).toString());
            return;
        }
        Object from = e.get(SyslogFields.MESSAGE_SOURCE_ADDRESS);
        String h = from != null ? Event.toText(from) : hostname;
        if (h != null) {
            e.set(SyslogFields.HOSTNAME, h);
        }
    }

    private static void setMessage(Event e, CharSequence s, int start, int end) {
        if (start < 0) {
            return;
        }
        if (end > start && s.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > start) {
            e.set(SyslogFields.MESSAGE, s.subSequence(start, end).toString());
        }
    }

    /** The clock's time with NXLog's precision (microseconds). */
    static Instant now(Clock clock) {
        Instant t = clock.instant();
        int n = t.getNano();
        return n % 1000 == 0 ? t : Instant.ofEpochSecond(t.getEpochSecond(), n - n % 1000);
    }
}
