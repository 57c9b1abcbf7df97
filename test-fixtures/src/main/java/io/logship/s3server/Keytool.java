package io.logship.s3server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the JDK's own {@code keytool} (of the JVM running the tests) for the certificate fixtures. */
final class Keytool {
    private Keytool() {
    }

    static void run(String... args) throws IOException {
        Path exe = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed (exit " + p.exitValue() + "): " + out.strip());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
    }

    /** A fresh key store password (test value, not a secret). */
    static String password() {
        return "test-only-" + Long.toHexString(System.nanoTime());
    }

    /** keytool's SAN extension value: {@code dns:NAME} for host names, {@code ip:ADDRESS} for addresses. */
    static String subjectAltNames(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("at least one host name or IP address");
        }
        List<String> san = new ArrayList<>();
        for (String n : names) {
            san.add((n.matches("[0-9.]+|.*:.*") ? "ip:" : "dns:") + n);
        }
        return String.join(",", san);
    }

    static String fileName(String... names) {
        return String.join("_", names).replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
