package io.logship.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.s3server.EmbeddedS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code ./logship demo} run as a user runs it, from a copy of the repository. */
class DemoIT {
    private static final Pattern THIS_RUN = Pattern.compile("this run:\\s+file -> S3\\s+(\\d+) events\\s+S3 -> file\\s+(\\d+) events");
    private static final Pattern OBJECTS = Pattern.compile("objects\\s+s3://logs/demo/ : ([\\d,]+) objects, ([\\d,]+) events");
    private static final Pattern OUTPUT = Pattern.compile("output file\\s+(\\S+) \\(([\\d,]+) lines");

    @TempDir
    Path dir;

    @Test
    void demo_whenRunTwice_deliversTheSampleOnceAndReportsNothingNewTheSecondTime() throws Exception {
        RepoCopy repo = RepoCopy.create(dir);
        Path sample = repo.root.resolve("conf/sample/sample.log");
        Path out = repo.root.resolve("var/demo/out/sample.log");
        long sampleLines = DemoMain.lines(sample);

        RepoCopy.Run first = repo.logship(Map.of(), "demo");

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(out).as(first.output()).exists();
        assertThat(Files.mismatch(sample, out)).as("output file differs from the sample at byte").isEqualTo(-1L);
        assertThat(thisRun(first)).containsExactly(sampleLines, sampleLines);
        Matcher objects = find(OBJECTS, first);
        assertThat(number(objects.group(2))).isEqualTo(sampleLines);
        assertThat(number(objects.group(1))).isPositive();
        Matcher output = find(OUTPUT, first);
        assertThat(Path.of(output.group(1))).isEqualTo(out.toAbsolutePath());
        assertThat(number(output.group(2))).isEqualTo(sampleLines);
        assertThat(s3Lines(repo)).isEqualTo(sampleLines);

        RepoCopy.Run second = repo.logship(Map.of(), "demo");

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(thisRun(second)).containsExactly(0L, 0L);
        assertThat(Files.mismatch(sample, out)).isEqualTo(-1L);
        assertThat(s3Lines(repo)).isEqualTo(sampleLines);
        assertThat(number(find(OBJECTS, second).group(1))).isEqualTo(number(objects.group(1)));

        int reset = DemoMain.run(repo.root, new String[] {"--reset"}, System.out, false);

        assertThat(reset).isZero();
        assertThat(repo.root.resolve("var/demo")).doesNotExist();
        assertThat(sample).exists();
    }

    /** Counts the lines in the demo's store with the plain SDK, on the store's directory. */
    private static long s3Lines(RepoCopy repo) throws Exception {
        try (EmbeddedS3 store = EmbeddedS3.onDisk(repo.root.resolve("var/demo/s3"), 0);
             S3Client s3 = DemoMain.client(store.endpoint())) {
            return new S3Inventory(s3, "logs", "demo/").count().lines();
        }
    }

    private static long[] thisRun(RepoCopy.Run run) {
        Matcher m = find(THIS_RUN, run);
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    private static Matcher find(Pattern p, RepoCopy.Run run) {
        Matcher m = p.matcher(run.output());
        assertThat(m.find()).as("'%s' in the demo's output:%n%s", p, run.output()).isTrue();
        return m;
    }

    private static long number(String s) {
        return Long.parseLong(s.replace(",", ""));
    }
}
