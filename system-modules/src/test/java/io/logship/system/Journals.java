package io.logship.system;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real journal files for the im_systemd tests: systemd-journal-remote turns entries in the journal export format
 * into a journal file (appending when it exists), which journalctl then reads. Tests skip, saying what to install,
 * where either program is missing.
 */
final class Journals {
    private static final String BOOT = "0123456789abcdef0123456789abcdef";
    private static final List<String> REMOTE = List.of("/lib/systemd/systemd-journal-remote",
            "/usr/lib/systemd/systemd-journal-remote");

    private Journals() {
    }

    /** Skips the test unless journalctl and systemd-journal-remote are installed. */
    static void assumeInstalled() {
        assumeTrue(onPath("journalctl"), "journalctl is not installed (apt-get install systemd-journal-remote)");
        assumeTrue(remote() != null, "systemd-journal-remote is not installed (apt-get install "
                + "systemd-journal-remote)");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String remote() {
        return REMOTE.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
    }

    /**
     * Appends entries to a journal file (created when missing). Each entry is given as its export-format lines
     * ({@code NAME=value}, values without line feeds); the realtime timestamp is {@code second} seconds after
     * 2023-11-14T22:13:20Z plus the entry's index, unless the lines give one.
     */
    static void append(Path file, long second, List<List<String>> entries) throws IOException, InterruptedException {
        StringBuilder export = new StringBuilder();
        long i = 0;
        for (List<String> lines : entries) {
            long t = (1_700_000_000L + second + i) * 1_000_000L;
            if (lines.stream().noneMatch(l -> l.startsWith("__REALTIME_TIMESTAMP="))) {
                export.append("__REALTIME_TIMESTAMP=").append(t).append('\n');
            }
            export.append("__MONOTONIC_TIMESTAMP=").append(second + i + 1).append('\n');
            export.append("_BOOT_ID=").append(BOOT).append('\n');
            for (String l : lines) {
                export.append(l).append('\n');
            }
            export.append('\n');
            i++;
        }
        Process p = new ProcessBuilder(remote(), "-o", file.toString(), "-")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(export.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("systemd-journal-remote could not write " + file);
        }
    }

    /** Entries of one message each. */
    static List<List<String>> messages(String... messages) {
        return java.util.Arrays.stream(messages).map(m -> List.of("MESSAGE=" + m)).toList();
    }
}
