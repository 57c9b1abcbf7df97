package io.logship.lang.syslog;

import io.logship.api.Event;
import java.util.Locale;

/**
 * Syslog facility and severity codes as NXLog names them, NXLog's normalised severity (1 DEBUG .. 5 CRITICAL), and
 * the priority {@code to_syslog_*} derive from an event's fields.
 *
 * <p>Names and mappings follow NXLog (its xm_syslog source): facility 8 is {@code UUCP} (NXLog CE writes it
 * {@code UCP}; both are read), 14 {@code FACALERT}, 15 {@code CRON2}; the normalised severity of syslog's
 * EMERG is ERROR (4), ALERT is WARNING (3), CRIT is CRITICAL (5), ERR is ERROR, WARNING is WARNING, NOTICE and
 * INFO are INFO (2), DEBUG is DEBUG (1). Without a priority NXLog uses facility USER (1), severity NOTICE (5).
 */
public final class SyslogCodes {
    public static final int FACILITY_USER = 1;
    public static final int SEVERITY_NOTICE = 5;

    private static final String[] FACILITIES = {"KERN", "USER", "MAIL", "DAEMON", "AUTH", "SYSLOG", "LPR", "NEWS",
        "UUCP", "CRON", "AUTHPRIV", "FTP", "NTP", "AUDIT", "FACALERT", "CRON2", "LOCAL0", "LOCAL1", "LOCAL2",
        "LOCAL3", "LOCAL4", "LOCAL5", "LOCAL6", "LOCAL7"};
    private static final String[] SEVERITIES = {"EMERG", "ALERT", "CRIT", "ERR", "WARNING", "NOTICE", "INFO",
        "DEBUG"};
    /** NXLog's normalised severity of each syslog severity. */
    private static final int[] NORMALISED = {4, 3, 5, 4, 3, 2, 2, 1};
    private static final String[] LEVELS = {null, "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"};
    private static final Long[] LONGS = new Long[24];

    static {
        for (int i = 0; i < LONGS.length; i++) {
            LONGS[i] = (long) i;
        }
    }

    private SyslogCodes() {
    }

    /** The facility's name (0..23), or null outside that range. */
    public static String facilityName(long facility) {
        return facility >= 0 && facility < FACILITIES.length ? FACILITIES[(int) facility] : null;
    }

    /** The severity's name (0..7), or null outside that range. */
    public static String severityName(long severity) {
        return severity >= 0 && severity < SEVERITIES.length ? SEVERITIES[(int) severity] : null;
    }

    /** The facility code of a name (case-insensitive), or -1. */
    public static int facilityValue(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT);
        for (int i = 0; i < FACILITIES.length; i++) {
            if (FACILITIES[i].equals(n)) {
                return i;
            }
        }
        return n.equals("UCP") ? 8 : -1;
    }

    /** The severity code of a name (case-insensitive; NXLog's aliases ERROR, CRITICAL, PANIC, ... too), or -1. */
    public static int severityValue(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT);
        for (int i = 0; i < SEVERITIES.length; i++) {
            if (SEVERITIES[i].equals(n)) {
                return i;
            }
        }
        return switch (n) {
            case "EMERGENT", "PANIC" -> 0;
            case "CRITICAL" -> 2;
            case "ERROR" -> 3;
            case "WARN" -> 4;
            default -> -1;
        };
    }

    /** The facility names, for messages. */
    static String facilityNames() {
        return String.join(", ", FACILITIES);
    }

    /** The severity names, for messages. */
    static String severityNames() {
        return String.join(", ", SEVERITIES);
    }

    /**
     * Sets $SyslogFacilityValue, $SyslogFacility, $SyslogSeverityValue, $SyslogSeverity, $SeverityValue and
     * $Severity from a facility (0..23) and severity (0..7).
     */
    static void setPriorityFields(Event e, int facility, int severity) {
        e.set(SyslogFields.FACILITY_VALUE, LONGS[facility]);
        e.set(SyslogFields.FACILITY, FACILITIES[facility]);
        e.set(SyslogFields.SYSLOG_SEVERITY_VALUE, LONGS[severity]);
        e.set(SyslogFields.SYSLOG_SEVERITY, SEVERITIES[severity]);
        int level = NORMALISED[severity];
        e.set(SyslogFields.SEVERITY_VALUE, LONGS[level]);
        e.set(SyslogFields.SEVERITY, LEVELS[level]);
    }

    /**
     * The priority (facility * 8 + severity) of an event as NXLog's writers choose it: $SyslogFacilityValue, else
     * $SyslogFacility, else USER; $SyslogSeverityValue, else $SyslogSeverity, else $SeverityValue or $Severity
     * (the normalised scale: DEBUG 7, INFO 6, WARNING 4, ERROR 3, CRITICAL 2), else NOTICE. Values out of range or
     * unknown names give the defaults.
     */
    static int priority(Event e) {
        int fac = FACILITY_USER;
        Object f = e.get(SyslogFields.FACILITY_VALUE);
        if (f == null) {
            f = e.get(SyslogFields.FACILITY);
        }
        if (f instanceof Long l) {
            fac = l >= 0 && l < FACILITIES.length ? l.intValue() : FACILITY_USER;
        } else if (f instanceof String s) {
            int v = facilityValue(s);
            fac = v < 0 ? FACILITY_USER : v;
        }
        int sev = SEVERITY_NOTICE;
        Object s = e.get(SyslogFields.SYSLOG_SEVERITY_VALUE);
        if (s == null) {
            s = e.get(SyslogFields.SYSLOG_SEVERITY);
        }
        if (s instanceof Long l) {
            sev = l >= 0 && l < SEVERITIES.length ? l.intValue() : SEVERITY_NOTICE;
        } else if (s instanceof String str) {
            int v = severityValue(str);
            sev = v < 0 ? SEVERITY_NOTICE : v;
        } else if (s == null) {
            sev = fromNormalised(e);
        }
        return fac * 8 + sev;
    }

    private static int fromNormalised(Event e) {
        Object v = e.get(SyslogFields.SEVERITY_VALUE);
        if (v == null) {
            v = e.get(SyslogFields.SEVERITY);
        }
        long level = -1;
        if (v instanceof Long l) {
            level = l;
        } else if (v instanceof String s) {
            String n = s.strip().toUpperCase(Locale.ROOT);
            for (int i = 1; i < LEVELS.length; i++) {
                if (LEVELS[i].equals(n)) {
                    level = i;
                }
            }
        }
        return switch ((int) Math.max(-1, Math.min(level, 6))) {
            case 1 -> 7;
            case 2 -> 6;
            case 3 -> 4;
            case 4 -> 3;
            case 5 -> 2;
            default -> SEVERITY_NOTICE;
        };
    }
}
