package io.logship.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A copy of the repository for end-to-end runs of the real launcher: {@code logship}, {@code conf/}, and the
 * built {@code distribution/target/lib} (linked, not copied: it holds the GraalPy jars). No sources and no
 * pom.xml are copied, so the launcher's needs_build finds nothing newer than the jars and never rebuilds.
 */
final class RepoCopy {
    /** The real repository: failsafe runs in the distribution module's directory. */
    static final Path REPO = findRepo();

    final Path root;

    private RepoCopy(Path root) {
        this.root = root;
    }

    static RepoCopy create(Path dir) throws IOException {
        Path lib = REPO.resolve("distribution/target/lib");
        boolean built;
        try (Stream<Path> jars = Files.isDirectory(lib) ? Files.list(lib) : Stream.empty()) {
            built = jars.anyMatch(p -> p.getFileName().toString().startsWith("host-runner-"));
        }
        if (!built) {
            throw new IllegalStateException(lib + " is not built (run the distribution module's package phase)");
        }
        Files.copy(REPO.resolve("logship"), dir.resolve("logship"), StandardCopyOption.COPY_ATTRIBUTES);
        dir.resolve("logship").toFile().setExecutable(true);
        copyTree(REPO.resolve("conf"), dir.resolve("conf"));
        Files.createDirectories(dir.resolve("distribution/target"));
        Files.createSymbolicLink(dir.resolve("distribution/target/lib"), lib.toAbsolutePath());
        return new RepoCopy(dir);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static Path findRepo() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("logship"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no logship launcher above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The output and exit code of one launcher run. */
    record Run(int exitCode, String output) {
    }

    /** Runs {@code ./logship ARGS} in the copy, with the given extra environment, and waits for it. */
    Run logship(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("logship").toString());
        command.addAll(List.of(args));
        return run(env, command.toArray(String[]::new));
    }

    /** Runs a command in the copy's root with the launcher's environment (JAVA_HOME, no AWS_*). */
    Run run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        List<String> args = List.of(command);
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("LOGSHIP_JAVA_OPTS"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // short runs on a busy machine: the C1 compiler alone starts faster
        pb.environment().put("LOGSHIP_JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1");
        // each copy has its own launcher path, so its own class-data archive: not worth a training run per copy
        pb.environment().put("LOGSHIP_CDS", "0");
        pb.environment().putAll(env);
        Path log = Files.createTempFile(root, "run-", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(4, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", args) + " did not finish in 4 minutes:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
