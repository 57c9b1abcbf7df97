package io.logship.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.ConfigException;
import io.logship.host.config.TestModules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Main m = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), TestModules::registry, dir, dir.resolve("home"));
        return m.run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    private Path good(String name) throws IOException {
        return write(name, "<Input in>", "Module im_test", "File /x", "</Input>", "<Output out>", "Module om_test",
                "File /y", "</Output>", "<Route r>", "Path in => out", "</Route>");
    }

    @Test
    void verify_whenConfigValid_printsOkAndExitsZero() throws IOException {
        good("a.conf");
        assertThat(run("--verify", "-c", "a.conf")).isZero();
        assertThat(out()).isEqualTo("a.conf: OK" + System.lineSeparator());
        assertThat(err()).isEmpty();
        assertThat(dir.resolve("home")).doesNotExist();
    }

    @Test
    void verify_whenConfigHasProblems_printsEveryOneAndExitsOne() throws IOException {
        Path f = write("bad.conf", "RootDir /srv", "<Input in>", "Module im_nope", "</Input>");
        assertThat(run("--conf", "bad.conf", "--verify")).isEqualTo(1);
        List<String> lines = err().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith(f + ":1: global directive 'RootDir' is not supported");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(f + ":3: in: unknown module 'im_nope'"));
        assertThat(lines.get(3)).isEqualTo("bad.conf: 3 problems; the agent does not start");
        assertThat(out()).isEmpty();
    }

    @Test
    void verify_whenStatementsAndModulesHaveProblems_printsEveryOneWithLineAndColumn() throws IOException {
        Path f = write("bad.conf", "<Extension _win>", "Module xm_msdsn", "</Extension>", "<Input in>",
                "Module im_test", "File /x", "Exec $a = ;", "<Exec>", "  if $a ==", "</Exec>", "</Input>",
                "<Output out>", "Module om_test", "File /y", "Exec $b = 1; nosuch();", "</Output>");
        assertThat(run("--verify", "-c", "bad.conf")).isEqualTo(1);
        List<String> lines = err().lines().toList();
        // nosuch() is not reported: with an extension missing, an unknown call is most likely its function
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith(f + ":2: _win: unknown module 'xm_msdsn': not available in logship");
        assertThat(lines.get(1)).startsWith(f + ":7:11: in: syntax error");
        assertThat(lines.get(2)).startsWith(f + ":9:9: in: syntax error");
        assertThat(lines.get(3)).isEqualTo("bad.conf: 3 problems; the agent does not start");
    }

    @Test
    void verify_whenNxlogDefaultConfiguration_startsWithAWarningPerIgnoredPart() throws IOException {
        // the globals and extension blocks of NXLog's shipped nxlog.conf, run as the user and group it names
        Path probe = Files.createFile(dir.resolve("probe"));
        String group = Files.readAttributes(probe, java.nio.file.attribute.PosixFileAttributes.class).group().getName();
        Path f = write("nxlog.conf", "Panic Soft", "define ROOT " + dir, "Moduledir %ROOT%/modules",
                "CacheDir %ROOT%/data", "Pidfile %ROOT%/data/nxlog.pid", "SpoolDir %ROOT%/data",
                "LogFile %ROOT%/data/nxlog.log", "User " + System.getProperty("user.name"), "Group " + group,
                "LogqueueSize 100", "CacheFlushInterval always", "<Extension _syslog>", "Module xm_test",
                "</Extension>", "<Extension _charconv>", "Module xm_test",
                "", "</Extension>", "<Input in>", "Module im_test",
                "File /x", "FlowControl TRUE", "</Input>", "<Output out>", "Module om_test", "File /y",
                "LogqueueSize 50", "</Output>", "<Route r>", "Path in => out", "</Route>");
        assertThat(run("--verify", "-c", "nxlog.conf")).isZero();
        assertThat(out()).contains("nxlog.conf: OK");
        assertThat(err().lines()).extracting(l -> l.substring(0, l.indexOf(": ", "warning: ".length())))
                .containsExactly("warning: " + f + ":1", "warning: " + f + ":3");
    }

    @Test
    void verify_whenUnusedInstance_printsWarningAndExitsZero() throws IOException {
        Path f = write("a.conf", "<Input in>", "Module im_test", "File /x", "</Input>", "<Input spare>",
                "Module im_test", "File /x", "</Input>", "<Output out>", "Module om_test", "File /y", "</Output>",
                "<Route r>", "Path in => out", "</Route>");
        assertThat(run("--verify", "--conf=a.conf")).isZero();
        assertThat(err()).startsWith("warning: " + f + ":5: spare: input instance is not used in any route");
        assertThat(out()).contains("a.conf: OK");
    }

    @Test
    void verify_whenNoConfigGivenAndNoDefault_exitsTwo() {
        assertThat(run("--verify")).isEqualTo(2);
        assertThat(err()).contains("logship.conf not found").contains("usage:");
    }

    @Test
    void verify_whenNoConfigGiven_usesLogshipConfInWorkingDirectory() throws IOException {
        good("logship.conf");
        assertThat(run("--verify")).isZero();
        assertThat(out()).contains("logship.conf: OK");
    }

    @Test
    void verify_whenConfigFileMissing_exitsOne() {
        assertThat(run("--verify", "-c", "nope.conf")).isEqualTo(1);
        assertThat(err()).contains(":0: cannot read config file: no such file");
    }

    @Test
    void run_whenUsageWrong_exitsTwo() {
        assertThat(run("--bogus")).isEqualTo(2);
        assertThat(err()).contains("unknown option --bogus");
        assertThat(run("-c")).isEqualTo(2);
        assertThat(run("--verify", "--once", "-c", "x")).isEqualTo(2);
        assertThat(run("extra")).isEqualTo(2);
        assertThat(run("--describe")).isEqualTo(2);
        assertThat(run("-c", "a", "-c", "b")).isEqualTo(2);
    }

    @Test
    void help_andVersion_printAndExitZero() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("--verify").contains("--list-modules").contains("exit codes");
        out.reset();
        assertThat(run("--version")).isZero();
        assertThat(out()).startsWith("logship ").doesNotContain("${");
    }

    @Test
    void listModules_whenProvidersPresent_printsNameKindDescriptionAliases() {
        assertThat(run("--list-modules")).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("im_test").contains("input").contains("test input")
                .contains("aliases: im_testing");
        assertThat(lines.get(1)).contains("om_test").contains("output");
    }

    @Test
    void describe_whenModuleKnown_printsMarkdownTable() {
        assertThat(run("--describe", "IM_TESTING")).isZero();
        assertThat(out()).contains("### im_test (input)")
                .contains("| Directive | Type | Default | Required | Description |")
                .contains("| `File` | path, repeatable |  | yes | Files to read \\| globs allowed. |")
                .contains("| `PollInterval` | duration | 1 s | no | How often to look. |")
                .contains("| `SavePos` | boolean | TRUE | no | Keep positions. |")
                .contains("| `Token` | string, secret |  | no | A secret. |");
    }

    @Test
    void describe_whenModuleUnknown_exitsTwo() {
        assertThat(run("--describe", "om_nope")).isEqualTo(2);
        assertThat(err()).contains("unknown module 'om_nope'").contains("im_test");
    }

    @Test
    void registry_whenProvidersClash_exitsOne() throws IOException {
        good("a.conf");
        Main m = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> {
                    throw new ConfigException("module name 'x' is claimed by both A and B");
                }, dir, dir);
        assertThat(m.run("--verify", "-c", "a.conf")).isEqualTo(1);
        assertThat(err()).contains("claimed by both");
    }

    @Test
    void once_whenConfigValid_createsCacheAndSpoolDirsBeforeRunning() throws IOException {
        good("a.conf");
        // the test modules post nothing, so a real runtime stops at once; the stub throws (exit 1)
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> run("--once", "-c", "a.conf"));
        assertThat(dir.resolve("home/var/cache")).isDirectory();
        assertThat(dir.resolve("home/var/spool")).isDirectory();
    }

    @Test
    void run_whenConfigInvalid_doesNotStartAndExitsOne() throws IOException {
        write("a.conf", "<Input in>", "Module im_test", "</Input>");
        assertThat(run("-c", "a.conf")).isEqualTo(1);
        assertThat(err()).contains("the agent does not start");
        assertThat(dir.resolve("home")).doesNotExist();
    }
}
