package io.logship.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.logship.api.ConfigException;
import io.logship.api.OutputModule;
import io.logship.host.config.ConfigLoader;
import io.logship.host.config.ModuleRegistry;
import io.logship.host.config.ResolvedConfig;
import io.logship.host.config.RouteBlock;
import io.logship.host.runtime.Agent;
import io.logship.host.runtime.Logging;
import io.logship.s3server.EmbeddedS3;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code ./logship demo [--reset]}: ships {@code conf/sample/sample.log} through im_file → om_s3 into an
 * embedded S3 store under {@code var/demo/s3}, reads it back through im_s3 → om_file into
 * {@code var/demo/out/sample.log}, and says where everything is and how many events went each way. Positions
 * live in {@code var/demo/cache}, so a second run ships nothing twice; {@code --reset} deletes
 * {@code var/demo}.
 */
public final class DemoMain {
    static final String BUCKET = "logs";
    static final String PREFIX = "demo";

    private final Path home;
    private final Path var;
    private final PrintStream out;
    private final boolean interactive;

    private DemoMain(Path home, PrintStream out, boolean interactive) {
        this(home, home.resolve("var").resolve("demo"), out, interactive);
    }

    private DemoMain(Path home, Path var, PrintStream out, boolean interactive) {
        this.home = home;
        this.var = var;
        this.out = out;
        this.interactive = interactive;
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("logship.home", ".")).toAbsolutePath().normalize();
        int code;
        try {
            code = run(home, args, System.out, System.console() != null);
        } catch (Exception e) {
            System.out.println();
            System.err.println("logship demo: failed: " + e);
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }

    static int run(Path home, String[] args, PrintStream out, boolean interactive) throws Exception {
        boolean reset = false;
        for (String a : args) {
            switch (a) {
                case "--reset" -> reset = true;
                case "-h", "--help" -> {
                    out.println("usage: logship demo [--reset]");
                    out.println("  ships conf/sample/sample.log file -> S3 (embedded store) -> file and reports what went where;");
                    out.println("  a second run continues from the saved positions (nothing is shipped twice).");
                    out.println("  --reset  delete var/demo (the store, positions, spool and output) and stop");
                    return 0;
                }
                default -> {
                    System.err.println("logship demo: unknown argument " + a + " (try --help)");
                    return 2;
                }
            }
        }
        DemoMain demo = new DemoMain(home, out, interactive);
        if (reset) {
            demo.reset();
            return 0;
        }
        return demo.run();
    }

    /**
     * The whole demo, silently, with its store, positions and output under {@code var} (the launcher's
     * class-data training run: it loads the classes an agent, om_s3, im_s3 and the store use).
     */
    static int runQuietly(Path home, Path var) throws Exception {
        return quiet(home, var).run();
    }

    /**
     * As {@link #runQuietly(Path, Path)} against a store that is already running at {@code endpoint} with the
     * demo's bucket and credentials (the class-data training run: the store in another JVM, so that this one
     * loads the agent's classes only).
     */
    static int runQuietly(Path home, Path var, URI endpoint) throws Exception {
        return quiet(home, var).run(endpoint);
    }

    private static DemoMain quiet(Path home, Path var) {
        PrintStream nowhere = new PrintStream(java.io.OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        return new DemoMain(home, var, nowhere, false);
    }

    private void reset() throws IOException {
        if (!Files.exists(var)) {
            out.println("logship demo: nothing to reset (" + var + " does not exist)");
            return;
        }
        deleteTree(var);
        out.println("logship demo: deleted " + var + " (store, positions, spool, output); the next run starts over");
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private int run() throws Exception {
        EmbeddedS3 store = EmbeddedS3.onDisk(var.resolve("s3"), 0);
        try {
            store.createBucket(BUCKET);
            return run(store.endpoint());
        } finally {
            store.stop();
        }
    }

    /** The demo against the store at {@code endpoint}, which has the bucket {@link #BUCKET}. */
    private int run(URI endpoint) throws Exception {
        quietLibraries(true);
        Path sample = home.resolve("conf/sample/sample.log");
        Path template = home.resolve("conf/demo.conf");
        Path outFile = var.resolve("out/sample.log");
        if (!Files.isRegularFile(sample) || !Files.isRegularFile(template)) {
            System.err.println("logship demo: " + sample + " or " + template + " is missing (is logship.home right?)");
            return 2;
        }
        // The embedded store's credentials, for the SDK's default chain in this process only.
        System.setProperty("aws.accessKeyId", EmbeddedS3.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", EmbeddedS3.SECRET_KEY);
        // The agent's own stop limit must outlast om_s3's StopTimeout in conf/demo.conf (2 min).
        System.setProperty("logship.stop.timeout.ms", System.getProperty("logship.stop.timeout.ms", "180000"));

        long started = System.nanoTime();
        try (S3Client s3 = client(endpoint)) {
            Path conf = writeConfig(template, endpoint, sample, outFile);

            ResolvedConfig resolved;
            try {
                resolved = ConfigLoader.load(conf, ModuleRegistry.load());
            } catch (ConfigException e) {
                System.err.println("logship demo: " + conf + " has problems:\n" + e.getMessage());
                return 2;
            }
            Logging.configure(resolved.globals());
            quietLibraries(false);

            S3Inventory inventory = new S3Inventory(s3, BUCKET, PREFIX + "/");
            S3Inventory.Counts s3Before = inventory.count();
            long fileBefore = lines(outFile);

            AtomicLong shipped = new AtomicLong();
            int code = phase("file -> S3", only(resolved, "im_file", shipped), () -> String.format(Locale.ROOT,
                    "%,d events read, %,d objects in S3", shipped.get(), inventory.objects()));
            if (code != 0) {
                return failed(code);
            }
            AtomicLong fetched = new AtomicLong();
            code = phase("S3 -> file", only(resolved, "im_s3", fetched), () -> String.format(Locale.ROOT,
                    "%,d events read, %,d lines written", fetched.get(), lines(outFile)));
            if (code != 0) {
                return failed(code);
            }

            S3Inventory.Counts s3After = inventory.count();
            long fileAfter = lines(outFile);
            long toS3 = s3After.lines() - s3Before.lines();
            long toFile = fileAfter - fileBefore;
            double seconds = (System.nanoTime() - started) / 1e9;
            summary(sample, endpoint, outFile, s3After, fileAfter, toS3, toFile, seconds);
            if (toS3 != shipped.get() || toFile != fetched.get()) {
                out.printf(Locale.ROOT, "%nNote: the modules handled %,d and %,d events, the independent count found %,d and %,d.%n",
                        shipped.get(), fetched.get(), toS3, toFile);
            }
            return 0;
        }
    }

    private int failed(int code) {
        System.err.println("logship demo: the agent stopped with exit code " + code
                + " (see the messages above; LogLevel is set in conf/demo.conf)");
        return code;
    }

    /** Runs one half of the demo to completion, with a progress line. */
    private int phase(String name, ResolvedConfig config, Supplier<String> progress) throws InterruptedException {
        long t0 = System.nanoTime();
        Agent agent = new Agent(config);
        Thread ticker = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(500); // a display refresh, not synchronisation
                } catch (InterruptedException e) {
                    return;
                }
                if (interactive) {
                    printProgress(name, progress, t0, false);
                }
            }
        }, "demo-progress");
        ticker.setDaemon(true);
        ticker.start();
        int code;
        try {
            code = agent.runOnce();
        } finally {
            ticker.interrupt();
            ticker.join();
        }
        printProgress(name, progress, t0, true);
        return code;
    }

    private synchronized void printProgress(String name, Supplier<String> progress, long t0, boolean last) {
        String text;
        try {
            text = progress.get();
        } catch (RuntimeException e) {
            text = "(counting failed: " + e.getMessage() + ")";
        }
        String line = String.format(Locale.ROOT, "  %-11s %s  [%.1f s]", name, text, (System.nanoTime() - t0) / 1e9);
        if (interactive) {
            out.print("\r" + line + " ".repeat(Math.max(0, 100 - line.length())));
            if (last) {
                out.println();
            }
        } else if (last) {
            out.println(line);
        }
        out.flush();
    }

    private void summary(Path sample, URI endpoint, Path outFile, S3Inventory.Counts s3, long fileLines, long toS3,
                         long toFile, double seconds) throws IOException {
        long sampleLines = lines(sample);
        boolean identical = Files.exists(outFile) && Files.mismatch(sample, outFile) == -1;
        out.println();
        out.printf(Locale.ROOT, "logship demo: done in %.1f s.%n", seconds);
        out.printf(Locale.ROOT, "  sample        %s (%,d lines)%n", sample, sampleLines);
        out.printf(Locale.ROOT, "  S3 store      %s, region %s, path-style (embedded S3Proxy, stopped now)%n",
                endpoint, EmbeddedS3.REGION);
        out.printf(Locale.ROOT, "  objects       s3://%s/%s/ : %,d objects, %,d events, %,d bytes (gzip)%n",
                BUCKET, PREFIX, s3.objects(), s3.lines(), s3.bytes());
        out.printf(Locale.ROOT, "  on disk       %s%n", var.resolve("s3").resolve(BUCKET).resolve(PREFIX));
        out.printf(Locale.ROOT, "  output file   %s (%,d lines%s)%n", outFile, fileLines,
                identical ? ", identical to the sample" : "");
        out.printf(Locale.ROOT, "  positions     %s (CacheDir), spool %s (SpoolDir)%n", var.resolve("cache"),
                var.resolve("spool"));
        out.printf(Locale.ROOT, "  config        %s (conf/demo.conf with this run's endpoint and paths)%n",
                var.resolve("demo.conf"));
        out.println();
        out.printf(Locale.ROOT, "  this run:  file -> S3  %d events   S3 -> file  %d events%n", toS3, toFile);
        out.println();
        if (toS3 == 0 && toFile == 0) {
            out.println("Nothing new: both inputs continued from their saved positions. Start over: ./logship demo --reset");
        } else {
            out.println("Run it again: both inputs continue from their saved positions, so nothing is shipped twice.");
        }
        out.println("Browse the objects: ./logship s3-server --dir var/demo/s3   and in another shell");
        out.println("  AWS_ACCESS_KEY_ID=" + EmbeddedS3.ACCESS_KEY + " AWS_SECRET_ACCESS_KEY=" + EmbeddedS3.SECRET_KEY
                + " aws --region " + EmbeddedS3.REGION + " --endpoint-url http://127.0.0.1:9000 s3 ls --recursive s3://"
                + BUCKET + "/" + PREFIX + "/");
    }

    /** conf/demo.conf with this run's endpoint and absolute paths, written to var/demo/demo.conf. */
    private Path writeConfig(Path template, URI endpoint, Path sample, Path outFile) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("BUCKET", BUCKET);
        values.put("PREFIX", PREFIX);
        values.put("S3_ENDPOINT", endpoint.toString());
        values.put("SAMPLE", sample.toString());
        values.put("OUT_FILE", outFile.toString());
        values.put("STATE_DIR", var.toString());
        String text = "# Written by ./logship demo from " + template + " for this run; edit that file instead.\n"
                + ConfigDefines.rewrite(Files.readString(template, StandardCharsets.UTF_8), values);
        Files.createDirectories(var);
        Path conf = var.resolve("demo.conf");
        Path tmp = var.resolve("demo.conf.tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, conf, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return conf;
    }

    /**
     * The part of the config whose routes start at inputs of one module (im_file: phase 1, im_s3: phase 2),
     * with the outputs counting what they are given.
     */
    static ResolvedConfig only(ResolvedConfig config, String inputModule, AtomicLong written) {
        Map<String, ResolvedConfig.Instance> byName = new LinkedHashMap<>();
        for (ResolvedConfig.Instance i : config.instances()) {
            byName.put(i.name(), i);
        }
        List<RouteBlock.RoutePath> routes = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (RouteBlock.RoutePath r : config.routes()) {
            boolean match = r.inputs().stream().allMatch(n -> byName.containsKey(n)
                    && byName.get(n).provider().name().equalsIgnoreCase(inputModule));
            if (match) {
                routes.add(r);
                used.addAll(r.inputs());
                used.addAll(r.processors());
                used.addAll(r.outputs());
            }
        }
        if (routes.isEmpty()) {
            throw new IllegalStateException("conf/demo.conf has no route from an " + inputModule + " input");
        }
        List<ResolvedConfig.Instance> instances = new ArrayList<>();
        for (ResolvedConfig.Instance i : config.instances()) {
            if (!used.contains(i.name())) {
                continue;
            }
            if (i.module() instanceof OutputModule o) {
                instances.add(new ResolvedConfig.Instance(i.block(), i.provider(), i.config(), new CountingOutput(o, written),
                        i.queueCapacity()));
            } else {
                instances.add(i);
            }
        }
        return new ResolvedConfig(config.globals(), instances, routes);
    }

    /** A client of the embedded store at {@code endpoint} (its credentials, path-style, checksums when required). */
    public static S3Client client(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(EmbeddedS3.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** Lines in a file (0 when it does not exist). */
    static long lines(Path file) {
        if (!Files.exists(file)) {
            return 0;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return S3Inventory.countLinesPlain(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Libraries log at WARN so the summary stays readable; before the config is read, everything does. */
    private static void quietLibraries(boolean everything) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        if (everything) {
            ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        }
        for (String name : List.of("org.gaul", "org.eclipse.jetty", "org.jclouds", "jclouds", "software.amazon",
                "org.apache.hc", "io.netty", "com.github.luben")) {
            ctx.getLogger(name).setLevel(Level.WARN);
        }
    }
}
