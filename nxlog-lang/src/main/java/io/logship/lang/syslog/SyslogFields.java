package io.logship.lang.syslog;

/** The field names xm_syslog reads and writes, as NXLog names them. */
public final class SyslogFields {
    public static final String FACILITY_VALUE = "SyslogFacilityValue";
    public static final String FACILITY = "SyslogFacility";
    public static final String SYSLOG_SEVERITY_VALUE = "SyslogSeverityValue";
    public static final String SYSLOG_SEVERITY = "SyslogSeverity";
    public static final String SEVERITY_VALUE = "SeverityValue";
    public static final String SEVERITY = "Severity";
    public static final String EVENT_TIME = "EventTime";
    public static final String HOSTNAME = "Hostname";
    public static final String SOURCE_NAME = "SourceName";
    public static final String PROCESS_ID = "ProcessID";
    public static final String MESSAGE_ID = "MessageID";
    public static final String MESSAGE = "Message";
    /** Set by network inputs; the default $Hostname when a message names none (NXLog's rule). */
    public static final String MESSAGE_SOURCE_ADDRESS = "MessageSourceAddress";

    private SyslogFields() {
    }
}
