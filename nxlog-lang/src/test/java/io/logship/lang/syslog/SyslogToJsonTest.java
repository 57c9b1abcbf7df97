package io.logship.lang.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Event;
import io.logship.lang.ExecCompiler;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecEnvironment;
import io.logship.lang.ExecLibrary;
import io.logship.lang.ExecProblem;
import io.logship.lang.ExecProgram;
import io.logship.lang.ExecSource;
import io.logship.lang.FunctionTable;
import io.logship.lang.core.CoreLibrary;
import io.logship.lang.formattest.Configs;
import io.logship.lang.json.XmJsonProvider;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code parse_syslog(); to_json();} compiled by the real compiler against real xm_syslog and xm_json instances,
 * on RFC 3164 and RFC 5424 samples (the RFCs' own examples), a line with NILVALUEs and a line that is no syslog.
 */
class SyslogToJsonTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private final List<String> errors = new ArrayList<>();
    private ExecProgram program;
    private ExecContext ctx;

    @BeforeEach
    void compile() throws Exception {
        FunctionTable table = FunctionTable.builder().core(new CoreLibrary())
                .extension("_syslog", "xm_syslog", (ExecLibrary) Configs.create(new SyslogExtensionProvider()))
                .extension("_json", "xm_json", (ExecLibrary) Configs.create(new XmJsonProvider())).build();
        List<ExecProblem> problems = new ArrayList<>();
        program = new ExecCompiler(table).compile(new ExecSource("parse_syslog(); to_json();", "t.conf", 3, 13),
                problems);
        assertThat(problems).isEmpty();
        ctx = new ExecContext(new ExecEnvironment("in", "im_file", LoggerFactory.getLogger("test"),
                Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC, "agenthost", null,
                (where, e) -> errors.add(where + ": " + e.getMessage())));
    }

    private String run(String line) {
        Event e = Event.ofRaw(line);
        program.run(ctx.reset(e));
        assertThat(errors).isEmpty();
        return e.raw();
    }

    @Test
    void rfc3164_example1_givesNxlogsFieldsWithTheCurrentYear() {
        assertThat(run("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8")).isEqualTo(
                "{\"SyslogFacilityValue\":4,\"SyslogFacility\":\"AUTH\","
                + "\"SyslogSeverityValue\":2,\"SyslogSeverity\":\"CRIT\",\"SeverityValue\":5,\"Severity\":\"CRITICAL\","
                + "\"Hostname\":\"mymachine\",\"EventTime\":\"2026-10-11T22:14:15.000000+00:00\",\"SourceName\":\"su\","
                + "\"Message\":\"'su root' failed for lonvick on /dev/pts/8\"}");
    }

    @Test
    void rfc5424_example3_withStructuredDataAndBom_givesSdParamsAsFields() {
        assertThat(run("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 "
                + "iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] \uFEFFAn application event log entry..."))
                .isEqualTo("{\"SyslogFacilityValue\":20,"
                        + "\"SyslogFacility\":\"LOCAL4\",\"SyslogSeverityValue\":5,\"SyslogSeverity\":\"NOTICE\","
                        + "\"SeverityValue\":2,\"Severity\":\"INFO\",\"EventTime\":\"2003-10-11T22:14:15.003000+00:00\","
                        + "\"Hostname\":\"mymachine.example.com\",\"SourceName\":\"evntslog\",\"MessageID\":\"ID47\",\"exampleSDID.iut\":\"3\","
                        + "\"exampleSDID.eventSource\":\"Application\",\"exampleSDID.eventID\":\"1011\","
                        + "\"Message\":\"An application event log entry...\"}");
    }

    @Test
    void rfc5424_whenEveryHeaderFieldIsNil_setsOnlyWhatTheLineHas() {
        String json = run("<14>1 - - - - - - hello");

        assertThat(json).contains("\"SyslogFacility\":\"USER\"", "\"SyslogSeverity\":\"INFO\"", "\"Message\":\"hello\"")
                .doesNotContain("SourceName", "ProcessID", "MessageID");
    }

    @Test
    void garbage_keepsTheWholeLineAsMessageWithNxlogsDefaults() {
        String json = run("this line is not syslog at all");

        assertThat(json).contains("\"SyslogFacility\":\"USER\"", "\"SyslogSeverity\":\"NOTICE\"",
                "\"EventTime\":\"2026-12-02T12:00:00.000000+00:00\"", "\"Hostname\":\"agenthost\"",
                "\"Message\":\"this line is not syslog at all\"");
    }
}
