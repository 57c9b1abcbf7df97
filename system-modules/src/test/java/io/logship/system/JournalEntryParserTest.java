package io.logship.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.Event;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalEntryParserTest {
    private final JournalEntryParser parser = new JournalEntryParser();

    @Test
    void parse_anEntry_givesNxlogsFieldsAndTheCursor() {
        JournalEntry entry = parser.parse("{\"__CURSOR\":\"s=1;i=2\",\"__REALTIME_TIMESTAMP\":\"1700000000123456\","
                + "\"__MONOTONIC_TIMESTAMP\":\"99\",\"_BOOT_ID\":\"b00\",\"MESSAGE\":\"disk \\\"sda\\\" full\","
                + "\"PRIORITY\":\"3\",\"SYSLOG_FACILITY\":\"4\",\"SYSLOG_IDENTIFIER\":\"app\",\"_PID\":\"42\","
                + "\"_UID\":\"1000\",\"_HOSTNAME\":\"web1\",\"_SYSTEMD_UNIT\":\"app.service\",\"_COMM\":\"app\","
                + "\"CODE_LINE\":\"17\",\"MY_FIELD\":\"mine\",\"_TRANSPORT\":\"journal\"}");
        Event e = entry.event();
        assertThat(entry.cursor()).isEqualTo("s=1;i=2");
        assertThat(e.get("Message")).isEqualTo("disk \"sda\" full");
        assertThat(e.get("SyslogSeverityValue")).isEqualTo(3L);
        assertThat(e.get("SyslogSeverity")).isEqualTo("ERR");
        assertThat(e.get("SeverityValue")).isEqualTo(4L);
        assertThat(e.get("Severity")).isEqualTo("ERROR");
        assertThat(e.get("SyslogFacilityValue")).isEqualTo(4L);
        assertThat(e.get("SyslogFacility")).isEqualTo("AUTH");
        assertThat(e.get("SourceName")).isEqualTo("app");
        assertThat(e.get("ProcessID")).isEqualTo(42L);
        assertThat(e.get("User")).isEqualTo(1000L);
        assertThat(e.get("Hostname")).isEqualTo("web1");
        assertThat(e.get("SystemdUnit")).isEqualTo("app.service");
        assertThat(e.get("ProcessName")).isEqualTo("app");
        assertThat(e.get("CodeLine")).isEqualTo(17L);
        assertThat(e.get("BootID")).isEqualTo("b00");
        assertThat(e.get("Transport")).isEqualTo("journal");
        assertThat(e.get("MY_FIELD")).isEqualTo("mine");
        assertThat(e.get("EventTime")).isEqualTo(Instant.parse("2023-11-14T22:13:20.123456Z"));
        assertThat(e.fieldNames()).noneMatch(n -> n.startsWith("__")).doesNotContain("PRIORITY", "MESSAGE");
        assertThat(e.raw()).startsWith("_BOOT_ID=\"b00\" MESSAGE=\"disk \\\"sda\\\" full\" PRIORITY=\"3\"")
                .doesNotContain("__CURSOR");
    }

    @Test
    void parse_sourceTimeAndSyslogPid_whenTheJournalHasThem() {
        Event e = parser.parse("{\"__REALTIME_TIMESTAMP\":\"1700000009000000\","
                + "\"_SOURCE_REALTIME_TIMESTAMP\":\"1700000000000001\",\"SYSLOG_PID\":\"7\",\"MESSAGE\":\"m\"}").event();
        assertThat(e.get("EventTime")).isEqualTo(Instant.parse("2023-11-14T22:13:20.000001Z"));
        assertThat(e.get("ProcessID")).isEqualTo(7L);
        assertThat(e.get("SYSLOG_PID")).isEqualTo("7");
    }

    @Test
    void parse_binaryAndRepeatedFields_asUtf8TextJoinedByLineFeeds() {
        Event e = parser.parse("{\"MESSAGE\":[27,91,51,49,109,104,105,195,169],"
                + "\"TAG\":[\"a\",\"b\",[99,100]],\"BIG\":null}").event();
        assertThat(e.get("Message")).isEqualTo("\u001b[31mhi\u00e9");
        assertThat(e.get("TAG")).isEqualTo("a\nb\ncd");
        assertThat(e.has("BIG")).isFalse();
    }

    @Test
    void parse_valuesThatAreNotNumbers_stayText() {
        Event e = parser.parse("{\"PRIORITY\":\"high\",\"SYSLOG_FACILITY\":\"99\",\"_PID\":\"x1\"}").event();
        assertThat(e.get("PRIORITY")).isEqualTo("high");
        assertThat(e.has("SyslogSeverityValue")).isFalse();
        assertThat(e.get("SYSLOG_FACILITY")).isEqualTo("99");
        assertThat(e.get("ProcessID")).isEqualTo("x1");
    }

    @Test
    void parse_garbage_isRefusedWithAReason() {
        assertThatThrownBy(() -> parser.parse("-- No entries --")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parser.parse("[1]")).hasMessageContaining("an array, not a JSON object");
        assertThatThrownBy(() -> parser.parse("{\"A\":{\"b\":1}}")).hasMessageContaining("field A is an object");
        assertThatThrownBy(() -> parser.parse("{\"A\":[1,\"x\"]}")).hasMessageContaining("among its bytes");
        assertThatThrownBy(() -> parser.parse("{} {}")).hasMessageContaining("more after");
    }

    @Test
    void command_startsWhereReadFromLastAndTheCursorSay() {
        JournalCommand system = new JournalCommand("journalctl", null);
        assertThat(system.command(new JournalCommand.AtEnd()).args())
                .containsExactly("--follow", "--output=json", "--all", "--no-pager", "--quiet", "--lines=0");
        assertThat(system.command(new JournalCommand.AtBeginning()).args()).endsWith("--no-tail");
        JournalCommand dir = new JournalCommand("/usr/bin/journalctl", Path.of("/var/log/journal/remote"));
        List<String> args = dir.command(new JournalCommand.AfterCursor("s=1;i=2")).commandLine();
        assertThat(args).startsWith("/usr/bin/journalctl").contains("--directory=/var/log/journal/remote")
                .endsWith("--no-tail", "--after-cursor=s=1;i=2");
    }
}
