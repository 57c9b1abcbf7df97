package io.logship.lang.syslog;

import io.logship.api.Event;
import io.logship.api.Fields;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Formats an event's fields as a syslog line, NXLog's {@code to_syslog_bsd()}, {@code to_syslog_ietf()} and
 * {@code to_syslog_snare()}; used by xm_syslog and by network outputs. Thread-safe.
 *
 * <p>Defaults for missing fields, as NXLog's: the priority from {@link SyslogCodes#priority} (USER.NOTICE, 13);
 * $EventTime, else now; $Hostname, else the agent's host name; $Message, else $raw_event. A $SourceName has its
 * spaces and tabs made {@code _}; the message's line breaks become the {@code ReplaceLineBreaks} character.
 */
public final class SyslogWriter {
    private static final String NA = "N/A";

    private SyslogWriter() {
    }

    /** How the writers are configured (xm_syslog's directives). */
    public record Options(boolean utcTimestamp, char lineBreakReplacement, char snareDelimiter,
                          char snareReplacement) {
        /** NXLog's defaults: local time, line breaks as spaces, Snare fields separated by tabs. */
        public static final Options DEFAULTS = new Options(false, ' ', '\t', ' ');
    }

    /** {@code <PRI>Mmm dd hh:mm:ss HOST TAG[PID]: MSG}. */
    public static String bsd(Event e, ZoneId zone, Clock clock, String hostname, Options o) {
        String msg = message(e);
        StringBuilder sb = new StringBuilder(48 + msg.length());
        sb.append('<').append(SyslogCodes.priority(e)).append('>');
        SyslogTime.appendBsd(sb, eventTime(e, clock), zone);
        sb.append(' ').append(hostname(e, hostname));
        String app = e.get(SyslogFields.SOURCE_NAME) instanceof String s && !s.isEmpty() ? s : null;
        if (app != null) {
            sb.append(' ');
            appendName(sb, app);
            Object pid = e.get(SyslogFields.PROCESS_ID);
            if (pid instanceof Long || pid instanceof String s && !s.isEmpty()) {
                sb.append('[').append(pid).append(']');
            }
            sb.append(':');
        }
        sb.append(' ');
        appendMessage(sb, msg, o.lineBreakReplacement());
        return sb.toString();
    }

    /** {@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG}, the other fields as {@code [NXLOG@14506 ...]}. */
    public static String ietf(Event e, ZoneId zone, Clock clock, String hostname, Options o) {
        String msg = message(e);
        StringBuilder sb = new StringBuilder(96 + msg.length());
        sb.append('<').append(SyslogCodes.priority(e)).append(">1 ");
        SyslogTime.appendIetf(sb, eventTime(e, clock), zone, o.utcTimestamp());
        sb.append(' ').append(hostname(e, hostname)).append(' ');
        if (e.get(SyslogFields.SOURCE_NAME) instanceof String s && !s.isEmpty()) {
            appendName(sb, s);
        } else {
            sb.append('-');
        }
        sb.append(' ');
        Object pid = e.get(SyslogFields.PROCESS_ID);
        sb.append(pid instanceof Long || pid instanceof String s && !s.isEmpty() ? pid : "-").append(' ');
        sb.append(e.get(SyslogFields.MESSAGE_ID) instanceof String s && !s.isEmpty() ? s : "-").append(' ');
        StructuredData.write(sb, e, zone);
        sb.append(' ');
        appendMessage(sb, msg, o.lineBreakReplacement());
        return sb.toString();
    }

    /**
     * Snare's format for Windows events: {@code <PRI>Mmm dd hh:mm:ss HOST MSWinEventLog} then, separated by the
     * delimiter: criticality ($SeverityValue - 1, else 1), $Channel or $FileName, the counter, the time as
     * {@code Www Mmm dd hh:mm:ss yyyy}, $EventID, $SourceName, $AccountName, $AccountType, $EventType (as Snare
     * words: Success Audit, Failure Audit, Information, ...), $Hostname, $Category, an empty data string,
     * $Message (delimiters in it replaced), $RecordNumber; N/A for each missing one.
     */
    public static String snare(Event e, ZoneId zone, Clock clock, String hostname, long counter, Options o) {
        char d = o.snareDelimiter();
        StringBuilder sb = new StringBuilder(160);
        Instant time = eventTime(e, clock);
        sb.append('<').append(SyslogCodes.priority(e)).append('>');
        SyslogTime.appendBsd(sb, time, zone);
        sb.append(' ').append(hostname(e, hostname)).append(" MSWinEventLog").append(d);
        sb.append(e.get(SyslogFields.SEVERITY_VALUE) instanceof Long l ? l - 1 : 1).append(d);
        Object channel = e.get("Channel") instanceof String c ? c : e.get("FileName");
        sb.append(channel instanceof String c ? c : NA).append(d);
        sb.append(counter).append(d);
        SyslogTime.appendCtime(sb, time, zone);
        sb.append(d);
        sb.append(number(e.get("EventID"))).append(d);
        sb.append(text(e, SyslogFields.SOURCE_NAME)).append(d);
        sb.append(text(e, "AccountName")).append(d);
        sb.append(text(e, "AccountType")).append(d);
        sb.append(eventType(e.get("EventType"))).append(d);
        sb.append(text(e, SyslogFields.HOSTNAME)).append(d);
        sb.append(text(e, "Category")).append(d);
        sb.append(d);
        if (e.get(SyslogFields.MESSAGE) instanceof String m) {
            sb.append(m.replace(d, o.snareReplacement()));
        } else {
            sb.append(NA);
        }
        sb.append(d).append(number(e.get("RecordNumber")));
        char lb = o.lineBreakReplacement();
        for (int i = 0; i < sb.length(); i++) {
            char c = sb.charAt(i);
            if (c == '\n' || c == '\r') {
                sb.setCharAt(i, lb);
            }
        }
        return sb.toString();
    }

    private static String message(Event e) {
        if (e.get(SyslogFields.MESSAGE) instanceof String m) {
            return m;
        }
        String raw = e.getString(Fields.RAW_EVENT);
        return raw == null ? "" : raw;
    }

    private static Instant eventTime(Event e, Clock clock) {
        return e.get(SyslogFields.EVENT_TIME) instanceof Instant t ? t : SyslogParser.now(clock);
    }

    private static String hostname(Event e, String hostname) {
        if (e.get(SyslogFields.HOSTNAME) instanceof String h) {
            return h;
        }
        return hostname == null ? "-" : hostname;
    }

    private static void appendName(StringBuilder sb, String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(c == ' ' || c == '\t' ? '_' : c);
        }
    }

    private static void appendMessage(StringBuilder sb, String msg, char lineBreak) {
        for (int i = 0; i < msg.length(); i++) {
            char c = msg.charAt(i);
            sb.append(c == '\n' || c == '\r' ? lineBreak : c);
        }
    }

    private static String text(Event e, String field) {
        return e.get(field) instanceof String s ? s : NA;
    }

    private static Object number(Object v) {
        return v instanceof Long || v instanceof String ? v : NA;
    }

    private static String eventType(Object v) {
        if (!(v instanceof String s)) {
            return NA;
        }
        return switch (s) {
            case "AUDIT_SUCCESS" -> "Success Audit";
            case "AUDIT_FAILURE" -> "Failure Audit";
            case "INFO" -> "Information";
            case "CRITICAL" -> "Critical";
            case "ERROR" -> "Error";
            case "WARNING" -> "Warning";
            case "VERBOSE" -> "Verbose";
            default -> s;
        };
    }
}
