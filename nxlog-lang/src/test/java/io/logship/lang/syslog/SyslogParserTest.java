package io.logship.lang.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Event;
import io.logship.testkit.FakeClock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SyslogParserTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final String HOST = "agenthost";
    private final FakeClock clock = new FakeClock(Instant.parse("2023-11-15T12:00:00Z"));

    private Event parse(String line) {
        Event e = Event.ofRaw(line);
        SyslogParser.parse(line, e, UTC, clock, HOST);
        return e;
    }

    private Event parseBsd(String line) {
        Event e = Event.ofRaw(line);
        SyslogParser.parseBsd(line, e, UTC, clock, HOST);
        return e;
    }

    @Test
    void parseBsd_nxlogManualExample_givesTheDocumentedFields() {
        // NXLog's "Parse syslog messages" guide: input sample and the fields it lists.
        Event e = parseBsd("<38>Oct 31 10:30:12 myhost sshd[8459]: Failed password for invalid user linda from "
                + "192.168.1.60 port 38176 ssh2");
        assertThat(e.get("Message")).isEqualTo("Failed password for invalid user linda from 192.168.1.60 port "
                + "38176 ssh2");
        assertThat(e.get("SyslogSeverityValue")).isEqualTo(6L);
        assertThat(e.get("SyslogSeverity")).isEqualTo("INFO");
        assertThat(e.get("SeverityValue")).isEqualTo(2L);
        assertThat(e.get("Severity")).isEqualTo("INFO");
        assertThat(e.get("SyslogFacilityValue")).isEqualTo(4L);
        assertThat(e.get("SyslogFacility")).isEqualTo("AUTH");
        assertThat(e.get("EventTime")).isEqualTo(Instant.parse("2023-10-31T10:30:12Z"));
        assertThat(e.get("Hostname")).isEqualTo("myhost");
        assertThat(e.get("SourceName")).isEqualTo("sshd");
        assertThat(e.get("ProcessID")).isEqualTo("8459");
    }

    @Test
    void parseBsd_nxlogTestCases_tagWithAndWithoutPid() {
        // NXLog CE's test/common/statements/good/syslog-bsd.
        Event e = parseBsd("<30>Oct 12 12:49:06 host app[12345]: daemon.info");
        assertThat(e.get("SyslogFacility")).isEqualTo("DAEMON");
        assertThat(e.get("SyslogSeverity")).isEqualTo("INFO");
        assertThat(e.get("SourceName")).isEqualTo("app");
        assertThat(e.get("Hostname")).isEqualTo("host");
        assertThat(e.get("ProcessID")).isEqualTo("12345");
        assertThat(e.get("Message")).isEqualTo("daemon.info");

        e = parseBsd("<30>Oct 12 12:49:06 host app: daemon.info");
        assertThat(e.get("SourceName")).isEqualTo("app");
        assertThat(e.get("Hostname")).isEqualTo("host");
        assertThat(e.has("ProcessID")).isFalse();
        assertThat(e.get("Message")).isEqualTo("daemon.info");

        e = parseBsd("<30>Oct 12 12:49:06 host app[: daemon.info");
        assertThat(e.has("SourceName")).isFalse();
        assertThat(e.get("Hostname")).isEqualTo("host");
        assertThat(e.has("ProcessID")).isFalse();
        assertThat(e.get("Message")).isEqualTo("app[: daemon.info");

        e = parseBsd("<30>Oct 12 12:49:06 host app[]: daemon.info");
        assertThat(e.get("SourceName")).isEqualTo("app");
        assertThat(e.has("ProcessID")).isFalse();
        assertThat(e.get("Message")).isEqualTo("daemon.info");
    }

    @Test
    void parseBsd_rfc3164Examples() {
        // RFC 3164 section 5.4, example 1.
        Event e = parseBsd("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8");
        assertThat(e.get("SyslogFacility")).isEqualTo("AUTH");
        assertThat(e.get("SyslogSeverity")).isEqualTo("CRIT");
        assertThat(e.get("SeverityValue")).isEqualTo(5L);
        assertThat(e.get("EventTime")).isEqualTo(Instant.parse("2023-10-11T22:14:15Z"));
        assertThat(e.get("Hostname")).isEqualTo("mymachine");
        assertThat(e.get("SourceName")).isEqualTo("su");
        assertThat(e.get("Message")).isEqualTo("'su root' failed for lonvick on /dev/pts/8");

        // Example 3: a space-padded day, an IP address as host, no tag.
        e = parseBsd("<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!");
        assertThat(e.get("SyslogFacility")).isEqualTo("USER");
        assertThat(e.get("SyslogSeverity")).isEqualTo("NOTICE");
        assertThat(e.get("EventTime")).isEqualTo(Instant.parse("2023-02-05T17:32:18Z"));
        assertThat(e.get("Hostname")).isEqualTo("10.0.0.99");
        assertThat(e.has("SourceName")).isFalse();
        assertThat(e.get("Message")).isEqualTo("Use the BFG!");
    }

    @Test
    void parseBsd_rfc3164Example2_noPriorityNoHeader_isTheMessageWithDefaults() {
        Event e = Event.ofRaw("Use the BFG!");
        boolean syslog = SyslogParser.parseBsd("Use the BFG!", e, UTC, clock, HOST);
        assertThat(syslog).isFalse();
        assertThat(e.get("Message")).isEqualTo("Use the BFG!");
        assertThat(e.get("SyslogFacilityValue")).isEqualTo(1L);
        assertThat(e.get("SyslogFacility")).isEqualTo("USER");
        assertThat(e.get("SyslogSeverityValue")).isEqualTo(5L);
        assertThat(e.get("SyslogSeverity")).isEqualTo("NOTICE");
        assertThat(e.get("SeverityValue")).isEqualTo(2L);
        assertThat(e.get("Severity")).isEqualTo("INFO");
        assertThat(e.get("EventTime")).isEqualTo(clock.instant());
        assertThat(e.get("Hostname")).isEqualTo(HOST);
        assertThat(e.has("SourceName")).isFalse();
    }

    @Test
    void parse_garbage_keepsTheWholeLineAsMessage() {
        for (String line : new String[] {"", "x", "<", "<>", "<999999> hello", "{\"json\": [1, 2]}",
            "<13", "\u0000\u0001 binary \uFFFD", "<34>1", "<34>1 ", "<34>1 not-a-time host app - - - x"}) {
            Event e = Event.ofRaw(line);
            SyslogParser.parse(line, e, UTC, clock, HOST);
            assertThat(e.get("SyslogFacility")).as(line).isNotNull();
            assertThat(e.get("EventTime")).as(line).isNotNull();
            assertThat(e.get("Hostname")).as(line).isEqualTo(HOST);
            assertThat(e.get("raw_event")).as(line).isEqualTo(line);
        }
        assertThat(parse("{\"json\": [1, 2]}").get("Message")).isEqualTo("{\"json\": [1, 2]}");
        assertThat(parse("<999999> hello").get("Message")).isEqualTo("<999999> hello");
        assertThat(parse("<34>1 not-a-time host app - - - x").get("Message")).isEqualTo("not-a-time host app - - - x");
        assertThat(parse("").has("Message")).isFalse();
    }

    @Test
    void parseBsd_withoutTimestamp_readsPriorityAndTag() {
        Event e = parseBsd("<13>myapp[42]: started");
        assertThat(e.get("SourceName")).isEqualTo("myapp");
        assertThat(e.get("ProcessID")).isEqualTo("42");
        assertThat(e.get("Message")).isEqualTo("started");
        assertThat(e.get("Hostname")).isEqualTo(HOST);
    }

    @Test
    void parseBsd_missingHostname_tagRightAfterTheDate() {
        Event e = parseBsd("<13>Oct  2 07:00:01 CRON[123]: (root) CMD (run-parts /etc/cron.hourly)");
        assertThat(e.get("Hostname")).isEqualTo(HOST);
        assertThat(e.get("SourceName")).isEqualTo("CRON");
        assertThat(e.get("ProcessID")).isEqualTo("123");
        assertThat(e.get("Message")).isEqualTo("(root) CMD (run-parts /etc/cron.hourly)");
        assertThat(e.get("EventTime")).isEqualTo(Instant.parse("2023-10-02T07:00:01Z"));

        e = parseBsd("<13>Oct  2 07:00:01 kernel: oops");
        assertThat(e.get("Hostname")).isEqualTo(HOST);
        assertThat(e.get("SourceName")).isEqualTo("kernel");
        assertThat(e.get("Message")).isEqualTo("oops");
    }

    @Test
    void parseBsd_missingHostname_takesMessageSourceAddress() {
        Event e = Event.ofRaw("<13>Oct  2 07:00:01 kernel: oops").set("MessageSourceAddress", "192.0.2.7");
        SyslogParser.parseBsd(e.raw(), e, UTC, clock, HOST);
        assertThat(e.get("Hostname")).isEqualTo("192.0.2.7");
    }

    @Test
    void parseBsd_isoTimestamp_nxlogRegressionCase() {
        // NXLog CE's syslog-ietf test: an RFC 3164 body with an ISO timestamp (no version, so parsed as BSD).
        Event e = parse("<27>2013-05-22T20:37:34Z myhostname.com DUHF_113_HHR[11500]:  INTERNAL "
                + "SomeModule::Somewhere -  Something is wrong");
        assertThat(e.get("Hostname")).isEqualTo("myhostname.com");
        assertThat(e.get("SourceName")).isEqualTo("DUHF_113_HHR");
        assertThat(e.get("ProcessID")).isEqualTo("11500");
        assertThat(e.get("EventTime")).isEqualTo(Instant.parse("2013-05-22T20:37:34Z"));
        assertThat(e.get("SyslogFacility")).isEqualTo("DAEMON");
        assertThat(e.get("SyslogSeverity")).isEqualTo("ERR");
    }

    @Test
    void parseBsd_fractionAndCiscoYear() {
        assertThat(parseBsd("<13>Oct 11 22:14:15.123456 host app: x").get("EventTime"))
                .isEqualTo(Instant.parse("2023-10-11T22:14:15.123456Z"));
        assertThat(parseBsd("<13>Oct 11 22:14:15.1 host app: x").get("EventTime"))
                .isEqualTo(Instant.parse("2023-10-11T22:14:15.100Z"));
        Event e = parseBsd("<189>Jun 18 2019 10:00:00 fw01 %ASA-5-111008: User 'enable_15' executed");
        assertThat(e.get("EventTime")).isEqualTo(Instant.parse("2019-06-18T10:00:00Z"));
        assertThat(e.get("Hostname")).isEqualTo("fw01");
        assertThat(e.get("SyslogFacility")).isEqualTo("LOCAL7");
    }

    @Test
    void parseBsd_yearlessDate_inTheFuture_isLastYear() {
        clock.set(Instant.parse("2027-01-01T00:00:10Z"));
        assertThat(parseBsd("<13>Dec 31 23:59:58 h a: late").get("EventTime"))
                .isEqualTo(Instant.parse("2026-12-31T23:59:58Z"));
        assertThat(parseBsd("<13>Jan  1 00:00:05 h a: on time").get("EventTime"))
                .isEqualTo(Instant.parse("2027-01-01T00:00:05Z"));
        // A sender clock a little ahead stays in this year.
        assertThat(parseBsd("<13>Jan  1 00:05:00 h a: early").get("EventTime"))
                .isEqualTo(Instant.parse("2027-01-01T00:05:00Z"));
    }

    @Test
    void parseBsd_localZone_appliesDaylightSaving() {
        ZoneId budapest = ZoneId.of("Europe/Budapest");
        Event e = Event.ofRaw("");
        SyslogParser.parseBsd("<13>Jul  1 12:00:00 h a: summer", e, budapest, clock, HOST);
        assertThat(e.get("EventTime")).isEqualTo(Instant.parse("2023-07-01T10:00:00Z"));
        SyslogParser.parseBsd("<13>Jan  1 12:00:00 h a: winter", e, budapest, clock, HOST);
        assertThat(e.get("EventTime")).isEqualTo(Instant.parse("2023-01-01T11:00:00Z"));
    }

    @Test
    void parseIetf_rfc5424Example1_bomBeforeMessage() {
        Event e = parse("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root' failed "
                + "for lonvick on /dev/pts/8");
        assertThat(e.get("SyslogFacility")).isEqualTo("AUTH");
        assertThat(e.get("SyslogSeverity")).isEqualTo("CRIT");
        assertThat(e.get("EventTime")).isEqualTo(Instant.parse("2003-10-11T22:14:15.003Z"));
        assertThat(e.get("Hostname")).isEqualTo("mymachine.example.com");
        assertThat(e.get("SourceName")).isEqualTo("su");
        assertThat(e.has("ProcessID")).isFalse();
        assertThat(e.get("MessageID")).isEqualTo("ID47");
        assertThat(e.get("Message")).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
    }

    @Test
    void parseIetf_rfc5424Example2_microsecondsAndOffset() {
        Event e = parse("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make "
                + "the do-nuts.");
        assertThat(e.get("SyslogFacility")).isEqualTo("LOCAL4");
        assertThat(e.get("SyslogSeverity")).isEqualTo("NOTICE");
        assertThat(e.get("EventTime")).isEqualTo(Instant.parse("2003-08-24T12:14:15.000003Z"));
        assertThat(e.get("Hostname")).isEqualTo("192.0.2.1");
        assertThat(e.get("SourceName")).isEqualTo("myproc");
        assertThat(e.get("ProcessID")).isEqualTo("8710");
        assertThat(e.has("MessageID")).isFalse();
        assertThat(e.get("Message")).isEqualTo("%% It's time to make the do-nuts.");
    }

    @Test
    void parseIetf_rfc5424Examples3And4_structuredData() {
        Event e = parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 "
                + "iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] \uFEFFAn application event log entry...");
        assertThat(e.get("exampleSDID.iut")).isEqualTo("3");
        assertThat(e.get("exampleSDID.eventSource")).isEqualTo("Application");
        assertThat(e.get("exampleSDID.eventID")).isEqualTo("1011");
        assertThat(e.get("Message")).isEqualTo("An application event log entry...");

        e = parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 "
                + "iut=\"3\" eventSource=\"Application\" eventID=\"1011\"][examplePriority@32473 class=\"high\"]");
        assertThat(e.get("exampleSDID.eventID")).isEqualTo("1011");
        assertThat(e.get("examplePriority.class")).isEqualTo("high");
        assertThat(e.has("Message")).isFalse();
    }

    @Test
    void parseIetf_nxlogTestCase_escapesAndNxlogElement() {
        // NXLog CE's syslog-ietf test: params of [NXLOG@...] are plain fields; \\ \" \] unescape.
        Event e = parse("<30>1 2011-12-04T21:16:10.000000+02:00 host app procid msgid [NXLOG@32473 iut=\"9\" "
                + "Testfield=\"testvalue\" Testfield2=\"\\\\\\\"\\]\" EventID=\"1\"] Message part");
        assertThat(e.get("SyslogFacility")).isEqualTo("DAEMON");
        assertThat(e.get("SyslogSeverity")).isEqualTo("INFO");
        assertThat(e.get("SourceName")).isEqualTo("app");
        assertThat(e.get("Hostname")).isEqualTo("host");
        assertThat(e.get("ProcessID")).isEqualTo("procid");
        assertThat(e.get("MessageID")).isEqualTo("msgid");
        assertThat(e.get("Message")).isEqualTo("Message part");
        assertThat(e.get("iut")).isEqualTo("9");
        assertThat(e.get("Testfield")).isEqualTo("testvalue");
        assertThat(e.get("Testfield2")).isEqualTo("\\\"]");
        assertThat(e.get("EventTime")).isEqualTo(Instant.parse("2011-12-04T19:16:10Z"));
    }

    @Test
    void parseIetf_nilValues_nxlogTestCases() {
        Event e = parse("<30>1 2011-12-04T21:16:10.000000+02:00 - - - - - Message part");
        assertThat(e.has("SourceName")).isFalse();
        assertThat(e.get("Hostname")).isEqualTo(HOST);
        assertThat(e.has("ProcessID")).isFalse();
        assertThat(e.has("MessageID")).isFalse();
        assertThat(e.get("Message")).isEqualTo("Message part");
        // Truncated headers: nothing throws, what is there is read.
        for (String tail : new String[] {" -", " - ", " - -", " - - -", " - - - ", " - - - -", " - - - - ",
            " - - - - -", " - - - - - ", " - - - - [] Message part", " - - - - []", " - - - - [] "}) {
            Event t = parse("<30>1 2011-12-04T21:16:10.000000+02:00" + tail);
            assertThat(t.get("EventTime")).as(tail).isEqualTo(Instant.parse("2011-12-04T19:16:10Z"));
            assertThat(t.get("Hostname")).as(tail).isEqualTo(HOST);
        }
        assertThat(parse("<30>1 2011-12-04T21:16:10.000000+02:00 - - - - [] Message part").get("Message"))
                .isEqualTo("[] Message part");
        assertThat(parse("<30>1 - - - - - - msg").get("EventTime")).isEqualTo(clock.instant());
    }

    @Test
    void parseIetf_malformedStructuredData_isPartOfTheMessage() {
        Event e = parse("<13>1 2020-01-01T00:00:00Z h a - - [id x=\"unterminated] rest");
        assertThat(e.get("Message")).isEqualTo("[id x=\"unterminated] rest");
        assertThat(e.has("id.x")).isFalse();
        e = parse("<13>1 2020-01-01T00:00:00Z h a - - [origin@123] no params");
        assertThat(e.get("Message")).isEqualTo("no params");
        e = parse("<13>1 2020-01-01T00:00:00Z h a - - [a b=\"1\"] [INFO] text");
        assertThat(e.get("a.b")).isEqualTo("1");
        assertThat(e.get("Message")).isEqualTo("[INFO] text");
        // A backslash before another character is kept (RFC 5424 6.3.3); odd name characters become _.
        e = parse("<13>1 2020-01-01T00:00:00Z h a - - [my:id p$q=\"C:\\dir\"] m");
        assertThat(e.get("my_id.p_q")).isEqualTo("C:\\dir");
    }

    @Test
    void parse_trailingNewlineRemoved_oneOnly() {
        assertThat(parse("<13>Oct 11 22:14:15 h a: m\n").get("Message")).isEqualTo("m");
        assertThat(parse("<13>1 2020-01-01T00:00:00Z h a - - - m\n").get("Message")).isEqualTo("m");
    }

    @Test
    void parse_priorityOutOfRange_defaultsButIsSyslog() {
        Event e = Event.ofRaw("");
        assertThat(SyslogParser.parse("<200>Oct 11 22:14:15 h a: m", e, UTC, clock, HOST)).isTrue();
        assertThat(e.get("SyslogFacilityValue")).isEqualTo(1L);
        assertThat(e.get("SyslogSeverityValue")).isEqualTo(5L);
        assertThat(e.get("Hostname")).isEqualTo("h");
        assertThat(parse("<191>Oct 11 22:14:15 h a: m").get("SyslogFacility")).isEqualTo("LOCAL7");
        assertThat(parse("<0>Oct 11 22:14:15 h a: m").get("Severity")).isEqualTo("ERROR");
    }

    @Test
    void parseBsd_allocatesOnlyTheFieldValues() {
        // The hot path: per line, only the values (Message, Hostname, SourceName, ProcessID strings, the
        // EventTime Instant) and a small scan state, about 300 bytes for this line; no regex, no formatter.
        String line = "<38>Oct 31 10:30:12 myhost sshd[8459]: Failed password for invalid user linda from "
                + "192.168.1.60 port 38176 ssh2";
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        Event[] events = new Event[5_000];
        for (int i = 0; i < events.length; i++) {
            events[i] = Event.ofRaw(line);
        }
        long before = mx.getThreadAllocatedBytes(id);
        for (Event e : events) {
            SyslogParser.parse(line, e, UTC, clock, HOST);
        }
        long perLine = (mx.getThreadAllocatedBytes(id) - before) / events.length;
        assertThat(events[0].get("ProcessID")).isEqualTo("8459");
        assertThat(perLine).isLessThan(420);
    }
}
