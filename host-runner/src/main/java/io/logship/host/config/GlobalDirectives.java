package io.logship.host.config;

import io.logship.api.Directive;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The global directives of nxlog.conf (outside every block), declared as {@link Directive}s like every
 * module's ({@link #all()}, which the reference docs are generated from), and what a config's globals
 * become: collected as written ({@link #collect}), then checked and resolved into {@link Globals}
 * ({@link #resolve}).
 */
public final class GlobalDirectives {
    static final Directive<String> LOG_LEVEL = Directive.choice("LogLevel",
                    "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL").withDefault("INFO")
            .withDoc("The least severe of logship's own messages that are logged (WARN is taken as WARNING).");
    static final Directive<Path> LOG_FILE = Directive.path("LogFile").withDefaultText("standard error")
            .withDoc("Where logship writes its own log.");
    static final Directive<Path> CACHE_DIR = Directive.path("CacheDir").withDefaultText("var/cache under the "
            + "logship home").withDoc("Where the inputs' committed positions (checkpoints) are kept.");
    static final Directive<Path> SPOOL_DIR = Directive.path("SpoolDir").withDefaultText("var/spool under the "
            + "logship home").withDoc("Where modules keep their durable spools (e.g. om_s3's segments).");
    static final Directive<Path> PID_FILE = Directive.path("PidFile").withDefaultText("none")
            .withDoc("A file the running agent writes its process id to.");
    static final Directive<Long> LOGQUEUE_SIZE = Directive.integer("LogqueueSize").withDefault(10_000L)
            .withDoc("Events each output's queue holds before the inputs feeding it wait (1 to "
                    + HostDirectives.MAX_QUEUE + "); also settable per <Output> block.");
    static final Directive<String> CACHE_FLUSH_INTERVAL = Directive.string("CacheFlushInterval")
            .withDefaultText("1 s").withDoc("How often committed positions are saved: always (as soon as they "
                    + "move), or seconds (or a duration such as 500ms) above 0 and at most a day.");
    static final Directive<Boolean> CACHE_SYNC = Directive.bool("CacheSync").withDefault(true)
            .withDoc("Accepted for NXLog compatibility: logship always fsyncs the position files it writes "
                    + "(FALSE has no effect).");
    static final Directive<Boolean> FLOW_CONTROL = HostDirectives.FLOW_CONTROL.withDefault(true)
            .withDoc("The default of every <Input> without a FlowControl of its own. TRUE: a full queue makes the "
                    + "inputs feeding it wait. FALSE: inputs whose peers cannot be paused (network and socket "
                    + "inputs) drop and count the events that find a queue full; for any other input FALSE is "
                    + "refused (write FlowControl TRUE in its block).");
    static final Directive<Path> MODULE_DIR = Directive.path("ModuleDir").withDoc("Ignored: logship finds its "
            + "modules on its class path (the jars in lib/, see logship --list-modules).");
    static final Directive<String> USER = Directive.string("User").withDefaultText("the starting user")
            .withDoc("The user the agent runs as; starting as another user is refused with advice.");
    static final Directive<String> GROUP = Directive.string("Group").withDefaultText("the starting group")
            .withDoc("The group the agent runs as; starting as another group is refused with advice.");

    /**
     * NXLog globals that tune NXLog's own C runtime and mean nothing to logship: accepted (their values
     * checked) with a warning that says why, so that an existing nxlog.conf starts.
     */
    private static final Map<Directive<?>, String> NO_EFFECT = noEffect();

    private static Map<Directive<?>, String> noEffect() {
        Map<Directive<?>, String> m = new LinkedHashMap<>();
        m.put(Directive.choice("Panic", "Soft", "Hard", "Off"),
                "logship has no NXLog-style assertions for it to act on");
        m.put(Directive.integer("Threads"), "logship runs each input and each output on threads of its own");
        m.put(Directive.bool("SuppressRepeatingLogs"), "logship does not suppress repeated lines of its own log");
        m.put(Directive.bool("NoFreeOnExit"), "it is a debugging aid of NXLog's C code");
        m.put(Directive.bool("IgnoreErrors"),
                "logship never starts with a configuration problem (NXLog's IgnoreErrors FALSE)");
        Map<Directive<?>, String> documented = new LinkedHashMap<>();
        m.forEach((d, why) -> documented.put(d.withDoc("Accepted for NXLog compatibility, no effect: " + why + "."),
                why));
        return documented;
    }

    private static final List<Directive<?>> ALL = Stream.concat(
            Stream.of(LOG_LEVEL, LOG_FILE, CACHE_DIR, SPOOL_DIR, PID_FILE, LOGQUEUE_SIZE,
                    CACHE_FLUSH_INTERVAL, CACHE_SYNC, FLOW_CONTROL, MODULE_DIR, USER, GROUP),
            NO_EFFECT.keySet().stream()).toList();

    /** Global directives with a value, each given at most once (lower case). */
    private static final Set<String> NAMES = ALL.stream().map(d -> d.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());

    /** NXLog global directives logship knows but does not implement. */
    static final Set<String> UNSUPPORTED = Set.of("rootdir",
            "nocache", "stringlimit", "flowcontrolfifo",
            "batchsize", "batchflushinterval", "cacheinvalidationtime",
            "dateformat", "escapeglobpatterns", "generatedateinutc", "logqueuedir",
            "persistlogqueue", "synclogqueue", "parsedateformat",
            "include_stdout");

    /** Every global directive logship takes, in the order the reference lists them. */
    public static List<Directive<?>> all() {
        return ALL;
    }

    private record GlobalValue(String value, String file, int line, Path baseDir) {
        String location() {
            return file + ":" + line;
        }

        /** As a directive named {@code name}, for the parsers modules' directives use. */
        RawDirective raw(String name) {
            return new RawDirective(name, value, file, line);
        }
    }

    private final ParseReport report;
    private final Map<String, GlobalValue> values = new LinkedHashMap<>();

    GlobalDirectives(ParseReport report) {
        this.report = report;
    }

    /** A directive outside every block (not define or include): kept, or a problem. */
    void collect(String name, String value, String file, int line, Path dir) {
        String lower = name.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "module" -> report.problem(file, line, "Module outside a block: module directives belong in an "
                    + "<Input>, <Output>, <Processor> or <Extension> block");
            case "path" -> report.problem(file, line, "Path outside a block: it belongs in a <Route> block");
            default -> {
                if (!NAMES.contains(lower)) {
                    unknown(name, lower, file, line);
                    return;
                }
                if (value.isEmpty()) {
                    report.problem(file, line, "global directive " + name + " has no value");
                    return;
                }
                GlobalValue prev = values.get(lower);
                if (prev != null) {
                    report.problem(file, line, "global directive " + name + " given more than once (first at "
                            + prev.location() + ")");
                    return;
                }
                values.put(lower, new GlobalValue(value, file, line, dir));
            }
        }
    }

    private void unknown(String name, String lower, String file, int line) {
        if (UNSUPPORTED.contains(lower)) {
            report.problem(file, line, "global directive '" + name + "' is not supported by logship yet");
        } else {
            report.problem(file, line, "unknown global directive '" + name + "' (globals are define, "
                    + "include, LogLevel, LogFile, CacheDir, SpoolDir, PidFile, LogqueueSize, "
                    + "CacheFlushInterval, CacheSync, FlowControl, ModuleDir, User, Group; module "
                    + "directives belong in a block)");
        }
    }

    private GlobalValue value(Directive<?> d) {
        return values.get(d.name().toLowerCase(Locale.ROOT));
    }

    /** Checks the collected values and resolves them (relative paths against their file's directory). */
    Globals resolve(Path mainFile, Path home) {
        Path cache = path(CACHE_DIR, home.resolve("var/cache"));
        Path spool = path(SPOOL_DIR, home.resolve("var/spool"));
        Path logFile = path(LOG_FILE, null);
        Path pidFile = path(PID_FILE, null);
        GlobalValue level = value(LOG_LEVEL);
        String logLevel = "INFO";
        if (level != null) {
            String l = level.value().toUpperCase(Locale.ROOT);
            if (l.equals("WARN")) {
                l = "WARNING";
            }
            if (LOG_LEVEL.choices().contains(l)) {
                logLevel = l;
            } else {
                report.problems.add(level.location() + ": invalid value '" + level.value()
                        + "' for LogLevel: must be one of " + String.join(", ", LOG_LEVEL.choices()));
            }
        }
        int queue = 0;
        GlobalValue q = value(LOGQUEUE_SIZE);
        if (q != null) {
            Long n = HostDirectives.queueSize(q.raw("LogqueueSize"), q.location() + ": ", report.problems);
            queue = n == null ? 0 : n.intValue();
        }
        Duration commit = null;
        GlobalValue c = value(CACHE_FLUSH_INTERVAL);
        if (c != null) {
            commit = cacheFlushInterval(c);
        }
        checkNonValueGlobals();
        GlobalValue flow = value(FLOW_CONTROL);
        String flowFalseAt = flow != null && Boolean.FALSE.equals(HostDirectives.parse(FLOW_CONTROL,
                flow.raw("FlowControl"), flow.location() + ": ", report.problems)) ? flow.location() : null;
        return new Globals(mainFile.toAbsolutePath().normalize(), cache, spool, logFile, logLevel, pidFile,
                queue, commit, flowFalseAt);
    }

    /** The globals that set nothing in {@link Globals}: checked, warned about, or refused. */
    private void checkNonValueGlobals() {
        List<String> problems = report.problems;
        GlobalValue sync = value(CACHE_SYNC);
        if (sync != null && Boolean.FALSE.equals(HostDirectives.parse(CACHE_SYNC, sync.raw("CacheSync"),
                sync.location() + ": ", problems))) {
            report.warnings.add(sync.location() + ": CacheSync FALSE has no effect: logship always fsyncs the "
                    + "position files it writes");
        }
        GlobalValue user = value(USER);
        String wrong = user == null ? null : Identity.userProblem(user.value());
        if (wrong != null) {
            problems.add(user.location() + ": " + wrong);
        }
        GlobalValue group = value(GROUP);
        wrong = group == null ? null : Identity.groupProblem(group.value());
        if (wrong != null) {
            problems.add(group.location() + ": " + wrong);
        }
        for (Map.Entry<Directive<?>, String> e : NO_EFFECT.entrySet()) {
            Directive<?> d = e.getKey();
            GlobalValue v = value(d);
            if (v != null && HostDirectives.parse(d, v.raw(d.name()), v.location() + ": ", problems) != null) {
                report.warnings.add(v.location() + ": " + d.name() + " has no effect: " + e.getValue());
            }
        }
        GlobalValue modules = value(MODULE_DIR);
        if (modules != null) {
            report.warnings.add(modules.location() + ": ModuleDir is ignored: logship finds its modules on its "
                    + "class path (the jars in lib/, see logship --list-modules)");
        }
    }

    /** CacheFlushInterval: {@code always} (zero: positions saved as soon as they move) or a duration. */
    private Duration cacheFlushInterval(GlobalValue v) {
        if (v.value().equalsIgnoreCase("always")) {
            return Duration.ZERO;
        }
        try {
            Duration d = Directive.duration("CacheFlushInterval").parse(v.value());
            if (!d.isNegative() && !d.isZero() && d.compareTo(Duration.ofDays(1)) <= 0) {
                return d;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        report.problems.add(v.location() + ": invalid value '" + v.value() + "' for CacheFlushInterval: must be "
                + "always, or seconds (or a duration such as 500ms) above 0 and at most a day");
        return null;
    }

    private Path path(Directive<Path> d, Path dflt) {
        GlobalValue v = value(d);
        if (v == null) {
            return dflt == null ? null : dflt.normalize();
        }
        try {
            Path p = Path.of(v.value());
            return (p.isAbsolute() ? p : v.baseDir().resolve(p)).normalize();
        } catch (RuntimeException e) {
            report.problems.add(v.location() + ": invalid path '" + v.value() + "': " + e.getMessage());
            return dflt;
        }
    }
}
