package io.logship.system;

import java.util.Map;

/**
 * The journal's field names and the NXLog fields im_systemd makes of them (NXLog's im_systemd names), and which
 * of those are integers. Fields not named here keep their journal name; the journal's own bookkeeping
 * ({@code __CURSOR}, {@code __MONOTONIC_TIMESTAMP}, {@code __SEQNUM}, ...) becomes no field.
 */
final class JournalFields {
    /** Journal name to NXLog name, for the fields copied as they are (strings, or integers in {@link #INTEGERS}). */
    static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("MESSAGE", "Message"),
            Map.entry("MESSAGE_ID", "MessageID"),
            Map.entry("SYSLOG_IDENTIFIER", "SourceName"),
            Map.entry("_PID", "ProcessID"),
            Map.entry("_UID", "User"),
            Map.entry("_GID", "Group"),
            Map.entry("_COMM", "ProcessName"),
            Map.entry("_EXE", "ProcessExecutable"),
            Map.entry("_CMDLINE", "ProcessCmdLine"),
            Map.entry("_CAP_EFFECTIVE", "Capabilities"),
            Map.entry("_AUDIT_SESSION", "AuditSession"),
            Map.entry("_AUDIT_LOGINUID", "AuditUID"),
            Map.entry("_SYSTEMD_CGROUP", "SystemdCGroup"),
            Map.entry("_SYSTEMD_SESSION", "SystemdSession"),
            Map.entry("_SYSTEMD_UNIT", "SystemdUnit"),
            Map.entry("_SYSTEMD_USER_UNIT", "SystemdUserUnit"),
            Map.entry("_SYSTEMD_OWNER_UID", "SystemdOwnerUID"),
            Map.entry("_SYSTEMD_SLICE", "SystemdSlice"),
            Map.entry("_SELINUX_CONTEXT", "SelinuxContext"),
            Map.entry("_BOOT_ID", "BootID"),
            Map.entry("_MACHINE_ID", "MachineID"),
            Map.entry("_HOSTNAME", "Hostname"),
            Map.entry("_TRANSPORT", "Transport"),
            Map.entry("CODE_FILE", "CodeFile"),
            Map.entry("CODE_LINE", "CodeLine"),
            Map.entry("CODE_FUNC", "CodeFunc"),
            Map.entry("ERRNO", "Errno"),
            Map.entry("_KERNEL_DEVICE", "DevName"),
            Map.entry("_KERNEL_SUBSYSTEM", "DevSubsystem"),
            Map.entry("_UDEV_SYSNAME", "DevSysName"),
            Map.entry("_UDEV_DEVNODE", "DevNode"));

    /** NXLog fields that are integers (a value that is not one stays a string). */
    static final java.util.Set<String> INTEGERS = java.util.Set.of("ProcessID", "User", "Group", "CodeLine",
            "Errno", "SystemdOwnerUID", "AuditSession", "AuditUID");

    static final String CURSOR = "__CURSOR";
    static final String REALTIME = "__REALTIME_TIMESTAMP";
    static final String SOURCE_REALTIME = "_SOURCE_REALTIME_TIMESTAMP";
    static final String PRIORITY = "PRIORITY";
    static final String FACILITY = "SYSLOG_FACILITY";
    static final String SYSLOG_PID = "SYSLOG_PID";

    private JournalFields() {
    }
}
