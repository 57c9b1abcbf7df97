package io.logship.lang.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Event;
import io.logship.lang.ExecCompiler;
import io.logship.lang.ExecProblem;
import io.logship.lang.ExecProgram;
import io.logship.lang.ExecSource;
import io.logship.lang.FunctionTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Statements through the real compiler with the real core library. */
class CoreEndToEndTest {
    private final CoreHarness h = new CoreHarness();
    private final ExecCompiler compiler =
            new ExecCompiler(FunctionTable.builder().core(new CoreLibrary()).build());

    private ExecProgram compile(String text) {
        List<ExecProblem> problems = new ArrayList<>();
        ExecProgram p = compiler.compile(new ExecSource(text, "test.conf", 1, 1), problems);
        assertThat(problems).as("problems of %s", text).isEmpty();
        return p;
    }

    private List<String> problems(String text) {
        List<ExecProblem> problems = new ArrayList<>();
        compiler.compile(new ExecSource(text, "test.conf", 1, 1), problems);
        return problems.stream().map(ExecProblem::toString).toList();
    }

    private Event run(String text, Event e) {
        compile(text).run(h.ctx.reset(e));
        return e;
    }

    @Test
    void manualExample_parsedateFromCapture() {
        // the NXLog manual's "Parse timestamps" example, minus to_json()
        Event e = run("if $raw_event =~ /^([^\\t]+)\\t(.*)/ { $EventTime = parsedate($1); $Message = $2; }",
                Event.ofRaw("2024-02-14T10:11:15.003Z\tSERVER-1\tAn account failed to log on."));
        assertThat(e.get("EventTime")).isEqualTo(Instant.parse("2024-02-14T10:11:15.003Z"));
        assertThat(e.get("Message")).isEqualTo("SERVER-1\tAn account failed to log on.");
        run("$Shown = strftime($EventTime, 'YYYY-MM-DDThh:mm:ss.sTZ');", e);
        assertThat(e.get("Shown")).isEqualTo("2024-02-14T11:11:15.003000+01:00");
    }

    @Test
    void fallbackTimestamp_whenParsedateGivesUndef() {
        Event e = run("$EventTime = parsedate($raw_event); if not defined($EventTime) $EventTime = now();",
                Event.ofRaw("not a date"));
        assertThat(e.get("EventTime")).isEqualTo(Instant.parse("2024-02-14T10:11:15.123456Z"));
    }

    @Test
    void stringsAndConversions() {
        Event e = run("$Host = uc(hostname()); $Short = substr($raw_event, 0, 4); $Len = size($raw_event);"
                + " $N = integer('42') + 1; $T = type($N); $R = replace($raw_event, 'line', 'row');",
                Event.ofRaw("a line"));
        assertThat(e.get("Host")).isEqualTo("MYHOST");
        assertThat(e.get("Short")).isEqualTo("a li");
        assertThat(e.get("Len")).isEqualTo(6L);
        assertThat(e.get("N")).isEqualTo(43L);
        assertThat(e.get("T")).isEqualTo("integer");
        assertThat(e.get("R")).isEqualTo("a row");
    }

    @Test
    void fieldProcedures_withBareFields() {
        Event e = new Event().set("a", 1L).set("b", 2L);
        run("rename_field($a, $c); delete($b);", e);
        assertThat(e.fieldNames()).containsExactly("c");
        assertThat(e.get("c")).isEqualTo(1L);
    }

    @Test
    void dropAndVariablesAndStats_acrossEvents() {
        ExecProgram p = compile("create_stat('seen', 'COUNT'); add_stat('seen', 1);"
                + " if $raw_event =~ /^debug/ drop(); set_var('last', $raw_event);");
        p.run(h.ctx.reset(Event.ofRaw("first")));
        p.run(h.ctx.reset(Event.ofRaw("debug noise")));
        assertThat(h.ctx.dropped()).isTrue();
        p.run(h.ctx.reset(Event.ofRaw("second")));
        Event e = run("$Seen = get_stat('seen'); $Last = get_var('last');", new Event());
        assertThat(e.get("Seen")).isEqualTo(3L);
        assertThat(e.get("Last")).isEqualTo("second");
    }

    @Test
    void rateCounter_readFromAScheduleWithoutEvent() {
        ExecProgram perEvent = compile("create_stat('eps', 'RATE', 1); add_stat('eps', 1);");
        for (int i = 0; i < 5; i++) {
            perEvent.run(h.ctx.reset(Event.ofRaw("x")));
        }
        h.clock.advance(Duration.ofSeconds(1));
        compile("log_info('events per second: ', get_stat('eps'));").run(h.ctx.reset(null));
        assertThat(h.module.logged()).contains("INFO in: events per second: 5");
    }

    @Test
    void runTimeTypeError_isReportedAndTheNextStatementRuns() {
        Event e = run("$x = lc($n); $y = 'after';", new Event().set("n", 6L));
        assertThat(e.get("y")).isEqualTo("after");
        assertThat(h.errors).singleElement().asString().contains("lc(): argument 1 must be string, not integer");
    }

    @Test
    void compileTimeProblems_sleepAndLiteralTypes() {
        assertThat(problems("sleep(1000);")).singleElement().asString()
                .contains("sleep() is not supported: it would stall the pipeline; use a <Schedule>");
        assertThat(problems("$x = substr('abc', 'one');")).singleElement().asString()
                .contains("argument 2 of substr() must be integer, not string");
        assertThat(problems("$x = lc();")).singleElement().asString().contains("wrong number of arguments");
    }
}
