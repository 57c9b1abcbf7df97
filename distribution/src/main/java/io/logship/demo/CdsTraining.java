package io.logship.demo;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The launcher's training run for its class-data-sharing archive: the demo, silently, in a scratch
 * directory (file -> om_s3 -> S3 -> im_s3 -> file), so the JVM that dumps the archive at exit has loaded the
 * classes every later start needs. Exit code 0 only when the demo worked (the launcher keeps the archive
 * only then).
 *
 * <p>{@code CdsTraining STORE_CLASSPATH}: the store runs in a child JVM on this JVM's class path plus
 * {@code STORE_CLASSPATH} (the launcher's {@code lib/store/*}), so this JVM, on the agent's class path alone,
 * archives the agent's classes for an agent's class path. Without an argument the store runs in this JVM
 * (which then needs the store's jars on its own class path).
 */
public final class CdsTraining {
    private static final String LISTENING = "listening on ";

    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("logship.home", ".")).toAbsolutePath().normalize();
        Path scratch = Files.createTempDirectory("logship-cds-training");
        int code;
        try {
            if (args.length == 0) {
                code = DemoMain.runQuietly(home, scratch.resolve("demo"));
            } else {
                code = withChildStore(home, scratch, args[0]);
            }
        } finally {
            DemoMain.deleteTree(scratch);
        }
        System.exit(code);
    }

    private static int withChildStore(Path home, Path scratch, String storeClassPath) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path") + File.pathSeparator + storeClassPath;
        Process store = new ProcessBuilder(List.of(java, "-XX:+UseSerialGC", "-cp", classPath,
                "io.logship.s3server.S3ServerMain", "--port", "0", "--dir", scratch.resolve("s3").toString(),
                "--bucket", DemoMain.BUCKET))
                .redirectErrorStream(true)
                .start();
        try {
            URI endpoint = endpoint(store);
            return DemoMain.runQuietly(home, scratch.resolve("demo"), endpoint);
        } finally {
            store.destroy();
            if (!store.waitFor(30, TimeUnit.SECONDS)) {
                store.destroyForcibly();
            }
        }
    }

    /** The endpoint the child store prints once it listens (its other output is drained and dropped). */
    private static URI endpoint(Process store) throws IOException, InterruptedException {
        CompletableFuture<URI> found = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(store.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    int at = line.indexOf(LISTENING);
                    if (at >= 0 && !found.isDone()) {
                        String rest = line.substring(at + LISTENING.length());
                        int space = rest.indexOf(' ');
                        found.complete(URI.create(space < 0 ? rest : rest.substring(0, space)));
                    }
                }
                found.completeExceptionally(new IOException("the store exited before it listened"));
            } catch (IOException | RuntimeException e) {
                found.completeExceptionally(e);
            }
        }, "cds-training-store-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return found.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("training store: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("training store: not listening after 120 s", e);
        }
    }
}
