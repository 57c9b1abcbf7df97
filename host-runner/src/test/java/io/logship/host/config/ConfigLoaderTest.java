package io.logship.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.logship.api.ConfigException;
import io.logship.api.ModuleKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    private ResolvedConfig load(Path f) throws ConfigException {
        return ConfigLoader.load(f, TestModules.registry(), dir.resolve("home"));
    }

    private List<String> problems(Path f) {
        return catchThrowableOfType(ConfigException.class, () -> load(f)).problems();
    }

    private static final String[] ROUTE = {"<Route r>", "Path in => out", "</Route>"};

    private Path conf(String name, String... body) throws IOException {
        String[] all = new String[body.length + ROUTE.length];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(ROUTE, 0, all, body.length, ROUTE.length);
        return write(name, all);
    }

    @Test
    void load_whenValid_createsInstancesWithTypedResolvedValues() throws Exception {
        Path f = write("conf/a.conf",
                "CacheDir /var/cache/ls",
                "<Input in>",
                "  Module IM_TESTING",
                "  File logs/a.log",
                "  file /abs/b.log",
                "  PollInterval 250ms",
                "  SavePos no",
                "</Input>",
                "<Processor p>",
                "  Module pm_test",
                "</Processor>",
                "<Output out>",
                "  Module om_test",
                "  File out.log",
                "  MaxSize 2M",
                "</Output>",
                "<Extension x>",
                "  Module xm_test",
                "</Extension>",
                "<Route r>",
                "  Path in => p => out",
                "</Route>");
        ResolvedConfig rc = load(f);
        assertThat(rc.warnings()).isEmpty();
        assertThat(rc.instances()).extracting(ResolvedConfig.Instance::name).containsExactly("in", "p", "out", "x");
        ResolvedConfig.Instance in = rc.instances().get(0);
        assertThat(in.provider().name()).isEqualTo("im_test");
        assertThat(in.module()).isInstanceOf(TestModules.Created.class);
        assertThat(in.config().getAll(TestModules.In.FILE)).containsExactly(
                dir.resolve("conf/logs/a.log").toAbsolutePath(), Path.of("/abs/b.log"));
        assertThat(in.config().get(TestModules.In.POLL)).isEqualTo(Duration.ofMillis(250));
        assertThat(in.config().get(TestModules.In.SAVE_POS)).isFalse();
        assertThat(in.config().cacheDir()).isEqualTo(Path.of("/var/cache/ls"));
        assertThat(in.config().spoolDir()).isEqualTo(dir.resolve("home/var/spool").toAbsolutePath());
        ResolvedConfig.Instance out = rc.instances().get(2);
        assertThat(out.config().get(TestModules.Out.MAX_SIZE)).isEqualTo(2L << 20);
        assertThat(out.config().get(TestModules.Out.FILE)).isEqualTo(dir.resolve("conf/out.log").toAbsolutePath());
        assertThat(rc.routes()).singleElement().satisfies(p -> assertThat(p.processors()).containsExactly("p"));
        assertThat(rc.globals().cacheDir()).doesNotExist();
    }

    @Test
    void load_whenBooleansInNxlogSpellings_parsesThem() throws Exception {
        String[] spellings = {"TRUE", "false", "Yes", "NO", "1", "0", "on", "OFF"};
        boolean[] expected = {true, false, true, false, true, false, true, false};
        for (int i = 0; i < spellings.length; i++) {
            Path f = conf("b" + i + ".conf", "<Input in>", "Module im_test", "File /x", "SavePos " + spellings[i],
                    "</Input>", "<Output out>", "Module om_test", "File /y", "</Output>");
            assertThat(load(f).instances().get(0).config().get(TestModules.In.SAVE_POS)).as(spellings[i])
                    .isEqualTo(expected[i]);
        }
    }

    @Test
    void load_whenModuleUnknown_reportsModuleLineAndKnownModules() throws IOException {
        Path f = conf("a.conf", "<Input in>", "", "Module im_nope", "Exec drop();", "</Input>", "<Output out>",
                "Module om_test", "File /y", "</Output>");
        assertThat(problems(f)).containsExactly(f + ":3: in: unknown module 'im_nope': not available in logship "
                + "(known modules: im_test; all: im_test, om_test, pm_test, xm_test)");
    }

    @Test
    void load_whenModuleOfWrongKind_reportsModuleLine() throws IOException {
        Path f = conf("a.conf", "<Input in>", "Module om_test", "</Input>", "<Output out>", "Module om_test",
                "File /y", "</Output>");
        assertThat(problems(f)).containsExactly(
                f + ":2: in: module om_test is an output module; it cannot be used in an <Input> block");
    }

    @Test
    void load_whenModuleMissing_reportsBlockLine() throws IOException {
        Path f = conf("a.conf", "LogLevel INFO", "<Input in>", "File /x", "</Input>", "<Output out>",
                "Module om_test", "File /y", "</Output>");
        assertThat(problems(f)).containsExactly(f + ":2: in: missing Module directive in <Input in>");
    }

    @Test
    void load_whenDirectiveUnknown_reportsLineWithSuggestion() throws IOException {
        Path f = conf("a.conf", "<Input in>", "Module im_test", "File /x", "PolInterval 3", "</Input>",
                "<Output out>", "Module om_test", "File /y", "</Output>");
        assertThat(problems(f)).containsExactly(f + ":4: in: unknown directive 'PolInterval' for module im_test "
                + "(did you mean PollInterval?)");
    }

    @Test
    void load_whenValueInvalid_reportsLineAndReason() throws IOException {
        Path f = conf("a.conf", "<Input in>", "Module im_test", "File /x", "PollInterval fast", "SavePos maybe",
                "</Input>", "<Output out>", "Module om_test", "File /y", "MaxSize 3X", "</Output>");
        assertThat(problems(f)).satisfiesExactly(
                p -> assertThat(p).startsWith(f + ":4: in: invalid value 'fast' for PollInterval: "),
                p -> assertThat(p).startsWith(f + ":5: in: invalid value 'maybe' for SavePos: expected a boolean"),
                p -> assertThat(p).startsWith(f + ":10: out: invalid value '3X' for MaxSize: unknown size unit"));
    }

    @Test
    void load_whenSecretValueInvalidOrRepeated_neverPrintsIt() throws IOException {
        Path f = conf("a.conf", "<Input in>", "Module im_test", "File /x", "Token s3cr3t-one",
                "Token s3cr3t-two", "</Input>", "<Output out>", "Module om_test", "File /y", "</Output>");
        List<String> problems = problems(f);
        assertThat(problems).singleElement().asString().startsWith(f + ":5: in: directive Token given more than once");
        assertThat(String.join("\n", problems)).doesNotContain("s3cr3t");
    }

    @Test
    void load_whenRequiredDirectiveMissing_reportsBlockLine() throws IOException {
        Path f = conf("a.conf", "<Input in>", "Module im_test", "</Input>", "<Output out>", "Module om_test",
                "File /y", "</Output>");
        assertThat(problems(f)).containsExactly(f + ":1: in: missing required directive File for module im_test");
    }

    @Test
    void load_whenNxlogDirectiveNotImplemented_reportsNotSupported() throws IOException {
        Path f = conf("a.conf", "<Input in>", "Module im_test", "File /x", "BatchSize 10", "FlowControlFIFO TRUE",
                "InputType multiline", "</Input>", "<Output out>", "Module om_test", "File /y", "OutputType LineBased",
                "BufferSize 65000", "</Output>");
        assertThat(problems(f)).containsExactly(
                f + ":4: in: directive 'BatchSize' is not supported by logship yet",
                f + ":5: in: directive 'FlowControlFIFO' is not supported by logship yet",
                f + ":6: in: unknown directive 'InputType' for module im_test",
                f + ":11: out: unknown directive 'OutputType' for module om_test",
                f + ":12: out: directive 'BufferSize' is not supported by logship yet");
    }

    @Test
    void load_whenModulesAreNotInLogship_reportsEachOnceAndChecksTheRest() throws Exception {
        Path f = conf("a.conf", "<Extension _syslog>", "Module xm_syslog", "</Extension>", "<Input ev>",
                "Module im_msvistalog", "Query <QueryList/>", "</Input>", "<Input in>", "Module im_test", "File /x",
                "Exec parse_syslog(); $x = $Message;", "SavePos maybe", "</Input>", "<Output out>",
                "Module om_test", "File /y", "</Output>", "<Output o2>", "Module xm_json", "</Output>");
        // one problem per missing module, none for the extension's functions called in 'in', and the rest checked
        assertThat(problems(f)).satisfiesExactly(
                p -> assertThat(p).isEqualTo(f + ":2: _syslog: unknown module 'xm_syslog': not available in logship "
                        + "(known modules: xm_test; all: im_test, om_test, pm_test, xm_test)"),
                p -> assertThat(p).isEqualTo(f + ":5: ev: unknown module 'im_msvistalog': not available in "
                        + "logship (known modules: im_test; all: im_test, om_test, pm_test, xm_test)"),
                p -> assertThat(p).startsWith(f + ":12: in: invalid value 'maybe' for SavePos: "),
                p -> assertThat(p).isEqualTo(f + ":19: o2: unknown module 'xm_json': not available in logship "
                        + "(known modules: om_test; all: im_test, om_test, pm_test, xm_test)"));
    }

    @Test
    void load_whenLogqueueSizeInOutput_givesThatOutputItsQueueAndHidesItFromTheModule() throws Exception {
        Path f = conf("a.conf", "LogqueueSize 500", "<Input in>", "Module im_test", "File /x", "FlowControl TRUE",
                "</Input>", "<Output out>", "Module om_test", "File /y", "LogqueueSize 100", "FlowControl yes",
                "</Output>", "<Output out2>", "Module om_test", "File /z", "</Output>",
                "<Route r2>", "Path in => out2", "</Route>");
        ResolvedConfig rc = load(f);
        assertThat(rc.globals().queueCapacity()).isEqualTo(500);
        assertThat(rc.instances()).extracting(ResolvedConfig.Instance::name, ResolvedConfig.Instance::queueCapacity)
                .containsExactly(tuple("in", 0), tuple("out", 100), tuple("out2", 0));
        assertThat(rc.warnings()).isEmpty();
    }

    @Test
    void load_whenHostDirectiveInvalidOrMisplaced_reportsLine() throws IOException {
        Path f = conf("a.conf", "<Input in>", "Module im_test", "File /x", "LogqueueSize 10", "FlowControl FALSE",
                "</Input>", "<Output out>", "Module om_test", "File /y", "LogqueueSize 0", "LogqueueSize 5",
                "FlowControl maybe", "</Output>");
        assertThat(problems(f)).containsExactly(
                f + ":4: in: LogqueueSize belongs in an <Output> (or <Processor>) block: it sizes the queue in "
                        + "front of an output",
                f + ":5: in: FlowControl FALSE is not supported for im_test: its data waits for logship, so a full "
                        + "queue makes it wait and it reads on where it stopped, losing nothing; FlowControl FALSE "
                        + "(drop rather than wait) is for inputs whose peers cannot be paused (none of the input "
                        + "modules on the class path)",
                f + ":10: out: invalid value '0' for LogqueueSize: must be from 1 to 10000000 (events)",
                f + ":11: out: directive LogqueueSize given more than once (first at " + f + ":10)",
                f + ":12: out: invalid value 'maybe' for FlowControl: expected a boolean (TRUE/FALSE, YES/NO, 1/0)");
    }

    @Test
    void load_whenLogqueueSizeInProcessor_warnsThatItHasNoEffect() throws Exception {
        Path f = write("a.conf", "<Input in>", "Module im_test", "File /x", "</Input>", "<Processor p>",
                "Module pm_test", "LogqueueSize 100", "</Processor>", "<Output out>", "Module om_test", "File /y",
                "</Output>", "<Route r>", "Path in => p => out", "</Route>");
        assertThat(load(f).warnings()).containsExactly(f + ":7: p: LogqueueSize has no effect on a processor: "
                + "logship runs processors on the thread of the input that posts the event, without a queue of "
                + "their own");
    }

    @Test
    void load_whenRouteNamesUnknownInstance_reportsPathLine() throws IOException {
        Path f = write("a.conf", "<Input in>", "Module im_test", "File /x", "</Input>", "<Output out>",
                "Module om_test", "File /y", "</Output>", "<Route r>", "Path in => out", "Path in, IN2 => Out",
                "</Route>");
        assertThat(problems(f)).containsExactly(
                f + ":11: route r: unknown instance 'IN2' (defined: in, out)",
                f + ":11: route r: unknown instance 'Out' (did you mean 'out'? instance names are case-sensitive)");
    }

    @Test
    void load_whenRouteUsesInstanceOfWrongKind_reportsPathLine() throws IOException {
        Path f = write("a.conf", "<Input in>", "Module im_test", "File /x", "</Input>", "<Output out>",
                "Module om_test", "File /y", "</Output>", "<Extension x>", "Module xm_test", "</Extension>",
                "<Route r>", "Path out => in", "Path in => x => out", "</Route>");
        assertThat(problems(f)).containsExactly(
                f + ":13: route r: 'out' is an <Output> instance (" + f + ":5), it cannot be an input of a Path",
                f + ":13: route r: 'in' is an <Input> instance (" + f + ":1), it cannot be an output of a Path",
                f + ":14: route r: 'x' is an <Extension> instance (" + f + ":9), it cannot be a processor of a Path");
    }

    @Test
    void load_whenNoRouteAndNoOutput_reportsMainFile() throws IOException {
        Path f = write("a.conf", "<Input in>", "Module im_test", "File /x", "</Input>");
        assertThat(problems(f)).containsExactly(f + ":4: no <Route> block and no <Output> to route to: nothing "
                + "would be routed (NXLog connects every input to every output when there is no route; add "
                + "<Route r> Path in => out </Route>)");
    }

    @Test
    void load_whenOnlyExtensions_isValidWithAWarning() throws Exception {
        Path f = write("a.conf", "<Extension x>", "Module xm_test", "<Schedule>", "When @daily", "Exec $a = 1;",
                "</Schedule>", "</Extension>");
        ResolvedConfig rc = load(f);
        assertThat(rc.routes()).isEmpty();
        assertThat(rc.instances()).singleElement().satisfies(i -> assertThat(i.schedules()).hasSize(1));
        assertThat(rc.warnings()).containsExactly(f + ":7: no <Input>, <Output> or <Route>: only the extensions "
                + "(and their <Schedule>s) run");
    }

    @Test
    void load_whenNoRoute_routesEveryInputToEveryOutputAsNxlogDoes() throws Exception {
        Path f = write("a.conf", "<Input a>", "Module im_test", "File /x", "</Input>", "<Input b>", "Module im_test",
                "File /x", "</Input>", "<Processor p>", "Module pm_test", "</Processor>", "<Output o1>",
                "Module om_test", "File /y", "</Output>", "<Output o2>", "Module om_test", "File /z", "</Output>");
        ResolvedConfig rc = load(f);
        assertThat(rc.routes()).singleElement().satisfies(p -> {
            assertThat(p.inputs()).containsExactly("a", "b");
            assertThat(p.processors()).isEmpty();
            assertThat(p.outputs()).containsExactly("o1", "o2");
        });
        assertThat(rc.instances()).extracting(ResolvedConfig.Instance::name).containsExactly("a", "b", "o1", "o2");
        assertThat(rc.warnings()).containsExactly(
                f + ":19: no <Route> block: as in NXLog, every input (a, b) is routed to every output (o1, o2)",
                f + ":9: p: processor instance is not used in any route; it will not be started");
    }

    @Test
    void load_whenDuplicateInstanceNames_reportsSecond() throws IOException {
        Path f = conf("a.conf", "<Input in>", "Module im_test", "File /x", "</Input>", "<Output out>",
                "Module om_test", "File /y", "</Output>", "<Output in>", "Module om_test", "File /z", "</Output>");
        assertThat(problems(f)).contains(f + ":9: duplicate instance name 'in' (first defined at " + f + ":1)");
    }

    @Test
    void load_whenProviderCreateThrows_reportsItsLocatedProblem() throws IOException {
        Path f = conf("a.conf", "<Input in>", "Module im_test", "File /x", "Broken TRUE", "</Input>",
                "<Output out>", "Module om_test", "File /y", "</Output>");
        assertThat(problems(f)).containsExactly(f + ":4: in: Broken: cannot be TRUE");
    }

    @Test
    void load_whenInstanceInNoRoute_warnsAndLeavesItOut() throws Exception {
        Path f = conf("a.conf", "<Input in>", "Module im_test", "File /x", "</Input>", "<Input spare>",
                "Module im_test", "File /z", "</Input>", "<Output out>", "Module om_test", "File /y", "</Output>",
                "<Extension x>", "Module xm_test", "</Extension>");
        ResolvedConfig rc = load(f);
        assertThat(rc.warnings()).containsExactly(
                f + ":5: spare: input instance is not used in any route; it will not be started");
        assertThat(rc.instances()).extracting(i -> i.block().kind()).containsExactly(ModuleKind.INPUT,
                ModuleKind.OUTPUT, ModuleKind.EXTENSION);
    }

    @Test
    void load_whenProblemsInSeveralFilesAndKinds_reportsAllAtOnce() throws IOException {
        Path inc = write("conf.d/in.conf", "<Input in>", "Module im_test", "File /x", "Colour red", "</Input>");
        Path f = write("a.conf", "RootDir /srv", "include conf.d/*.conf", "<Output out>", "Module om_nope",
                "</Output>", "<Output o2>", "Module om_test", "</Output>", "<Route r>", "Path in => gone", "</Route>",
                "<Input");
        List<String> problems = problems(f);
        Path incAbs = inc.toAbsolutePath();
        assertThat(problems).extracting(p -> p.substring(0, p.indexOf(": "))).containsExactly(
                f + ":1", f + ":4", f + ":6", f + ":10", f + ":12", incAbs + ":4");
        assertThat(problems).allSatisfy(p -> assertThat(p).matches("^\\S+:\\d+: .+"));
    }

    @Test
    void load_whenFileEmpty_reportsNoRouteAtLineOne() throws IOException {
        Path f = dir.resolve("empty.conf");
        Files.writeString(f, "");
        assertThat(problems(f)).singleElement().asString().startsWith(f + ":1: no <Route> block");
    }

    @Test
    void load_whenFileMissing_reportsOnlyThat() {
        Path f = dir.resolve("missing.conf");
        assertThat(problems(f)).containsExactly(f + ":0: cannot read config file: no such file");
    }
}
