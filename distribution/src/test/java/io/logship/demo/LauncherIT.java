package io.logship.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's class paths and its class-data archive, from a copy of the repository. */
class LauncherIT {
    @TempDir
    Path dir;

    @Test
    void agent_runsWithoutTheStoresJars_andTheStoreCommandsHaveThem() throws Exception {
        RepoCopy repo = RepoCopy.create(dir);

        RepoCopy.Run agent = repo.logship(Map.of("LOGSHIP_JAVA_OPTS", "-XshowSettings:properties"),
                "--verify", "-c", "conf/demo.conf");
        RepoCopy.Run store = repo.logship(Map.of(), "s3-server", "--help");

        assertThat(agent.exitCode()).as(agent.output()).isZero();
        assertThat(agent.output()).contains("host-runner-").contains("s3-input-").contains("s3-output-")
                .doesNotContain("s3proxy").doesNotContain("embedded-s3").doesNotContain("jetty");
        assertThat(store.exitCode()).as(store.output()).isZero();
        assertThat(store.output()).contains("usage: logship s3-server");
    }

    @Test
    void classDataArchives_areTrainedPerKindOfCommand_andMapAtTheNextStart() throws Exception {
        RepoCopy repo = RepoCopy.create(dir);
        Map<String, String> cdsOn = Map.of("LOGSHIP_CDS", "1", "LOGSHIP_JAVA_OPTS", "-Xshare:on");

        RepoCopy.Run first = repo.logship(Map.of("LOGSHIP_CDS", "1"), "--verify", "-c", "conf/demo.conf");

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("preparing a class-data archive");
        assertThat(archives(repo)).as(first.output()).hasSize(1).allMatch(p -> p.getFileName().toString()
                .contains("-agent-"));
        // -Xshare:on makes the JVM fail when the archive cannot be mapped (for instance a class path that does
        // not start with the one it was dumped with)
        RepoCopy.Run agent = repo.logship(cdsOn, "--verify", "-c", "conf/demo.conf");
        assertThat(agent.exitCode()).as(agent.output()).isZero();
        assertThat(agent.output()).doesNotContain("preparing");

        // the store's commands (demo, s3-server) have an archive of their own, with the store's classes
        RepoCopy.Run storeFirst = repo.logship(cdsOn, "s3-server", "--help");
        RepoCopy.Run store = repo.logship(cdsOn, "s3-server", "--help");

        assertThat(storeFirst.exitCode()).as(storeFirst.output()).isZero();
        assertThat(storeFirst.output()).contains("preparing a class-data archive").contains("usage: logship s3-server");
        assertThat(store.exitCode()).as(store.output()).isZero();
        assertThat(store.output()).doesNotContain("preparing");
        assertThat(archives(repo)).hasSize(2).anyMatch(p -> p.getFileName().toString().contains("-store-"));
    }

    private static List<Path> archives(RepoCopy repo) throws Exception {
        Path cds = repo.root.resolve("distribution/target/cds");
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cds)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsa")).sorted().toList();
        }
    }
}
