package io.logship.lang.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Event;
import io.logship.testkit.FakeClock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SyslogWriterTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final String HOST = "agenthost";
    private static final SyslogWriter.Options DEFAULTS = SyslogWriter.Options.DEFAULTS;
    private static final SyslogWriter.Options UTC_STAMPS = new SyslogWriter.Options(true, ' ', '\t', ' ');
    private final FakeClock clock = new FakeClock(Instant.parse("2012-11-15T12:00:00Z"));

    @Test
    void bsd_roundTrip_nxlogTestCase() {
        // NXLog CE's syslog-bsd test: parse, empty $raw_event, to_syslog_bsd() gives the line back.
        String line = "<30>Oct 12 12:49:06 host app[12345]: daemon.info";
        Event e = Event.ofRaw(line);
        SyslogParser.parseBsd(line, e, UTC, clock, HOST);
        e.set("raw_event", "");
        assertThat(SyslogWriter.bsd(e, UTC, clock, HOST, DEFAULTS)).isEqualTo(line);
        e.set("SourceName", "app 1");
        assertThat(SyslogWriter.bsd(e, UTC, clock, HOST, DEFAULTS))
                .isEqualTo("<30>Oct 12 12:49:06 host app_1[12345]: daemon.info");
    }

    @Test
    void bsd_defaults_forAnEventWithOnlyRawEvent() {
        Event e = Event.ofRaw("just text\nsecond line");
        assertThat(SyslogWriter.bsd(e, UTC, clock, HOST, DEFAULTS))
                .isEqualTo("<13>Nov 15 12:00:00 agenthost just text second line");
    }

    @Test
    void bsd_spacePaddedDay_integerPid_normalisedSeverity_facilityName() {
        Event e = new Event().set("EventTime", Instant.parse("2012-02-05T07:08:09Z")).set("Hostname", "h")
                .set("SourceName", "app").set("ProcessID", 42L).set("Message", "m")
                .set("SyslogFacility", "local0").set("SeverityValue", 4L);
        assertThat(SyslogWriter.bsd(e, UTC, clock, HOST, DEFAULTS)).isEqualTo("<131>Feb  5 07:08:09 h app[42]: m");
    }

    @Test
    void bsd_localZone_andLineBreakReplacement() {
        Event e = new Event().set("EventTime", Instant.parse("2012-07-01T10:00:00Z")).set("Hostname", "h")
                .set("Message", "a\r\nb");
        SyslogWriter.Options o = new SyslogWriter.Options(false, '|', '\t', ' ');
        assertThat(SyslogWriter.bsd(e, ZoneId.of("Europe/Budapest"), clock, HOST, o))
                .isEqualTo("<13>Jul  1 12:00:00 h a||b");
    }

    @Test
    void ietf_nxlogTestCase_structuredDataFromTheOtherFields() {
        // After NXLog CE's syslog-ietf test: parse, then to_syslog_ietf() with IETFTimestampInGMT. NXLog's
        // expected line carries the fields its test set before; this event has only the parsed ones.
        String line = "<30>1 2011-12-04T21:16:10.000000+02:00 host app procid msgid [NXLOG@32473 iut=\"9\" "
                + "Testfield=\"testvalue\" Testfield2=\"\\\\\\\"\\]\" EventID=\"1\"] Message part";
        Event e = Event.ofRaw(line);
        SyslogParser.parseIetf(line, e, UTC, clock, HOST);
        e.set("raw_event", "");
        e.set("SourceName", "app 1");
        assertThat(SyslogWriter.ietf(e, UTC, clock, HOST, UTC_STAMPS))
                .isEqualTo("<30>1 2011-12-04T19:16:10.000000Z host app_1 procid msgid [NXLOG@14506 iut=\"9\" "
                        + "Testfield=\"testvalue\" Testfield2=\"\\\\\\\"\\]\" EventID=\"1\"] Message part");
    }

    @Test
    void ietf_roundTrip_restoresFieldsAndTypesOfTheHeader() {
        Event e = new Event().set("EventTime", Instant.parse("2003-08-24T12:14:15.000003Z"))
                .set("Hostname", "192.0.2.1").set("SourceName", "myproc").set("ProcessID", 8710L)
                .set("Message", "line one\nline two").set("SyslogFacilityValue", 20L).set("SyslogSeverityValue", 5L)
                .set("count", 3L).set("ok", true).set("note", "say \"hi\" [x]");
        String line = SyslogWriter.ietf(e, ZoneOffset.ofHours(-7), clock, HOST, DEFAULTS);
        assertThat(line).isEqualTo("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - [NXLOG@14506 "
                + "count=\"3\" ok=\"TRUE\" note=\"say \\\"hi\\\" [x\\]\"] line one line two");
        Event back = Event.ofRaw(line);
        SyslogParser.parse(line, back, UTC, clock, HOST);
        assertThat(back.get("EventTime")).isEqualTo(e.get("EventTime"));
        assertThat(back.get("Hostname")).isEqualTo("192.0.2.1");
        assertThat(back.get("SourceName")).isEqualTo("myproc");
        assertThat(back.get("ProcessID")).isEqualTo("8710");
        assertThat(back.get("SyslogFacility")).isEqualTo("LOCAL4");
        assertThat(back.get("note")).isEqualTo("say \"hi\" [x]");
        assertThat(back.get("count")).isEqualTo("3");
        assertThat(back.get("Message")).isEqualTo("line one line two");
    }

    @Test
    void ietf_noOtherFields_nilValuesEverywhere() {
        Event e = Event.ofRaw("hello");
        assertThat(SyslogWriter.ietf(e, UTC, clock, HOST, DEFAULTS))
                .isEqualTo("<13>1 2012-11-15T12:00:00.000000+00:00 agenthost - - - - hello");
        assertThat(SyslogWriter.ietf(e, ZoneOffset.ofHoursMinutes(-3, -30), clock, HOST, DEFAULTS))
                .startsWith("<13>1 2012-11-15T08:30:00.000000-03:30 ");
    }

    @Test
    void snare_nxlogTestCase_tabs() {
        // NXLog CE's syslog-snare-1 test (its counter was N/A there; ours counts calls from 1).
        Event e = snareEvent("test\tmessage\nsecond line");
        assertThat(SyslogWriter.snare(e, UTC, clock, HOST, 1, DEFAULTS))
                .isEqualTo("<13>Oct 25 01:02:03 host MSWinEventLog\t1\tN/A\t1\tThu Oct 25 01:02:03 2012\t4242\tN/A"
                        + "\tN/A\tN/A\tN/A\thost\tN/A\t\ttest message second line\tN/A");
    }

    @Test
    void snare_nxlogTestCase_customDelimiter() {
        // NXLog CE's syslog-snare-3 test: SnareDelimiter ';', SnareReplacement ','.
        Event e = snareEvent("test\tmessage\n;second line");
        SyslogWriter.Options o = new SyslogWriter.Options(false, ' ', ';', ',');
        assertThat(SyslogWriter.snare(e, UTC, clock, HOST, 1, o))
                .isEqualTo("<13>Oct 25 01:02:03 host MSWinEventLog;1;N/A;1;Thu Oct 25 01:02:03 2012;4242;N/A;N/A;"
                        + "N/A;N/A;host;N/A;;test\tmessage ,second line;N/A");
    }

    @Test
    void snare_windowsFields() {
        Event e = snareEvent("Logon").set("SeverityValue", 2L).set("Channel", "Security")
                .set("SourceName", "Microsoft-Windows-Security-Auditing").set("AccountName", "SYSTEM")
                .set("AccountType", "User").set("EventType", "AUDIT_SUCCESS").set("Category", "Logon")
                .set("RecordNumber", 77L);
        assertThat(SyslogWriter.snare(e, UTC, clock, HOST, 9, DEFAULTS))
                .isEqualTo("<14>Oct 25 01:02:03 host MSWinEventLog\t1\tSecurity\t9\tThu Oct 25 01:02:03 2012\t4242\t"
                        + "Microsoft-Windows-Security-Auditing\tSYSTEM\tUser\tSuccess Audit\thost\tLogon\t\tLogon\t77");
    }

    private static Event snareEvent(String message) {
        return new Event().set("Message", message).set("Hostname", "host")
                .set("EventTime", Instant.parse("2012-10-25T01:02:03Z")).set("EventID", 4242L)
                .set("UserName", "user");
    }
}
