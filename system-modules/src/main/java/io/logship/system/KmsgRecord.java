package io.logship.system;

import java.util.Map;

/**
 * One kernel log record.
 *
 * @param priority facility * 8 + severity, as in syslog
 * @param sequence the kernel's sequence number (-1 when the source has none: /proc/kmsg)
 * @param micros   microseconds since boot on the kernel's monotonic clock (-1 when unknown)
 * @param message  the text, with the kernel's {@code \xNN} escapes decoded
 * @param dict     the KEY=VALUE continuation lines (SUBSYSTEM, DEVICE, ...), in order
 */
record KmsgRecord(int priority, long sequence, long micros, String message, Map<String, String> dict) {
    private static final String[] FACILITIES = {"KERN", "USER", "MAIL", "DAEMON", "AUTH", "SYSLOG", "LPR", "NEWS",
        "UUCP", "CRON", "AUTHPRIV", "FTP", "NTP", "AUDIT", "ALERT", "CRON2", "LOCAL0", "LOCAL1", "LOCAL2", "LOCAL3",
        "LOCAL4", "LOCAL5", "LOCAL6", "LOCAL7"};
    private static final String[] SEVERITIES = {"EMERG", "ALERT", "CRIT", "ERR", "WARNING", "NOTICE", "INFO",
        "DEBUG"};

    KmsgRecord {
        dict = Map.copyOf(dict);
    }

    int facility() {
        return priority >> 3;
    }

    int severity() {
        return priority & 7;
    }

    /** xm_syslog's $SyslogFacility word. */
    String facilityName() {
        int f = facility();
        return f < FACILITIES.length ? FACILITIES[f] : String.valueOf(f);
    }

    /** xm_syslog's $SyslogSeverity word. */
    String severityName() {
        return SEVERITIES[severity()];
    }

    /** NXLog's normalised $SeverityValue: 5 CRITICAL (emerg, alert, crit), 4 ERROR, 3 WARNING, 2 INFO, 1 DEBUG. */
    long nxlogSeverityValue() {
        return switch (severity()) {
            case 0, 1, 2 -> 5;
            case 3 -> 4;
            case 4 -> 3;
            case 5, 6 -> 2;
            default -> 1;
        };
    }

    /** NXLog's normalised $Severity word. */
    String nxlogSeverity() {
        return switch ((int) nxlogSeverityValue()) {
            case 5 -> "CRITICAL";
            case 4 -> "ERROR";
            case 3 -> "WARNING";
            case 2 -> "INFO";
            default -> "DEBUG";
        };
    }

    /** NXLog im_kernel's $raw_event: {@code <PRI>message}, a BSD syslog line without time and host. */
    String raw() {
        return "<" + priority + ">" + message;
    }
}
