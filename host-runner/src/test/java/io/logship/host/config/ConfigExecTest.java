package io.logship.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.logship.api.ConfigException;
import io.logship.api.Event;
import io.logship.api.ModuleProvider;
import io.logship.host.basic.FilterProvider;
import io.logship.host.basic.TransformerProvider;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecEnvironment;
import io.logship.lang.ExecProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Exec, <Exec>, <Schedule>, define macros and extension functions as the config loader compiles them. */
class ConfigExecTest {
    @TempDir
    Path dir;

    private final List<String> runtimeErrors = new ArrayList<>();

    private static final String[] OUT_AND_ROUTE = {"<Output out>", "Module om_test", "File /y", "</Output>",
        "<Route r>", "Path in => out", "</Route>"};

    private Path write(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    /** An input block (its lines given) followed by an output and a route. */
    private Path input(String... inputLines) throws IOException {
        List<String> all = new ArrayList<>(List.of(inputLines));
        all.addAll(List.of(OUT_AND_ROUTE));
        return write("a.conf", all.toArray(String[]::new));
    }

    private static ModuleRegistry registry() throws ConfigException {
        List<ModuleProvider> all = new ArrayList<>(TestModules.all());
        all.add(new TestModules.LibExt());
        all.add(new FilterProvider());
        all.add(new TransformerProvider());
        all.add(new CompiledProvider());
        return new ModuleRegistry(all);
    }

    private ResolvedConfig load(Path f) throws ConfigException {
        return ConfigLoader.load(f, registry(), dir.resolve("home"));
    }

    private List<String> problems(Path f) {
        return catchThrowableOfType(ConfigException.class, () -> load(f)).problems();
    }

    private ResolvedConfig.Instance instance(ResolvedConfig rc, String name) {
        return rc.instances().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    /** Runs a program on a fresh event with the given raw text; the context tells what happened. */
    private ExecContext run(ExecProgram p, Event e) {
        ExecEnvironment env = new ExecEnvironment("in", "im_test", LoggerFactory.getLogger("test"),
                Clock.fixed(java.time.Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC), ZoneOffset.UTC,
                "host", null, (where, err) -> runtimeErrors.add(where + ": " + err.getMessage()));
        ExecContext ctx = new ExecContext(env).reset(e);
        p.run(ctx);
        return ctx;
    }

    @Test
    void load_whenSeveralExecLinesAndExecBlocks_runsThemInFileOrder() throws Exception {
        Path f = input("<Input in>", "  Exec $a = 1;", "  Module im_test", "  File /x",
                "  <Exec>", "    $b = $a + 1;", "", "    # a comment inside", "    $c = $b + 1;", "  </Exec>",
                "  EXEC $d = $c * 10;", "</Input>");
        ResolvedConfig rc = load(f);
        Event e = Event.ofRaw("x");
        run(instance(rc, "in").exec(), e);
        assertThat(e.get("a")).isEqualTo(1L);
        assertThat(e.get("c")).isEqualTo(3L);
        assertThat(e.get("d")).isEqualTo(30L);
    }

    @Test
    void load_whenStatementsHaveProblems_reportsEveryOneWithFileLineAndColumn() throws IOException {
        Path f = input("<Input in>", "Module im_test", "File /x",
                "Exec $a = ;",                                    // line 4
                "<Exec>",
                "  $ok = 1;",
                "    nosuch();",                                   // line 7, column 5
                "</Exec>",
                "Exec $x = 1; \\",                                 // line 9
                "     if $x == 1 nope2();",                        // line 10, column 17
                "</Input>");
        List<String> problems = problems(f);
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith(f + ":4:");
        assertThat(problems.get(1)).startsWith(f + ":7:5: in: unknown procedure nosuch()");
        assertThat(problems.get(2)).startsWith(f + ":10:17: in: unknown procedure nope2()");
    }

    @Test
    void load_whenDefineHoldsStatements_expandsThemAsNxlogDoes() throws Exception {
        // the NXLog manual's define example, with WARN_DROP used as Exec %WARN_DROP%
        Path f = write("a.conf", "define BASEDIR /var/log",
                "define IMPORTANT if $raw_event =~ /important/ \\",
                "                    $Message = 'IMPORTANT ' + $raw_event;",
                "define WARN_DROP { log_warning(\"dropping message\"); drop(); }",
                "<Input in>", "Module im_test", "File %BASEDIR%/messages", "Exec %IMPORTANT%",
                "Exec if $raw_event =~ /debug/ %WARN_DROP%", "</Input>", "<Output out>", "Module om_test", "File /y",
                "</Output>");
        ProgramCheck c = new ProgramCheck(instance(load(f), "in").exec());
        Event important = Event.ofRaw("an important one");
        assertThat(c.dropped(important)).isFalse();
        assertThat(important.get("Message")).isEqualTo("IMPORTANT an important one");
        assertThat(c.dropped(Event.ofRaw("a debug line"))).isTrue();
        assertThat(c.dropped(Event.ofRaw("other"))).isFalse();
    }

    private final class ProgramCheck {
        final ExecProgram p;

        ProgramCheck(ExecProgram p) {
            this.p = p;
        }

        boolean dropped(Event e) {
            return run(p, e).dropped();
        }
    }

    @Test
    void load_whenFileHasCrlfAndAnyCaseNames_readsItAsNxlogUsersWriteIt() throws Exception {
        Path f = dir.resolve("crlf.conf");
        Files.writeString(f, String.join("\r\n", "<input in>", "  exec $a = 'x'; \\", "       $b = 'y';",
                "  MODULE im_test", "  file /x", "</INPUT>", "<output out>", "module om_test", "File /y",
                "</output>", "<route r>", "path in => out", "</route>") + "\r\n");
        Event e = Event.ofRaw("x");
        run(instance(load(f), "in").exec(), e);
        assertThat(e.get("a")).isEqualTo("x");
        assertThat(e.get("b")).isEqualTo("y");
    }

    @Test
    void load_whenValueIsOnlyAnInlineCommentOrNameHasASpace_reportsEach() throws IOException {
        Path f = input("<Input in>", "Module im_test", "File /x", "Exec # nothing yet", "PollInterval # later",
                "</Input>", "<Input my input>", "Module im_test", "File /x", "</Input>");
        assertThat(problems(f)).containsExactly(
                f + ":4: in: Exec has no statements",
                f + ":5: in: directive PollInterval has no value",
                f + ":7: invalid instance name 'my input' (letters, digits, '.', '_'; not starting with a digit or "
                        + "'.')");
    }

    @Test
    void load_whenExtensionAddsFunctions_theyAreCallableByNameAndByInstance() throws Exception {
        Path f = write("a.conf", "<Extension lib>", "Module xm_testlib", "Tag one", "Exec $from_ext = 1;",
                "</Extension>", "<Extension lib2>", "Module xm_testlib", "Tag two", "</Extension>",
                "<Input in>", "Module im_test", "File /x", "Exec $s = shout('a'); stamp(); $t = lib2->shout('b');",
                "</Input>", OUT_AND_ROUTE[0], OUT_AND_ROUTE[1], OUT_AND_ROUTE[2], OUT_AND_ROUTE[3]);
        ResolvedConfig rc = load(f);
        Event e = Event.ofRaw("x");
        run(instance(rc, "in").exec(), e);
        assertThat(e.get("s")).isEqualTo("A");
        assertThat(e.get("stamped")).isEqualTo("one"); // the first instance's, as NXLog resolves unqualified calls
        assertThat(e.get("t")).isEqualTo("B");
        // the extension's own Exec went to the module (ExecTarget), before start
        TestModules.Library lib = (TestModules.Library) instance(rc, "lib").module();
        Event forLib = Event.ofRaw("y");
        run(lib.program, forLib);
        assertThat(forLib.get("from_ext")).isEqualTo(1L);
    }

    @Test
    void load_whenExtensionTakesNoExec_reportsIt() throws IOException {
        Path f = input("<Extension x>", "Module xm_test", "Exec $a = 1;", "</Extension>", "<Input in>",
                "Module im_test", "File /x", "</Input>");
        assertThat(problems(f)).singleElement().asString().startsWith(f + ":3: x: module xm_test takes no Exec");
    }

    @Test
    void load_whenSchedulesAreWrong_reportsEachAndCompilesTheGoodOne() throws IOException {
        Path f = input("<Input in>", "Module im_test", "File /x",
                "<Schedule>", "When 61 * * * *", "Exec $a = 1;", "</Schedule>",
                "<Schedule>", "Every 5 fortnights", "Exec $a = 1;", "</Schedule>",
                "<Schedule>", "Every 1 hour", "</Schedule>",
                "<Schedule>", "Every 1 hour", "When @daily", "Exec $a = 1;", "</Schedule>",
                "<Schedule>", "When @hourly", "Exec bad(;", "</Schedule>",
                "</Input>");
        List<String> problems = problems(f);
        assertThat(problems).hasSize(5);
        assertThat(problems.get(0)).isEqualTo(f + ":5: in: <Schedule> When: minute field '61': 61 is out of range "
                + "0-59");
        assertThat(problems.get(1)).isEqualTo(f + ":9: in: <Schedule> Every: unknown unit 'fortnights' (sec, min, "
                + "hour, day, week)");
        assertThat(problems.get(2)).isEqualTo(f + ":12: in: <Schedule> has no Exec: nothing would run");
        assertThat(problems.get(3)).isEqualTo(f + ":15: in: <Schedule> has both When and Every; give one");
        assertThat(problems.get(4)).startsWith(f + ":22:");
    }

    @Test
    void load_whenScheduleIsValid_keepsItsTimesAndStatements() throws Exception {
        Path f = input("<Input in>", "Module im_test", "File /x", "<Schedule>", "Every 90 sec",
                "First 2030-01-01 00:00:00", "Exec log_info('tick');", "</Schedule>", "<Schedule>", "When @startup",
                "<Exec>", "$x = 1;", "</Exec>", "</Schedule>", "</Input>");
        List<Schedule> s = instance(load(f), "in").schedules();
        assertThat(s).hasSize(2);
        assertThat(s.get(0).every()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.get(0).first()).isNotNull();
        assertThat(s.get(0).location()).isEqualTo(f + ":4");
        assertThat(s.get(1).when().isStartup()).isTrue();
        assertThat(s.get(1).program()).isNotSameAs(ExecProgram.EMPTY);
    }

    @Test
    void load_whenFilterConditionIsWrong_reportsItsColumn() throws IOException {
        Path f = write("a.conf", "<Input in>", "Module im_test", "File /x", "</Input>", "<Processor f>",
                "  Module pm_filter", "  Condition   $raw_event =~ /x/ and nosuch($a)", "</Processor>",
                "<Processor t>", "Module pm_transformer", "InputFormat syslog_rfc3164", "OutputFormat csv",
                "</Processor>", OUT_AND_ROUTE[0], OUT_AND_ROUTE[1], OUT_AND_ROUTE[2], OUT_AND_ROUTE[3], "<Route r>",
                "Path in => f => t => out", "</Route>");
        List<String> problems = problems(f);
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith(f + ":7:37: f: unknown function nosuch()");
        assertThat(problems.get(1)).startsWith(f + ":11:13: t: InputFormat syslog_rfc3164 is done by "
                + "parse_syslog_bsd(), and unknown procedure parse_syslog_bsd(): it is provided by xm_syslog");
        assertThat(problems.get(2)).startsWith(f + ":12:14: t: OutputFormat csv: CSV needs NXLog's CSVInputFields");
    }

    @Test
    void load_whenFilterConditionIsValid_dropsWhatIsNotTrue() throws Exception {
        Path f = write("a.conf", "<Input in>", "Module im_test", "File /x", "</Input>", "<Processor f>",
                "Module pm_filter", "Condition $raw_event =~ /keep/", "Exec $seen = TRUE;", "</Processor>",
                OUT_AND_ROUTE[0], OUT_AND_ROUTE[1], OUT_AND_ROUTE[2], OUT_AND_ROUTE[3], "<Route r>",
                "Path in => f => out", "</Route>");
        ExecProgram p = instance(load(f), "f").exec();
        Event kept = Event.ofRaw("keep me");
        assertThat(run(p, kept).dropped()).isFalse();
        assertThat(kept.get("seen")).isEqualTo(Boolean.TRUE);
        Event gone = Event.ofRaw("other");
        assertThat(run(p, gone).dropped()).isTrue();
        assertThat(gone.has("seen")).isFalse();
    }

    @Test
    void load_whenTransformerFormatsHaveTheirExtension_runsParseThenFormatThenExec() throws Exception {
        Path f = write("a.conf", "<Extension lib>", "Module xm_testlib", "</Extension>", "<Input in>",
                "Module im_test", "File /x", "</Input>", "<Processor t>", "Module pm_transformer", "InputFormat json",
                "OutputFormat JSON", "Exec $raw_event = $raw_event + '!';", "</Processor>", OUT_AND_ROUTE[0],
                OUT_AND_ROUTE[1], OUT_AND_ROUTE[2], OUT_AND_ROUTE[3], "<Route r>", "Path in => t => out", "</Route>");
        Event e = Event.ofRaw("x");
        run(instance(load(f), "t").exec(), e);
        assertThat(e.get("parsed")).isEqualTo("x");
        assertThat(e.raw()).isEqualTo("{x}!");
    }

    /** pm_compiled: a processor keeping statements of its own (as pm_pattern's database), given as Source. */
    static final class CompiledProvider implements ModuleProvider {
        static final io.logship.api.Directive<String> SOURCE = io.logship.api.Directive.string("Source").required()
                .withDoc("statements");

        @Override
        public String name() {
            return "pm_compiled";
        }

        @Override
        public io.logship.api.ModuleKind kind() {
            return io.logship.api.ModuleKind.PROCESSOR;
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public List<io.logship.api.Directive<?>> directives() {
            return List.of(SOURCE);
        }

        @Override
        public io.logship.api.Module create(io.logship.api.ModuleConfig config) {
            return new Compiled(config.get(SOURCE));
        }
    }

    static final class Compiled implements io.logship.api.ProcessorModule, io.logship.lang.ExecCompiled {
        final String text;
        volatile ExecProgram program;

        Compiled(String text) {
            this.text = text;
        }

        @Override
        public void process(Event event, java.util.function.Consumer<Event> emit) {
            emit.accept(event);
        }

        @Override
        public boolean compile(io.logship.lang.ExecCompiler compiler, List<io.logship.lang.ExecProblem> problems) {
            program = compiler.compile(new io.logship.lang.ExecSource(text, "db.xml", 3, 5), problems);
            return program != null;
        }
    }

    @Test
    void load_whenModuleKeepsStatementsOfItsOwn_compilesThemWithTheConfigsFunctions() throws Exception {
        Path f = write("a.conf", "<Extension lib>", "Module xm_testlib", "</Extension>", "<Input in>",
                "Module im_test", "File /x", "</Input>", "<Processor good>", "Module pm_compiled",
                "Source $s = shout('q');", "</Processor>", "<Processor bad>", "Module pm_compiled",
                "Source $s = nosuch();", "</Processor>", OUT_AND_ROUTE[0], OUT_AND_ROUTE[1], OUT_AND_ROUTE[2],
                OUT_AND_ROUTE[3], "<Route r>", "Path in => good => bad => out", "</Route>");
        assertThat(problems(f)).singleElement().asString().startsWith("db.xml:3:10: bad: unknown function nosuch()");
        Files.writeString(f, Files.readString(f).replace("nosuch()", "'ok'"));
        Compiled good = (Compiled) instance(load(f), "good").module();
        Event e = Event.ofRaw("x");
        run(good.program, e);
        assertThat(e.get("s")).isEqualTo("Q");
    }

    @Test
    void load_whenStatementFailsAtRunTime_reportsFileAndLineAndGoesOn() throws Exception {
        Path f = input("<Input in>", "Module im_test", "File /x", "Exec $n = $raw_event * 2;",
                "Exec $after = 'yes';", "</Input>");
        Event e = Event.ofRaw("x");
        ExecContext ctx = run(instance(load(f), "in").exec(), e);
        assertThat(ctx.dropped()).isFalse();
        assertThat(e.get("after")).isEqualTo("yes");
        assertThat(runtimeErrors).singleElement().asString().startsWith(f + ":4: ");
    }
}
