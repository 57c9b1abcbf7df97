package io.logship.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchOnceTest {
    @TempDir
    Path dir;

    /** An im_file -> om_file job under dir/NAME reading the given lines. */
    private Path job(String name, List<String> lines) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.write(d.resolve("in.log"), lines);
        Path conf = d.resolve("job.conf");
        Files.writeString(conf, String.join("\n",
                "CacheDir " + d.resolve("cache"),
                "SpoolDir " + d.resolve("spool"),
                "LogLevel WARNING",
                "<Input in>",
                "    Module im_file",
                "    File \"" + d.resolve("in.log") + "\"",
                "    ReadFromLast FALSE",
                "</Input>",
                "<Output out>",
                "    Module om_file",
                "    File \"" + d.resolve("out.log") + "\"",
                "</Output>",
                "<Route r>",
                "    Path in => out",
                "</Route>", ""));
        return conf;
    }

    @Test
    void runsEachJobToTheEndInOneJvmAndTimesEach() throws IOException {
        Path first = job("first", List.of("a1", "a2", "a3"));
        Path second = job("second", List.of("b1", "b2"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        int code = BenchOnce.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), first.toString(),
                second.toString());

        assertThat(code).isZero();
        assertThat(Files.readAllLines(dir.resolve("first/out.log"))).containsExactly("a1", "a2", "a3");
        assertThat(Files.readAllLines(dir.resolve("second/out.log"))).containsExactly("b1", "b2");
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).satisfiesExactly(
                l -> assertThat(l).matches("bench-once: \\Q" + first + "\\E exit 0 in \\d+\\.\\d{3} s"),
                l -> assertThat(l).matches("bench-once: \\Q" + second + "\\E exit 0 in \\d+\\.\\d{3} s"));
    }

    @Test
    void stopsAtTheFirstFailingJobWithItsExitCode() throws IOException {
        Path broken = dir.resolve("broken.conf");
        Files.writeString(broken, "<Input in>\n    Module no_such_module\n</Input>\n");
        Path later = job("later", List.of("x"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        int code = BenchOnce.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), broken.toString(),
                later.toString());

        assertThat(code).isEqualTo(1);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("bench-once: " + broken + " exit 1 in ")
                .doesNotContain(later.toString());
        assertThat(dir.resolve("later/out.log")).doesNotExist();
    }
}
