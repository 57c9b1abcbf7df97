package io.logship.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.ModuleKind;
import io.logship.lang.ExecSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigParserTest {
    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    private ConfigParser.Result parse(Path file) {
        return new ConfigParser(dir.resolve("home")).parse(file);
    }

    private static List<String> values(ModuleBlock b) {
        return b.directives().stream().map(RawDirective::value).toList();
    }

    @Test
    void parse_whenValidConfig_returnsGlobalsBlocksAndRoutes() throws IOException {
        Path f = write("a.conf",
                "# a comment",
                "LogLevel debug",
                "<Extension x>",
                "  Module xm_test",
                "</Extension>",
                "<Input in>",
                "    Module  im_test",
                "    File    /var/log/a.log",
                "</Input>",
                "",
                "<Processor p>",
                "  Module pm_test",
                "</Processor>",
                "<Output out>",
                "  Module om_test",
                "  File /tmp/out.log",
                "</Output>",
                "<Route r1>",
                "  Path in => p => out",
                "</Route>");
        ConfigParser.Result r = parse(f);
        assertThat(r.problems()).isEmpty();
        AgentConfig c = r.config();
        assertThat(c.globals().logLevel()).isEqualTo("DEBUG");
        assertThat(c.modules()).extracting(ModuleBlock::name).containsExactly("x", "in", "p", "out");
        assertThat(c.modules()).extracting(ModuleBlock::kind).containsExactly(ModuleKind.EXTENSION,
                ModuleKind.INPUT, ModuleKind.PROCESSOR, ModuleKind.OUTPUT);
        ModuleBlock in = c.modules().get(1);
        assertThat(in.moduleName()).isEqualTo("im_test");
        assertThat(in.line()).isEqualTo(6);
        assertThat(in.moduleLine()).isEqualTo(7);
        assertThat(in.directives()).containsExactly(new RawDirective("File", "/var/log/a.log", f.toString(), 8, 13));
        assertThat(in.baseDir()).isEqualTo(dir.toAbsolutePath());
        RouteBlock.RoutePath p = c.routes().get(0).paths().get(0);
        assertThat(p.inputs()).containsExactly("in");
        assertThat(p.processors()).containsExactly("p");
        assertThat(p.outputs()).containsExactly("out");
        assertThat(p.line()).isEqualTo(19);
    }

    @Test
    void parse_whenGlobalsAbsent_defaultsCacheAndSpoolUnderHomeAndCreatesNothing() throws IOException {
        Path f = write("a.conf", "<Route r>", "Path a => b", "</Route>");
        ConfigParser.Result r = parse(f);
        Globals g = r.config().globals();
        assertThat(g.cacheDir()).isEqualTo(dir.resolve("home/var/cache").toAbsolutePath());
        assertThat(g.spoolDir()).isEqualTo(dir.resolve("home/var/spool").toAbsolutePath());
        assertThat(g.logFile()).isNull();
        assertThat(g.pidFile()).isNull();
        assertThat(g.logLevel()).isEqualTo("INFO");
        assertThat(g.configFile()).isEqualTo(f.toAbsolutePath());
        assertThat(dir.resolve("home")).doesNotExist();
    }

    @Test
    void parse_whenGlobalPathsRelative_resolvesAgainstTheWritingFilesDirectory() throws IOException {
        write("conf.d/g.conf", "CacheDir cache", "SpoolDir '../spool'", "LogFile \"log/agent.log\"",
                "PidFile /run/logship.pid");
        Path f = write("a.conf", "include conf.d/g.conf");
        Globals g = parse(f).config().globals();
        Path d = dir.toAbsolutePath();
        assertThat(g.cacheDir()).isEqualTo(d.resolve("conf.d/cache"));
        assertThat(g.spoolDir()).isEqualTo(d.resolve("spool"));
        assertThat(g.logFile()).isEqualTo(d.resolve("conf.d/log/agent.log"));
        assertThat(g.pidFile()).isEqualTo(Path.of("/run/logship.pid"));
    }

    @Test
    void parse_whenDefinesUsed_substitutesInValuesDefinesIncludesAndHeaders() throws IOException {
        write("inc/x.conf", "<Input %NAME%>", "Module im_test", "File %LOGS%/x.log", "</Input>");
        Path f = write("a.conf",
                "define ROOT /srv",
                "define LOGS %ROOT%/logs",
                "define INC inc",
                "define NAME in1",
                "include %INC%/x.conf",
                "SpoolDir %ROOT%/spool");
        ConfigParser.Result r = parse(f);
        assertThat(r.problems()).isEmpty();
        ModuleBlock b = r.config().modules().get(0);
        assertThat(b.name()).isEqualTo("in1");
        assertThat(values(b)).containsExactly("/srv/logs/x.log");
        assertThat(r.config().globals().spoolDir()).isEqualTo(Path.of("/srv/spool"));
    }

    @Test
    void parse_whenPercentNameNotDefined_leavesTextAsWritten() throws IOException {
        Path f = write("a.conf", "<Output o>", "Module om_test", "Key logs/%Y%/%HOST%/x", "</Output>");
        assertThat(values(parse(f).config().modules().get(0))).containsExactly("logs/%Y%/%HOST%/x");
    }

    @Test
    void parse_whenDefineRedefined_reportsSecondLineAndFirst() throws IOException {
        Path f = write("a.conf", "define A 1", "", "define A 2");
        assertThat(parse(f).problems()).containsExactly(
                f + ":3: define A is already defined at " + f + ":1");
    }

    @Test
    void parse_whenDefineHasBadName_reportsLine() throws IOException {
        Path f = write("a.conf", "define 9X 1");
        assertThat(parse(f).problems()).singleElement().asString().startsWith(f + ":1: define needs a name");
    }

    @Test
    void parse_whenLineEndsWithBackslash_joinsNextLinesAndReportsFirstLine() throws IOException {
        Path f = write("a.conf",
                "<Input in>",
                "Module im_test",
                "File /var/log/\\",
                "a.log",
                "Token abc \\",
                "   def",
                "Bogus \\",
                "  x",
                "</Input>",
                "<Route r>",
                "Path in =>\\",
                "   out",
                "</Route>",
                "Wrong \\",
                "  global");
        ConfigParser.Result r = parse(f);
        ModuleBlock b = r.config().modules().get(0);
        assertThat(b.directives()).extracting(RawDirective::name, RawDirective::value, RawDirective::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("File", "/var/log/a.log", 3),
                        org.assertj.core.groups.Tuple.tuple("Token", "abc    def", 5),
                        org.assertj.core.groups.Tuple.tuple("Bogus", "x", 7));
        assertThat(r.config().routes().get(0).paths().get(0).outputs()).containsExactly("out");
        assertThat(r.problems()).singleElement().asString().startsWith(f + ":14: unknown global directive 'Wrong'");
    }

    @Test
    void parse_whenContinuationOnLastLine_reportsIt() throws IOException {
        Path f = dir.resolve("a.conf");
        Files.writeString(f, "LogLevel INFO\nLogFile /x \\");
        assertThat(parse(f).problems()).contains(f + ":2: line continuation '\\' at the end of the file");
    }

    @Test
    void parse_whenValuesQuoted_removesOnlyEnclosingQuotes() throws IOException {
        Path f = write("a.conf",
                "<Input in>",
                "Module 'im_test'",
                "A \"/var/log/my file.log\"",
                "B '/var/log/x # not a comment'",
                "C \"a\", \"b\"",
                "D it's",
                "E \"\"",
                "F /x#y",
                "</Input>");
        ConfigParser.Result r = parse(f);
        assertThat(r.problems()).isEmpty();
        ModuleBlock b = r.config().modules().get(0);
        assertThat(b.moduleName()).isEqualTo("im_test");
        assertThat(values(b)).containsExactly("/var/log/my file.log", "/var/log/x # not a comment",
                "\"a\", \"b\"", "it's", "", "/x#y");
    }

    @Test
    void parse_whenQuoteUnterminated_reportsLine() throws IOException {
        Path f = write("a.conf", "<Input in>", "Module im_test", "File \"/var/log/x.log", "</Input>");
        assertThat(parse(f).problems()).singleElement().asString()
                .startsWith(f + ":3: unterminated quote \"");
    }

    @Test
    void parse_whenCommentsAnywhere_ignoresThem() throws IOException {
        Path f = write("a.conf",
                "# whole line",
                "   # indented whole line",
                "LogLevel ERROR # trailing",
                "<Input in> # after a tag",
                "Module im_test\t# tab before",
                "#File commented out",
                "</Input>",
                "<Route r> ",
                "Path in => out # comment",
                "</Route>");
        ConfigParser.Result r = parse(f);
        assertThat(r.problems()).isEmpty();
        assertThat(r.config().globals().logLevel()).isEqualTo("ERROR");
        ModuleBlock b = r.config().modules().get(0);
        assertThat(b.moduleName()).isEqualTo("im_test");
        assertThat(b.directives()).isEmpty();
        assertThat(r.config().routes().get(0).paths().get(0).outputs()).containsExactly("out");
    }

    @Test
    void parse_whenTagsAndDirectivesInAnyCase_acceptsThem() throws IOException {
        Path f = write("a.conf",
                "LOGLEVEL warning",
                "cachedir /c",
                "<INPUT in>",
                "mOdUlE im_test",
                "</input>",
                "<route r>",
                "PATH in => out",
                "</ROUTE>",
                "<oUtPuT out>",
                "module om_test",
                "</Output>");
        ConfigParser.Result r = parse(f);
        assertThat(r.problems()).isEmpty();
        assertThat(r.config().globals().logLevel()).isEqualTo("WARNING");
        assertThat(r.config().globals().cacheDir()).isEqualTo(Path.of("/c"));
        assertThat(r.config().modules()).extracting(ModuleBlock::moduleName).containsExactly("im_test", "om_test");
        assertThat(r.config().routes()).hasSize(1);
    }

    @Test
    void parse_whenRouteHasListsAndProcessors_keepsThemInOrder() throws IOException {
        Path f = write("a.conf",
                "<Route r>",
                "Path in1, in2 => p1 => p2 => out1,out2",
                "Path in3 => out3",
                "</Route>");
        List<RouteBlock.RoutePath> paths = parse(f).config().routes().get(0).paths();
        assertThat(paths.get(0).inputs()).containsExactly("in1", "in2");
        assertThat(paths.get(0).processors()).containsExactly("p1", "p2");
        assertThat(paths.get(0).outputs()).containsExactly("out1", "out2");
        assertThat(paths.get(1).inputs()).containsExactly("in3");
        assertThat(paths.get(1).processors()).isEmpty();
        assertThat(paths.get(1).line()).isEqualTo(3);
    }

    @Test
    void parse_whenPathMalformed_reportsLine() throws IOException {
        Path f = write("a.conf", "<Route r>", "Path in", "Path in, => out", "Path in => b@d", "</Route>");
        assertThat(parse(f).problems()).satisfiesExactly(
                p -> assertThat(p).startsWith(f + ":2: route r: Path must be"),
                p -> assertThat(p).startsWith(f + ":3: route r: Path has an empty instance name"),
                p -> assertThat(p).startsWith(f + ":4: route r: 'b@d' is not a valid instance name"));
    }

    @Test
    void parse_whenRouteHasNoPathOrOtherDirectives_reportsThem() throws IOException {
        Path f = write("a.conf", "<Route r>", "Priority 1", "Colour blue", "</Route>");
        assertThat(parse(f).problems()).containsExactly(
                f + ":2: route r: directive 'Priority' is not supported by logship yet",
                f + ":3: route r: unknown directive 'Colour' (a <Route> block takes Path lines)",
                f + ":1: route r has no Path (e.g. Path in => out)");
    }

    @Test
    void parse_whenIncludeGlob_readsMatchesSortedRelativeToIncludingFile() throws IOException {
        write("conf/sub/b.conf", "<Input b>", "Module im_test", "</Input>");
        write("conf/sub/a.conf", "<Input a>", "Module im_test", "</Input>", "include ../more/*.conf");
        write("conf/sub/c.txt", "<Input c>", "Module im_test", "</Input>");
        write("conf/more/z.conf", "<Output z>", "Module om_test", "</Output>");
        Path f = write("conf/main.conf", "include sub/*.conf", "<Input last>", "Module im_test", "</Input>");
        ConfigParser.Result r = parse(f);
        assertThat(r.problems()).isEmpty();
        assertThat(r.config().modules()).extracting(ModuleBlock::name).containsExactly("a", "z", "b", "last");
        ModuleBlock z = r.config().modules().get(1);
        assertThat(z.file()).isEqualTo(dir.resolve("conf/more/z.conf").toAbsolutePath().toString());
        assertThat(z.baseDir()).isEqualTo(dir.resolve("conf/more").toAbsolutePath());
    }

    @Test
    void parse_whenIncludeGlobMatchesNothing_isNotAProblem() throws IOException {
        Path f = write("a.conf", "include nothing/*.conf", "include '*.none'");
        assertThat(parse(f).problems()).isEmpty();
    }

    @Test
    void parse_whenIncludedPlainFileMissing_reportsIncludeLine() throws IOException {
        Path f = write("a.conf", "LogLevel INFO", "include missing.conf");
        assertThat(parse(f).problems()).containsExactly(
                f + ":2: included file " + dir.toAbsolutePath().resolve("missing.conf") + " does not exist");
    }

    @Test
    void parse_whenIncludeCycle_reportsIncludeLineAndChain() throws IOException {
        Path a = write("a.conf", "LogLevel INFO", "include b.conf");
        Path b = write("b.conf", "", "", "include a.conf");
        ConfigParser.Result r = parse(a);
        assertThat(r.problems()).singleElement().asString()
                .startsWith(b.toAbsolutePath() + ":3: include cycle: ")
                .contains(a.toRealPath() + " -> " + b.toRealPath() + " -> " + a.toRealPath());
    }

    @Test
    void parse_whenFileIncludesItselfByGlob_reportsCycle() throws IOException {
        Path a = write("a.conf", "include *.conf");
        assertThat(parse(a).problems()).singleElement().asString().startsWith(a + ":1: include cycle");
    }

    @Test
    void parse_whenIncludeInsideBlock_addsDirectivesToThatBlock() throws IOException {
        write("common.conf", "PollInterval 5");
        Path f = write("a.conf", "<Input in>", "Module im_test", "include common.conf", "</Input>");
        ConfigParser.Result r = parse(f);
        assertThat(r.problems()).isEmpty();
        assertThat(r.config().modules().get(0).directives()).extracting(RawDirective::name)
                .containsExactly("PollInterval");
    }

    @Test
    void parse_whenBlockNotClosed_reportsOpeningLine() throws IOException {
        Path f = write("a.conf", "LogLevel INFO", "<Input in>", "Module im_test");
        assertThat(parse(f).problems()).singleElement().asString()
                .startsWith(f + ":2: block <Input in> is not closed (missing </Input>");
    }

    @Test
    void parse_whenBlockInIncludedFileNotClosed_reportsThatFile() throws IOException {
        Path inc = write("inc.conf", "<Output o>", "Module om_test");
        Path f = write("a.conf", "include inc.conf", "</Output>");
        assertThat(parse(f).problems()).containsExactly(
                inc.toAbsolutePath() + ":1: block <Output o> is not closed (missing </Output> before the end of "
                        + inc.toAbsolutePath() + ")",
                f + ":2: </Output> without a matching <Output>");
    }

    @Test
    void parse_whenStrayClosingTag_reportsLine() throws IOException {
        Path f = write("a.conf", "<Input in>", "Module im_test", "</Input>", "</Input>");
        assertThat(parse(f).problems()).containsExactly(f + ":4: </Input> without a matching <Input>");
    }

    @Test
    void parse_whenClosingTagDoesNotMatch_reportsLine() throws IOException {
        Path f = write("a.conf", "<Input in>", "Module im_test", "</Output>");
        assertThat(parse(f).problems()).containsExactly(
                f + ":3: </Output> does not match <Input in> (opened at " + f + ":1)");
    }

    @Test
    void parse_whenBlockOpensInsideBlock_reportsLineAndKeepsBoth() throws IOException {
        Path f = write("a.conf", "<Input in>", "Module im_test", "<Output out>", "Module om_test", "</Output>");
        ConfigParser.Result r = parse(f);
        assertThat(r.problems()).containsExactly(
                f + ":3: <Output out> inside <Input in> (opened at " + f + ":1): missing </Input>");
        assertThat(r.config().modules()).extracting(ModuleBlock::name).containsExactly("in", "out");
    }

    @Test
    void parse_whenMalformedTag_reportsLine() throws IOException {
        Path f = write("a.conf", "<Input in", "</Input>");
        assertThat(parse(f).problems()).first().asString().startsWith(f + ":1: malformed block tag");
    }

    @Test
    void parse_whenUnknownBlock_reportsLineAndSkipsItsContents() throws IOException {
        Path f = write("a.conf", "<Filter f>", "Anything goes", "<Filter g>", "</Filter>", "</Filter>",
                "LogLevel INFO");
        ConfigParser.Result r = parse(f);
        assertThat(r.problems()).singleElement().asString().startsWith(f + ":1: unknown block <Filter>");
    }

    @Test
    void parse_whenUnknownBlockNotClosed_reportsOpeningLine() throws IOException {
        Path f = write("a.conf", "LogLevel INFO", "<Filter f>", "x y");
        assertThat(parse(f).problems()).containsExactly(f + ":2: unknown block <Filter> (blocks are Input, "
                + "Output, Processor, Extension and Route)", f + ":2: block <Filter> is not closed (missing "
                + "</Filter>)");
    }

    @Test
    void parse_whenScheduleBlockInModule_keepsItsDirectivesAndStatements() throws IOException {
        Path f = write("a.conf", "<Extension e>", "Module xm_test", "<Schedule>", "Every 1 hour",
                "  Exec log_info('x');", "</Schedule>", "<schedule>", " when @weekly", "<Exec>", "  a();", "</Exec>",
                "</SCHEDULE>", "</Extension>");
        ConfigParser.Result r = parse(f);
        assertThat(r.problems()).isEmpty();
        ModuleBlock e = r.config().modules().get(0);
        assertThat(e.directives()).isEmpty();
        assertThat(e.execs()).isEmpty();
        assertThat(e.schedules()).hasSize(2);
        ScheduleBlock s1 = e.schedules().get(0);
        assertThat(s1.line()).isEqualTo(3);
        assertThat(s1.directives()).containsExactly(new RawDirective("Every", "1 hour", f.toString(), 4, 7));
        assertThat(s1.execs()).containsExactly(new ExecSource("log_info('x');", f.toString(), 5, 8));
        ScheduleBlock s2 = e.schedules().get(1);
        assertThat(s2.directives()).extracting(RawDirective::value).containsExactly("@weekly");
        assertThat(s2.execs()).containsExactly(new ExecSource("a();", f.toString(), 10, 3));
    }

    @Test
    void parse_whenExecSpansLines_keepsTheTextAsWrittenWithItsLineAndColumn() throws IOException {
        Path f = write("a.conf", "<Output o>", "  Exec  if $a \\", "        drop(); # gone", "  <Exec>",
                "    $b = 1;", "", "    # note", "      $c = 2; \\", "  $d = 3;", "  </exec>", "Module om_test",
                "</Output>");
        ConfigParser.Result r = parse(f);
        assertThat(r.problems()).isEmpty();
        assertThat(r.config().modules().get(0).execs()).containsExactly(
                new ExecSource("if $a \\\n        drop();", f.toString(), 2, 9),
                new ExecSource("$b = 1;\n\n\n      $c = 2; \\\n  $d = 3;", f.toString(), 5, 5));
    }

    @Test
    void parse_whenExecBlockIsNotClosed_reportsWhereItOpened() throws IOException {
        Path f = write("a.conf", "<Input i>", "Module im_test", "<Exec>", "$a = 1;", "</Input>", "<Input j>",
                "Module im_test", "</Exec>", "</Input>");
        assertThat(parse(f).problems()).containsExactly(
                f + ":5: i: </input> inside <Exec> (opened at " + f + ":3): missing </Exec>",
                f + ":8: j: </Exec> without a matching <Exec>");
    }

    @Test
    void parse_whenScheduleHasUnknownDirectiveOrIsNotClosed_reportsEach() throws IOException {
        Path f = write("a.conf", "<Input i>", "Module im_test", "<Schedule>", "Every 1 min", "Often yes",
                "</Input>", "<Schedule>", "</Schedule>");
        assertThat(parse(f).problems()).containsExactly(
                f + ":5: i: unknown directive 'Often' in <Schedule> (it takes Every, When, First and Exec)",
                f + ":6: i: </input> inside <Schedule> (opened at " + f + ":3): missing </Schedule>",
                f + ":7: block <Schedule> is only allowed inside a module block (<Input>, <Output>, <Processor>, "
                        + "<Extension>)");
    }

    @Test
    void parse_whenDirectiveOutsideBlocks_reportsLine() throws IOException {
        Path f = write("a.conf", "Module im_file", "File /x", "Path a => b");
        assertThat(parse(f).problems()).satisfiesExactly(
                p -> assertThat(p).startsWith(f + ":1: Module outside a block"),
                p -> assertThat(p).startsWith(f + ":2: unknown global directive 'File'"),
                p -> assertThat(p).startsWith(f + ":3: Path outside a block"));
    }

    @Test
    void parse_whenNxlogGlobalNotImplemented_reportsNotSupported() throws IOException {
        Path f = write("a.conf", "StringLimit 1M", "RootDir /srv/nxlog", "NoCache TRUE", "PersistLogqueue TRUE",
                "include_stdout /bin/gen-conf");
        assertThat(parse(f).problems()).containsExactly(
                f + ":1: global directive 'StringLimit' is not supported by logship yet",
                f + ":2: global directive 'RootDir' is not supported by logship yet",
                f + ":3: global directive 'NoCache' is not supported by logship yet",
                f + ":4: global directive 'PersistLogqueue' is not supported by logship yet",
                f + ":5: global directive 'include_stdout' is not supported by logship yet");
    }

    @Test
    void parse_whenNxlogRuntimeGlobals_acceptsThemWithAWarningAndChecksTheirValues() throws IOException {
        Path f = write("a.conf", "Panic Soft", "Threads 4", "SuppressRepeatingLogs TRUE", "NoFreeOnExit TRUE",
                "IgnoreErrors TRUE");
        ConfigParser.Result r = parse(f);
        assertThat(r.problems()).isEmpty();
        assertThat(r.warnings()).containsExactly(
                f + ":1: Panic has no effect: logship has no NXLog-style assertions for it to act on",
                f + ":2: Threads has no effect: logship runs each input and each output on threads of its own",
                f + ":3: SuppressRepeatingLogs has no effect: logship does not suppress repeated lines of its own log",
                f + ":4: NoFreeOnExit has no effect: it is a debugging aid of NXLog's C code",
                f + ":5: IgnoreErrors has no effect: logship never starts with a configuration problem (NXLog's "
                        + "IgnoreErrors FALSE)");
        Path g = write("b.conf", "Panic Loud", "Threads many");
        assertThat(parse(g).problems()).satisfiesExactly(
                p -> assertThat(p).startsWith(g + ":1: invalid value 'Loud' for Panic: "),
                p -> assertThat(p).startsWith(g + ":2: invalid value 'many' for Threads: "));
        assertThat(parse(g).warnings()).isEmpty();
    }

    @Test
    void parse_whenNxlogQueueAndCacheGlobals_setsThemOrWarns() throws IOException {
        Path f = write("a.conf", "Moduledir /usr/lib/nxlog/modules", "LogqueueSize 2000", "CacheFlushInterval 5",
                "CacheSync FALSE", "FlowControl TRUE");
        ConfigParser.Result r = parse(f);
        assertThat(r.problems()).isEmpty();
        assertThat(r.config().globals().queueCapacity()).isEqualTo(2000);
        assertThat(r.config().globals().commitInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(r.warnings()).containsExactly(
                f + ":4: CacheSync FALSE has no effect: logship always fsyncs the position files it writes",
                f + ":1: ModuleDir is ignored: logship finds its modules on its class path (the jars in lib/, see "
                        + "logship --list-modules)");
        Path g = write("b.conf", "CacheFlushInterval always");
        assertThat(parse(g).config().globals().commitInterval()).isZero();
        Path h = write("c.conf");
        assertThat(parse(h).config().globals().queueCapacity()).isZero();
        assertThat(parse(h).config().globals().commitInterval()).isNull();
    }

    @Test
    void parse_whenUserAndGroupAreWhoTheAgentRunsAs_acceptsThem() throws IOException {
        com.sun.security.auth.module.UnixSystem me = new com.sun.security.auth.module.UnixSystem();
        Path probe = Files.createFile(dir.resolve("probe")); // a new file gets this process's group
        String group = Files.readAttributes(probe, java.nio.file.attribute.PosixFileAttributes.class).group().getName();
        Path f = write("a.conf", "User " + System.getProperty("user.name"), "Group " + group);
        assertThat(parse(f).problems()).isEmpty();
        Path g = write("b.conf", "User " + me.getUid(), "Group " + me.getGid());
        assertThat(parse(g).problems()).isEmpty();
    }

    @Test
    void parse_whenUserOrGroupIsSomeoneElse_saysHowToStartTheAgentInstead() throws IOException {
        Path f = write("a.conf", "User logship-no-such-user", "Group logship-no-such-group");
        assertThat(parse(f).problems()).satisfiesExactly(
                p -> assertThat(p).startsWith(f + ":1: User logship-no-such-user: logship does not switch users "
                        + "and runs as " + System.getProperty("user.name") + " (uid ")
                        .endsWith("start it as logship-no-such-user (in a systemd unit: User=logship-no-such-user)"),
                p -> assertThat(p).startsWith(f + ":2: Group logship-no-such-group: logship does not switch groups "
                        + "and runs with group ").endsWith("start it with logship-no-such-group as its primary group "
                        + "(in a systemd unit: Group=logship-no-such-group)"));
    }

    @Test
    void groupName_readsTheGroupFile() throws IOException {
        Path groups = write("group", "root:x:0:", "# comment", "adm:x:4:syslog,alice", "broken", "nxlog:x:998:");
        assertThat(Identity.groupName(998, groups)).isEqualTo("nxlog");
        assertThat(Identity.groupName(4, groups)).isEqualTo("adm");
        assertThat(Identity.groupName(5, groups)).isNull();
        assertThat(Identity.groupName(0, dir.resolve("missing"))).isNull();
    }

    @Test
    void parse_whenNxlogQueueAndCacheGlobalsInvalid_reportsLine() throws IOException {
        Path f = write("a.conf", "LogqueueSize -1", "CacheFlushInterval never", "CacheSync perhaps",
                "FlowControl FALSE", "CacheFlushInterval 0");
        assertThat(parse(f).problems()).containsExactly(
                f + ":5: global directive CacheFlushInterval given more than once (first at " + f + ":2)",
                f + ":1: invalid value '-1' for LogqueueSize: must be from 1 to 10000000 (events)",
                f + ":2: invalid value 'never' for CacheFlushInterval: must be always, or seconds (or a duration "
                        + "such as 500ms) above 0 and at most a day",
                f + ":3: invalid value 'perhaps' for CacheSync: expected a boolean (TRUE/FALSE, YES/NO, 1/0)");
        assertThat(parse(f).config().globals().flowControlFalseAt()).isEqualTo(f + ":4");
    }

    @Test
    void parse_whenGlobalGivenTwiceOrEmptyOrInvalid_reportsLine() throws IOException {
        Path f = write("a.conf", "LogLevel INFO", "LogLevel DEBUG", "LogFile", "");
        Path g = write("b.conf", "LogLevel LOUD");
        assertThat(parse(f).problems()).containsExactly(
                f + ":2: global directive LogLevel given more than once (first at " + f + ":1)",
                f + ":3: global directive LogFile has no value");
        assertThat(parse(g).problems()).containsExactly(g + ":1: invalid value 'LOUD' for LogLevel: must be one "
                + "of DEBUG, INFO, WARNING, ERROR, CRITICAL");
    }

    @Test
    void parse_whenInstanceNamesDuplicateOrInvalidOrMissing_reportsLines() throws IOException {
        Path f = write("a.conf", "<Input in>", "Module im_test", "</Input>", "<Output in>", "Module om_test",
                "</Output>", "<Input 9x>", "</Input>", "<Input>", "</Input>", "<Route 1>", "Path in => in",
                "</Route>", "<Route 1>", "Path in => in", "</Route>");
        assertThat(parse(f).problems()).satisfiesExactly(
                p -> assertThat(p).isEqualTo(f + ":4: duplicate instance name 'in' (first defined at " + f + ":1)"),
                p -> assertThat(p).startsWith(f + ":7: invalid instance name '9x'"),
                p -> assertThat(p).startsWith(f + ":9: <Input> needs a name"),
                p -> assertThat(p).isEqualTo(f + ":14: duplicate route name '1' (first defined at " + f + ":11)"));
    }

    @Test
    void parse_whenModuleGivenTwiceOrEmptyValue_reportsLine() throws IOException {
        Path f = write("a.conf", "<Input in>", "Module im_test", "Module im_file", "File", "</Input>");
        assertThat(parse(f).problems()).containsExactly(
                f + ":3: in: Module given more than once (first at " + f + ":2)",
                f + ":4: in: directive File has no value");
    }

    @Test
    void parse_whenMainFileMissing_reportsIt() {
        Path f = dir.resolve("nope.conf");
        assertThat(parse(f).problems()).containsExactly(f + ":0: cannot read config file: no such file");
    }

    @Test
    void parse_whenManyProblems_reportsEveryOne() throws IOException {
        Path inc = write("inc.conf", "Bogus 1");
        Path f = write("a.conf", "RootDir /srv", "include inc.conf", "<Input a>", "</Output>", "</Input>",
                "<Route r>", "Path x", "</Route>", "<Output o>");
        assertThat(parse(f).problems()).extracting(p -> p.substring(0, p.indexOf(": ")))
                .containsExactly(f + ":1", inc.toAbsolutePath() + ":1", f + ":4", f + ":5", f + ":7",
                        f + ":9");
    }

    @Test
    void parse_whenIncludeNamesDirectory_reportsIncludeLine() throws IOException {
        Files.createDirectories(dir.resolve("conf.d"));
        Path f = write("a.conf", "include conf.d");
        assertThat(parse(f).problems()).singleElement().asString()
                .startsWith(f + ":1: " + dir.toAbsolutePath().resolve("conf.d") + " is a directory");
    }

    @Test
    void parse_whenWindowsLineEndingsAndBom_readsLinesAndNumbersThemRight() throws IOException {
        Path f = dir.resolve("a.conf");
        Files.writeString(f, "\uFEFF# bom\r\n<Input in>\r\nModule im_test\r\nFile /a \\\r\n/b\r\nOops\r\n</Input>\r\n");
        ConfigParser.Result r = parse(f);
        assertThat(r.problems()).containsExactly(f + ":6: in: directive Oops has no value");
        assertThat(values(r.config().modules().get(0))).containsExactly("/a /b");
    }
}
