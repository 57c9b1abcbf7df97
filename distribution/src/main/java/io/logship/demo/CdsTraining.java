package io.logship.demo;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The launcher's training run for its class-data-sharing archive: the demo, silently, in a scratch
 * directory (file -> om_s3 -> embedded S3 -> im_s3 -> file), so the JVM that dumps the archive at exit has
 * loaded the classes every later start needs. Exit code 0 only when the demo worked (the launcher keeps the
 * archive only then).
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("logship.home", ".")).toAbsolutePath().normalize();
        Path scratch = Files.createTempDirectory("logship-cds-training");
        int code;
        try {
            code = DemoMain.runQuietly(home, scratch.resolve("demo"));
        } finally {
            DemoMain.deleteTree(scratch);
        }
        System.exit(code);
    }
}
