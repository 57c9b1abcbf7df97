package io.logship.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NXLog configurations in conf/nxlog-examples/ pass {@code --verify} (the one with a Windows module names
 * it in one line and nothing else), and those that read only the sample data run end to end with the real
 * launcher ({@code --once}, TZ=UTC) and write exactly what {@code expected/} holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NxlogExamplesIT {
    private static final String DIR = "conf/nxlog-examples";
    /** Read this machine (the kernel log, the agent's own log, a command): verified, not run. */
    private static final List<String> VERIFY_ONLY = List.of("09-rotate-own-log.conf", "15-linux-system.conf");
    private static final String WINDOWS = "10-windows-and-linux.conf";
    private static final Map<String, String> UTC = Map.of("TZ", "UTC");
    private static final Pattern YEARLESS = Pattern.compile("YYYY-(\\d\\d)-(\\d\\d)");

    @TempDir
    static Path dir;

    private RepoCopy repo;

    @BeforeAll
    void copy() throws IOException {
        repo = RepoCopy.create(Files.createDirectories(dir.resolve("repo")));
    }

    static Stream<String> configs() throws IOException {
        try (Stream<Path> files = Files.list(RepoCopy.REPO.resolve(DIR))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf")).sorted().toList().stream();
        }
    }

    static Stream<String> runnable() throws IOException {
        return configs().filter(n -> !VERIFY_ONLY.contains(n) && !n.equals(WINDOWS));
    }

    @Test
    void examples_whenListed_areADozenOrMore() throws IOException {
        assertThat(configs().count()).isGreaterThanOrEqualTo(12);
    }

    @Test
    void verify_whenEveryExampleButTheWindowsOne_saysOkForEach() throws Exception {
        StringBuilder script = new StringBuilder("set -e\n");
        List<String> names = configs().filter(n -> !n.equals(WINDOWS)).toList();
        for (String name : names) {
            script.append("./logship --verify -c ").append(DIR).append('/').append(name).append('\n');
        }
        RepoCopy.Run run = repo.run(UTC, "bash", "-c", script.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output().lines().filter(l -> l.endsWith(".conf: OK"))).as(run.output()).hasSize(names.size());
    }

    @Test
    void verify_whenAWindowsModuleIsConfigured_namesItOnceAndChecksTheRest() throws Exception {
        RepoCopy.Run run = repo.logship(UTC, "--verify", "-c", DIR + "/" + WINDOWS);

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(problems(run, WINDOWS)).as(run.output()).singleElement().asString()
                .contains(WINDOWS + ":12: eventlog: unknown module 'im_msvistalog': not available in logship");

        Path typo = repo.root.resolve(DIR).resolve("test-typo-" + WINDOWS);
        Files.writeString(typo, Files.readString(repo.root.resolve(DIR).resolve(WINDOWS)).replace("to_json();",
                "to_jsn();"));
        RepoCopy.Run again = repo.logship(UTC, "--verify", "-c", typo.toString());

        assertThat(problems(again, typo.getFileName().toString())).as(again.output()).hasSize(2)
                .anySatisfy(l -> assertThat(l).contains(":25:13: syslog: unknown procedure to_jsn()"));
    }

    /** The problem lines of a --verify run ("FILE:LINE[:COL]: ..."), without its summary line. */
    private static List<String> problems(RepoCopy.Run run, String file) {
        return run.output().lines().filter(l -> l.matches(".*" + Pattern.quote(file) + ":\\d+.*")).toList();
    }

    @ParameterizedTest
    @MethodSource("runnable")
    void run_whenExampleRunsOnItsSampleData_writesTheExpectedOutput(String name) throws Exception {
        String base = name.replace(".conf", "");
        Path out = dir.resolve("out-" + base);
        Path conf = repo.root.resolve(DIR).resolve("test-" + name);
        Files.writeString(conf, ConfigDefines.rewrite(Files.readString(repo.root.resolve(DIR).resolve(name)),
                Map.of("OUT_DIR", out.toString(), "STATE_DIR", dir.resolve("state-" + base).toString())));

        Files.createDirectories(out);
        RepoCopy.Run run = repo.logship(UTC, "--once", "-c", conf.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        Path expectedDir = RepoCopy.REPO.resolve(DIR).resolve("expected");
        List<Path> expected;
        try (Stream<Path> files = Files.list(expectedDir)) {
            expected = files.filter(p -> p.getFileName().toString().startsWith(base + ".")).toList();
        }
        assertThat(expected).as("expected output of " + name).hasSize(1);
        Path written = out.resolve(expected.get(0).getFileName());
        assertThat(written).as(run.output()).exists();
        assertThat(Files.readString(written, StandardCharsets.UTF_8)).as(name)
                .isEqualTo(withThisYear(Files.readString(expected.get(0), StandardCharsets.UTF_8)));
    }

    /**
     * RFC 3164 timestamps carry no year; NXLog takes the current one, or the previous one when the date would
     * be in the future. Expected files write such dates as {@code YYYY-MM-DD}; this puts in the year that rule
     * gives today.
     */
    static String withThisYear(String text) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Matcher m = YEARLESS.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int month = Integer.parseInt(m.group(1));
            int day = Integer.parseInt(m.group(2));
            int year = today.getYear();
            if (LocalDate.of(year, month, day).isAfter(today.plusDays(1))) {
                year--;
            }
            m.appendReplacement(out, year + "-" + m.group(1) + "-" + m.group(2));
        }
        m.appendTail(out);
        return out.toString();
    }
}
