package io.logship.host;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.ModuleProvider;
import io.logship.host.config.ConfigLoader;
import io.logship.host.config.ConfigParser;
import io.logship.host.config.Globals;
import io.logship.host.config.ModuleRegistry;
import io.logship.host.config.ResolvedConfig;
import io.logship.host.runtime.Agent;
import io.logship.host.runtime.Logging;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The {@code logship} command line: run the agent, run it once, verify a config, list or describe modules.
 * Exit codes: 0 success, 1 a config problem or a failure at run time, 2 a usage error.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final String DEFAULT_CONF = "logship.conf";

    /** Supplies the module registry (the class path's providers in production). */
    @FunctionalInterface
    interface Registries {
        ModuleRegistry get() throws ConfigException;
    }

    private enum Mode { RUN, ONCE, VERIFY, LIST, DESCRIBE, HELP, VERSION }

    private final PrintStream out;
    private final PrintStream err;
    private final Registries registries;
    private final Path cwd;
    private final Path home;

    Main(PrintStream out, PrintStream err, Registries registries, Path cwd, Path home) {
        this.out = out;
        this.err = err;
        this.registries = registries;
        this.cwd = cwd;
        this.home = home;
    }

    public static void main(String[] args) {
        int code = execute(args);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /**
     * Runs a command line in this JVM, on the class path's modules, and returns its exit code without exiting
     * ({@code logship bench-once} runs several {@code --once} command lines in one JVM this way).
     */
    public static int execute(String... args) {
        return new Main(System.out, System.err, ModuleRegistry::load, Path.of("").toAbsolutePath(),
                ConfigParser.defaultHome()).run(args);
    }

    /** Runs the command line and returns the process exit code. */
    int run(String... args) {
        Mode mode = null;
        String conf = null;
        String describe = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            Mode m;
            switch (a) {
                case "-c", "--conf" -> {
                    if (i + 1 >= args.length) {
                        return usage(a + " needs a file name");
                    }
                    if (conf != null) {
                        return usage("the config file is given twice");
                    }
                    conf = args[++i];
                    continue;
                }
                case "--verify" -> m = Mode.VERIFY;
                case "--once" -> m = Mode.ONCE;
                case "--list-modules" -> m = Mode.LIST;
                case "--describe" -> {
                    if (i + 1 >= args.length) {
                        return usage("--describe needs a module name (see --list-modules)");
                    }
                    describe = args[++i];
                    m = Mode.DESCRIBE;
                }
                case "-h", "--help" -> m = Mode.HELP;
                case "-V", "--version" -> m = Mode.VERSION;
                default -> {
                    if (a.startsWith("--conf=")) {
                        if (conf != null) {
                            return usage("the config file is given twice");
                        }
                        conf = a.substring("--conf=".length());
                        continue;
                    }
                    return usage(a.startsWith("-") ? "unknown option " + a : "unexpected argument '" + a + "'");
                }
            }
            if (mode != null && mode != m) {
                return usage("options " + flag(mode) + " and " + flag(m) + " cannot be combined");
            }
            mode = m;
        }
        if (mode == null) {
            mode = Mode.RUN;
        }
        switch (mode) {
            case HELP:
                out.print(usageText());
                return OK;
            case VERSION:
                out.println("logship " + version());
                return OK;
            case LIST:
                return listModules();
            case DESCRIBE:
                return describe(describe);
            default:
                break;
        }
        Path file;
        if (conf != null) {
            if (conf.isEmpty()) {
                return usage("the config file name is empty");
            }
            file = cwd.resolve(conf);
        } else {
            file = cwd.resolve(DEFAULT_CONF);
            if (!Files.exists(file)) {
                return usage("no config file given and " + DEFAULT_CONF + " not found in " + cwd
                        + "; use -c FILE");
            }
        }
        String shown = conf != null ? conf : DEFAULT_CONF;
        ResolvedConfig rc = load(file, shown);
        if (rc == null) {
            return FAILED;
        }
        if (mode == Mode.VERIFY) {
            for (String w : rc.warnings()) {
                err.println("warning: " + w);
            }
            out.println(shown + ": OK");
            return OK;
        }
        return start(rc, mode == Mode.RUN);
    }

    private ResolvedConfig load(Path file, String shown) {
        ModuleRegistry registry = registry();
        if (registry == null) {
            return null;
        }
        try {
            return ConfigLoader.load(displayPath(file, shown), registry, home);
        } catch (ConfigException e) {
            List<String> problems = e.problems();
            for (String p : problems) {
                err.println(p);
            }
            err.println(shown + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + "; the agent does not start");
            return null;
        }
    }

    /**
     * Messages name the file as the user wrote it when it is relative to the process's working directory,
     * else by its resolved path.
     */
    private Path displayPath(Path resolved, String shown) {
        Path p = Path.of(shown);
        boolean processCwd = cwd.toAbsolutePath().normalize().equals(Path.of("").toAbsolutePath().normalize());
        return !p.isAbsolute() && processCwd ? p : resolved;
    }

    private ModuleRegistry registry() {
        try {
            return registries.get();
        } catch (ConfigException e) {
            for (String p : e.problems()) {
                err.println("logship: " + p);
            }
            return null;
        }
    }

    private int start(ResolvedConfig rc, boolean untilStopped) {
        Globals g = rc.globals();
        try {
            Files.createDirectories(g.cacheDir());
            Files.createDirectories(g.spoolDir());
        } catch (IOException | RuntimeException e) {
            err.println("logship: cannot create CacheDir " + g.cacheDir() + " or SpoolDir " + g.spoolDir() + ": "
                    + e);
            return FAILED;
        }
        Path pid = untilStopped ? g.pidFile() : null;
        try {
            Logging.configure(g);
            org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Main.class);
            for (String w : rc.warnings()) {
                log.warn(w);
            }
            if (pid != null) {
                try {
                    Files.writeString(pid, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
                    pid.toFile().deleteOnExit();
                } catch (IOException e) {
                    err.println("logship: cannot write PidFile " + pid + ": " + e);
                    return FAILED;
                }
            }
            Agent agent = new Agent(rc);
            return untilStopped ? agent.runUntilStopped() : agent.runOnce();
        } catch (RuntimeException e) {
            err.println("logship: " + e);
            return FAILED;
        } finally {
            if (pid != null) {
                try {
                    Files.deleteIfExists(pid);
                } catch (IOException ignored) {
                    // deleteOnExit tries again
                }
            }
        }
    }

    private int listModules() {
        ModuleRegistry registry = registry();
        if (registry == null) {
            return FAILED;
        }
        if (registry.providers().isEmpty()) {
            out.println("no modules found on the class path");
            return OK;
        }
        int w = registry.providers().stream().mapToInt(p -> p.name().length()).max().orElse(8);
        for (ModuleProvider p : registry.providers()) {
            String aliases = p.aliases().isEmpty() ? ""
                    : " (aliases: " + p.aliases().stream().sorted().collect(Collectors.joining(", ")) + ")";
            out.printf(Locale.ROOT, "%-" + w + "s  %-9s  %s%s%n", p.name(), p.kind().name().toLowerCase(Locale.ROOT),
                    p.description(), aliases);
        }
        return OK;
    }

    private int describe(String name) {
        ModuleRegistry registry = registry();
        if (registry == null) {
            return FAILED;
        }
        ModuleProvider p = registry.find(name).orElse(null);
        if (p == null) {
            err.println("logship: unknown module '" + name + "' (known modules: "
                    + (registry.names().isEmpty() ? "none" : String.join(", ", registry.names())) + ")");
            return USAGE;
        }
        out.print(markdown(p));
        return OK;
    }

    /**
     * A markdown description of a module and a table of its directives: what {@code --describe} prints, and the
     * generated part of the module's page under {@code docs/modules/}.
     */
    public static String markdown(ModuleProvider p) {
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(p.name()).append(" (").append(p.kind().name().toLowerCase(Locale.ROOT))
                .append(")\n\n").append(p.description()).append("\n\n");
        if (!p.aliases().isEmpty()) {
            sb.append("Aliases: ").append(p.aliases().stream().sorted().map(a -> "`" + a + "`")
                    .collect(Collectors.joining(", "))).append("\n\n");
        }
        return sb.append(directiveTable(p.directives())).toString();
    }

    /**
     * A markdown table of directives, one row each: name, type, default (blank when there is none, "(empty)" when
     * it is the empty string), required, description.
     */
    public static String directiveTable(List<Directive<?>> directives) {
        StringBuilder sb = new StringBuilder();
        sb.append("| Directive | Type | Default | Required | Description |\n");
        sb.append("|---|---|---|---|---|\n");
        for (Directive<?> d : directives) {
            String type = switch (d.type()) {
                case ENUM -> "one of " + String.join(", ", d.choices());
                default -> d.type().name().toLowerCase(Locale.ROOT);
            };
            if (d.isRepeatable()) {
                type += ", repeatable";
            }
            if (d.isSecret()) {
                type += ", secret";
            }
            sb.append("| `").append(d.name()).append("` | ").append(cell(type)).append(" | ")
                    .append(cell(d.defaultText().map(t -> t.isBlank() ? "(empty)" : t).orElse(""))).append(" | ").append(d.isRequired() ? "yes" : "no")
                    .append(" | ").append(cell(d.doc())).append(" |\n");
        }
        return sb.toString();
    }

    /**
     * Text as one markdown table cell: on one line, {@code |} escaped, and {@code <} outside code spans written
     * {@code &lt;} so that a placeholder such as {@code <instance>} is not taken for an HTML tag.
     */
    private static String cell(String s) {
        if (s == null) {
            return "";
        }
        String[] parts = s.replace("|", "\\|").replace("\r", "").replace("\n", " ").split("`", -1);
        for (int i = 0; i < parts.length; i += 2) {
            parts[i] = parts[i].replace("<", "&lt;");
        }
        return String.join("`", parts);
    }

    private int usage(String problem) {
        err.println("logship: " + problem);
        err.print(usageText());
        return USAGE;
    }

    private static String flag(Mode m) {
        return switch (m) {
            case VERIFY -> "--verify";
            case ONCE -> "--once";
            case LIST -> "--list-modules";
            case DESCRIBE -> "--describe";
            case HELP -> "--help";
            case VERSION -> "--version";
            case RUN -> "(run)";
        };
    }

    static String usageText() {
        return """
                usage: logship [-c FILE] [--verify | --once]
                       logship --list-modules | --describe MODULE | --help | --version
                  -c, --conf FILE    the config file (default: logship.conf in the current directory)
                      --verify       check the config file (every problem with file:line) and exit
                      --once         run until every input is caught up, everything is flushed and
                                     positions are committed, then exit
                      --list-modules list every module: name, kind, description, aliases
                      --describe M   print module M's directives as a markdown table
                  -h, --help         this help
                  -V, --version      the version
                exit codes: 0 ok, 1 config problem or run-time failure, 2 usage error
                """;
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "unknown";
    }
}
