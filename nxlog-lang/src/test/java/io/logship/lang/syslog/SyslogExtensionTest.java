package io.logship.lang.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.ConfigException;
import io.logship.api.Event;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecEnvironment;
import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.lang.ExecLibrary;
import io.logship.lang.FunctionTable;
import io.logship.testkit.FakeClock;
import io.logship.testkit.TestMetrics;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SyslogExtensionTest {
    private final SyslogExtensionProvider provider = new SyslogExtensionProvider();
    private final FakeClock clock = new FakeClock(Instant.parse("2011-11-15T12:00:00Z"));
    private final ExecEnvironment env = new ExecEnvironment("in", "im_file",
            LoggerFactory.getLogger(SyslogExtensionTest.class), clock, ZoneOffset.UTC, "agenthost",
            new TestMetrics(), (where, error) -> { });

    private SyslogExtension create(String... directives) throws ConfigException {
        return (SyslogExtension) provider.create(new MapConfig(provider, directives));
    }

    private static ExecFunction find(ExecLibrary lib, String name, boolean procedure) {
        FunctionTable table = FunctionTable.builder().extension("syslog", "xm_syslog", lib).build();
        ExecFunction f = table.find(null, name, procedure);
        assertThat(f).as(name).isNotNull();
        return f;
    }

    private Object call(ExecLibrary lib, String name, boolean procedure, Event e, Object... args) {
        ExecContext ctx = new ExecContext(env).reset(e);
        return find(lib, name, procedure).impl().call(ctx, args);
    }

    @Test
    void provider_isRegisteredAsAnExtension() {
        assertThat(ServiceLoader.load(ModuleProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("xm_syslog")).findFirst()).get()
                .satisfies(p -> assertThat(p.kind()).isEqualTo(ModuleKind.EXTENSION));
        assertThat(provider.directives()).extracting(d -> d.name()).containsExactly("UTCTimestamp",
                "IETFTimestampInGMT", "ReplaceLineBreaks", "SnareDelimiter", "SnareReplacement");
    }

    @Test
    void declarations_matchNxlog() throws Exception {
        SyslogExtension x = create();
        for (String p : new String[] {"parse_syslog", "parse_syslog_bsd", "parse_syslog_ietf"}) {
            assertThat(find(x, p, true).acceptsArgCount(0)).isTrue();
            assertThat(find(x, p, true).acceptsArgCount(1)).isTrue();
            assertThat(find(x, p, true).acceptsArgCount(2)).isFalse();
            assertThat(find(x, p, true).argType(0)).isEqualTo("string");
        }
        for (String p : new String[] {"to_syslog_bsd", "to_syslog_ietf", "to_syslog_snare"}) {
            assertThat(find(x, p, true).acceptsArgCount(0)).isTrue();
            assertThat(find(x, p, true).acceptsArgCount(1)).isFalse();
        }
        assertThat(find(x, "syslog_facility_value", false).returnType()).isEqualTo("integer");
        assertThat(find(x, "syslog_facility_value", false).argType(0)).isEqualTo("string");
        assertThat(find(x, "syslog_severity_string", false).returnType()).isEqualTo("string");
        assertThat(find(x, "syslog_severity_string", false).argType(0)).isEqualTo("integer");
    }

    @Test
    void parseSyslog_readsRawEventOrTheArgument() throws Exception {
        SyslogExtension x = create();
        Event e = Event.ofRaw("<30>Oct 12 12:49:06 host app[12345]: daemon.info");
        call(x, "parse_syslog", true, e);
        assertThat(e.get("Message")).isEqualTo("daemon.info");
        assertThat(e.get("EventTime")).isEqualTo(Instant.parse("2011-10-12T12:49:06Z"));

        Event other = Event.ofRaw("untouched");
        call(x, "parse_syslog_ietf", true, other, "<165>1 2003-10-11T22:14:15.003Z h evntslog - ID47 - x");
        assertThat(other.get("MessageID")).isEqualTo("ID47");
        assertThat(other.get("raw_event")).isEqualTo("untouched");

        call(x, "parse_syslog_bsd", true, other, "<13>Oct 11 22:14:15 h a: bsd");
        assertThat(other.get("Message")).isEqualTo("bsd");
    }

    @Test
    void parseSyslog_badSource_isARunTimeErrorNamingIt() throws Exception {
        SyslogExtension x = create();
        assertThatThrownBy(() -> call(x, "parse_syslog", true, new Event()))
                .isInstanceOf(ExecError.class).hasMessage("parse_syslog(): the event has no $raw_event");
        assertThatThrownBy(() -> call(x, "parse_syslog_bsd", true, new Event(), (Object) null))
                .isInstanceOf(ExecError.class).hasMessage("parse_syslog_bsd(): the text to parse is undef");
        assertThatThrownBy(() -> call(x, "parse_syslog_ietf", true, new Event(), 5L))
                .isInstanceOf(ExecError.class)
                .hasMessage("parse_syslog_ietf(): the text to parse is integer, not a string");
        assertThatThrownBy(() -> call(x, "parse_syslog", true, null))
                .isInstanceOf(ExecError.class).hasMessageContaining("no event");
    }

    @Test
    void toSyslog_setsRawEvent_withTheInstanceDirectives() throws Exception {
        SyslogExtension x = create("UTCTimestamp", "TRUE", "ReplaceLineBreaks", "'|'");
        Event e = new Event().set("Message", "a\nb").set("Hostname", "h")
                .set("EventTime", Instant.parse("2011-12-04T19:16:10Z"));
        call(x, "to_syslog_ietf", true, e);
        assertThat(e.get("raw_event")).isEqualTo("<13>1 2011-12-04T19:16:10.000000Z h - - - - a|b");
        call(x, "to_syslog_bsd", true, e);
        assertThat(e.get("raw_event")).isEqualTo("<13>Dec  4 19:16:10 h a|b");
    }

    @Test
    void toSyslogSnare_countsEventsPerInstance_andUsesTheDelimiters() throws Exception {
        SyslogExtension x = create("SnareDelimiter", "#", "SnareReplacement", "\"_\"");
        Event e = new Event().set("Message", "a#b").set("Hostname", "h")
                .set("EventTime", Instant.parse("2012-10-25T01:02:03Z"));
        call(x, "to_syslog_snare", true, e);
        assertThat(e.getString("raw_event")).startsWith("<13>Oct 25 01:02:03 h MSWinEventLog#1#N/A#1#")
                .endsWith("#a_b#N/A");
        call(x, "to_syslog_snare", true, e);
        assertThat(e.getString("raw_event")).startsWith("<13>Oct 25 01:02:03 h MSWinEventLog#1#N/A#2#");
    }

    @Test
    void facilityAndSeverityFunctions() throws Exception {
        SyslogExtension x = create();
        Event e = new Event();
        assertThat(call(x, "syslog_facility_value", false, e, "DAEMON")).isEqualTo(3L);
        assertThat(call(x, "syslog_facility_value", false, e, "local0")).isEqualTo(16L);
        assertThat(call(x, "syslog_facility_value", false, e, "kern")).isEqualTo(0L);
        assertThat(call(x, "syslog_facility_string", false, e, 23L)).isEqualTo("LOCAL7");
        assertThat(call(x, "syslog_severity_value", false, e, "INFO")).isEqualTo(6L);
        assertThat(call(x, "syslog_severity_value", false, e, "error")).isEqualTo(3L);
        assertThat(call(x, "syslog_severity_value", false, e, "warn")).isEqualTo(4L);
        assertThat(call(x, "syslog_severity_string", false, e, 0L)).isEqualTo("EMERG");
        assertThat(call(x, "syslog_severity_string", false, e, (Object) null)).isNull();
        assertThatThrownBy(() -> call(x, "syslog_facility_value", false, e, "nosuch"))
                .isInstanceOf(ExecError.class).hasMessageStartingWith("syslog_facility_value(): unknown facility "
                        + "'nosuch' (one of KERN, USER,");
        assertThatThrownBy(() -> call(x, "syslog_severity_string", false, e, 8L))
                .isInstanceOf(ExecError.class).hasMessage("syslog_severity_string(): 8 is not a syslog severity "
                        + "(0 to 7)");
        assertThatThrownBy(() -> call(x, "syslog_facility_string", false, e, "3"))
                .isInstanceOf(ExecError.class).hasMessage("syslog_facility_string(): the argument is string, not "
                        + "an integer");
    }

    @Test
    void directives_characterForms_andConflicts() throws Exception {
        assertThat(create().options()).isEqualTo(SyslogWriter.Options.DEFAULTS);
        assertThat(create("SnareDelimiter", "\\t", "SnareReplacement", "0x20").options())
                .isEqualTo(new SyslogWriter.Options(false, ' ', '\t', ' '));
        assertThat(create("IETFTimestampInGMT", "TRUE").options().utcTimestamp()).isTrue();
        assertThat(create("ReplaceLineBreaks", "\\n").options().lineBreakReplacement()).isEqualTo('\n');
        assertThatThrownBy(() -> create("SnareDelimiter", "ab"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected one character");
        assertThatThrownBy(() -> create("SnareDelimiter", ";", "SnareReplacement", ";"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SnareReplacement")
                .hasMessageContaining("same character as SnareDelimiter");
        assertThatThrownBy(() -> create("UTCTimestamp", "FALSE", "IETFTimestampInGMT", "TRUE"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("IETFTimestampInGMT")
                .hasMessageContaining("contradicts UTCTimestamp");
    }
}
