package io.logship.host.config;

import io.logship.api.Directive;
import io.logship.api.ModuleKind;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads an nxlog.conf-style file and the files it includes into an {@link AgentConfig}. It does not know
 * modules: it checks the syntax, the globals, the block structure and the route syntax, and collects every
 * problem it finds (each starting with {@code file:line: }) instead of stopping at the first one.
 *
 * <p>Syntax: {@code define NAME value} and {@code %NAME%} substitution on every later line; {@code include
 * path-or-glob} (relative to the including file's directory, globs sorted by name); global directives;
 * {@code <Input|Output|Processor|Extension|Route name>} blocks, case-insensitive; {@code #} comments (a whole
 * line, or from a {@code #} that follows white space outside quotes); a trailing {@code \} joins the next line;
 * values wholly in {@code "..."} or {@code '...'} lose their quotes.
 */
public final class ConfigParser {

    /** NXLog global directives logship knows but does not implement. */
    static final Set<String> UNSUPPORTED_GLOBALS = Set.of("rootdir",
            "nocache", "stringlimit", "flowcontrolfifo",
            "batchsize", "batchflushinterval", "cacheinvalidationtime",
            "dateformat", "escapeglobpatterns", "generatedateinutc", "logqueuedir",
            "persistlogqueue", "synclogqueue", "parsedateformat",
            "include_stdout");

    /**
     * NXLog globals that tune NXLog's own C runtime and mean nothing to logship: accepted (their values
     * checked) with a warning that says so, so that an existing nxlog.conf starts: each directive checks the
     * value, with the reason.
     */
    private static final List<Map.Entry<Directive<?>, String>> NO_EFFECT_GLOBALS = List.of(
            Map.entry(Directive.choice("Panic", "Soft", "Hard", "Off"),
                    "logship has no NXLog-style assertions for it to act on"),
            Map.entry(Directive.integer("Threads"),
                    "logship runs each input and each output on threads of its own"),
            Map.entry(Directive.bool("SuppressRepeatingLogs"),
                    "logship does not suppress repeated lines of its own log"),
            Map.entry(Directive.bool("NoFreeOnExit"),
                    "it is a debugging aid of NXLog's C code"),
            Map.entry(Directive.bool("IgnoreErrors"),
                    "logship never starts with a configuration problem (NXLog's IgnoreErrors FALSE)"));

    /** Global directives with a value, each given at most once (lower case); read by {@link State#globals}. */
    private static final Set<String> VALUE_GLOBALS = Stream.concat(
            Stream.of("loglevel", "logfile", "cachedir", "spooldir", "pidfile", "logqueuesize", "cacheflushinterval",
                    "cachesync", "flowcontrol", "moduledir", "user", "group"),
            NO_EFFECT_GLOBALS.stream().map(e -> e.getKey().name().toLowerCase(Locale.ROOT)))
            .collect(Collectors.toUnmodifiableSet());

    /** Block names NXLog allows nested in a module block that logship does not implement. */
    private static final Set<String> UNSUPPORTED_NESTED_BLOCKS = Set.of("schedule", "exec");

    private static final Pattern TAG = Pattern.compile("<\\s*(/?)\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*([^<>]*?)\\s*>");
    private static final Pattern DEFINE_REF = Pattern.compile("%([A-Za-z_][A-Za-z0-9_]*)%");
    private static final Pattern DEFINE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** NXLog: a module instance name is [a-zA-Z_][a-zA-Z0-9._]*. */
    private static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._]*");
    /** NXLog: a route name is [a-zA-Z0-9_][a-zA-Z0-9._]*. */
    private static final Pattern ROUTE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._]*");
    private static final Set<String> LOG_LEVELS = Set.of("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL");

    private final Path home;

    /**
     * @param home the logship home: CacheDir and SpoolDir default to {@code var/cache} and {@code var/spool}
     *             under it
     */
    public ConfigParser(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    /** The logship home: System property {@code logship.home} (set by the launcher), else the current directory. */
    public static Path defaultHome() {
        String h = System.getProperty("logship.home");
        return (h == null || h.isBlank() ? Path.of("") : Path.of(h)).toAbsolutePath().normalize();
    }

    /**
     * The outcome of a parse.
     *
     * @param config   what was understood (also when there were problems, for further checks)
     * @param problems every problem, each starting with "file:line: "
     * @param endLine  the number of lines of the main file (for problems about the file as a whole), 0 when
     *                 it could not be read
     */
    public record Result(AgentConfig config, List<String> problems, int endLine, List<String> warnings) {
        public Result {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }

        /** A result without warnings. */
        public Result(AgentConfig config, List<String> problems, int endLine) {
            this(config, problems, endLine, List.of());
        }
    }

    public Result parse(Path file) {
        State st = new State();
        int lines = parseFile(file, file.toString(), st, null);
        return new Result(new AgentConfig(st.globals(file, home), List.copyOf(st.modules),
                List.copyOf(st.routes)), st.problems, lines, st.warnings);
    }

    // ---------------------------------------------------------------------------------------------------

    /** A block being read. */
    private static final class OpenBlock {
        final String tag;          // as written, e.g. "Input"
        final ModuleKind kind;     // null for a route
        final String name;
        final String file;
        final int line;
        final Path baseDir;
        final String fileKey;      // which file opened it (absolute path string)
        String moduleName;
        int moduleLine;
        boolean pathSeen;
        final List<RawDirective> directives = new ArrayList<>();
        final List<RouteBlock.RoutePath> paths = new ArrayList<>();

        OpenBlock(String tag, ModuleKind kind, String name, String file, int line, Path baseDir, String fileKey) {
            this.tag = tag;
            this.kind = kind;
            this.name = name;
            this.file = file;
            this.line = line;
            this.baseDir = baseDir;
            this.fileKey = fileKey;
        }

        String describe() {
            return "<" + tag + (name.isEmpty() ? "" : " " + name) + "> (opened at " + file + ":" + line + ")";
        }
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

    private record Define(String value, String location) {
    }

    private final class State {
        final List<String> problems = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final Map<String, Define> defines = new HashMap<>();
        final Map<String, GlobalValue> globals = new LinkedHashMap<>();
        final List<ModuleBlock> modules = new ArrayList<>();
        final List<RouteBlock> routes = new ArrayList<>();
        final Map<String, String> instanceNames = new HashMap<>();
        final Map<String, String> routeNames = new HashMap<>();
        final Deque<Path> includeStack = new ArrayDeque<>();
        OpenBlock block;
        /** Name (lower case) of a block being skipped, and how deep. */
        String skipping;
        int skipDepth;
        String skipLocation;

        void problem(String file, int line, String message) {
            problems.add(file + ":" + line + ": " + message);
        }

        Globals globals(Path mainFile, Path home) {
            Path cache = path("cachedir", home.resolve("var/cache"));
            Path spool = path("spooldir", home.resolve("var/spool"));
            Path logFile = path("logfile", null);
            Path pidFile = path("pidfile", null);
            GlobalValue level = globals.get("loglevel");
            String logLevel = "INFO";
            if (level != null) {
                String l = level.value().toUpperCase(Locale.ROOT);
                if (l.equals("WARN")) {
                    l = "WARNING";
                }
                if (LOG_LEVELS.contains(l)) {
                    logLevel = l;
                } else {
                    problems.add(level.location() + ": invalid value '" + level.value()
                            + "' for LogLevel: must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL");
                }
            }
            int queue = 0;
            GlobalValue q = globals.get("logqueuesize");
            if (q != null) {
                Long n = HostDirectives.queueSize(q.raw("LogqueueSize"), q.location() + ": ", problems);
                queue = n == null ? 0 : n.intValue();
            }
            Duration commit = null;
            GlobalValue c = globals.get("cacheflushinterval");
            if (c != null) {
                commit = cacheFlushInterval(c);
            }
            GlobalValue sync = globals.get("cachesync");
            if (sync != null && Boolean.FALSE.equals(HostDirectives.parse(Directive.bool("CacheSync"),
                    sync.raw("CacheSync"), sync.location() + ": ", problems))) {
                warnings.add(sync.location() + ": CacheSync FALSE has no effect: logship always fsyncs the "
                        + "position files it writes");
            }
            GlobalValue flow = globals.get("flowcontrol");
            if (flow != null && Boolean.FALSE.equals(HostDirectives.parse(HostDirectives.FLOW_CONTROL,
                    flow.raw("FlowControl"), flow.location() + ": ", problems))) {
                problems.add(flow.location() + ": " + HostDirectives.FLOW_CONTROL_FALSE);
            }
            GlobalValue user = globals.get("user");
            String wrong = user == null ? null : Identity.userProblem(user.value());
            if (wrong != null) {
                problems.add(user.location() + ": " + wrong);
            }
            GlobalValue group = globals.get("group");
            wrong = group == null ? null : Identity.groupProblem(group.value());
            if (wrong != null) {
                problems.add(group.location() + ": " + wrong);
            }
            for (var e : NO_EFFECT_GLOBALS) {
                Directive<?> d = e.getKey();
                GlobalValue v = globals.get(d.name().toLowerCase(Locale.ROOT));
                if (v != null && HostDirectives.parse(d, v.raw(d.name()), v.location() + ": ", problems) != null) {
                    warnings.add(v.location() + ": " + d.name() + " has no effect: " + e.getValue());
                }
            }
            GlobalValue modules = globals.get("moduledir");
            if (modules != null) {
                warnings.add(modules.location() + ": ModuleDir is ignored: logship finds its modules on its "
                        + "class path (the jars in lib/, see logship --list-modules)");
            }
            return new Globals(mainFile.toAbsolutePath().normalize(), cache, spool, logFile, logLevel, pidFile,
                    queue, commit);
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
            problems.add(v.location() + ": invalid value '" + v.value() + "' for CacheFlushInterval: must be "
                    + "always, or seconds (or a duration such as 500ms) above 0 and at most a day");
            return null;
        }


        private Path path(String key, Path dflt) {
            GlobalValue v = globals.get(key);
            if (v == null) {
                return dflt == null ? null : dflt.normalize();
            }
            try {
                Path p = Path.of(v.value());
                return (p.isAbsolute() ? p : v.baseDir().resolve(p)).normalize();
            } catch (RuntimeException e) {
                problems.add(v.location() + ": invalid path '" + v.value() + "': " + e.getMessage());
                return dflt;
            }
        }
    }

    /**
     * Parses one file (recursively its includes).
     *
     * @param shown how the file is named in messages
     * @return the number of lines read
     */
    private int parseFile(Path file, String shown, State st, String includedAt) {
        Path abs = file.toAbsolutePath().normalize();
        Path real;
        List<String> lines;
        try {
            real = abs.toRealPath();
            if (Files.isDirectory(real)) {
                st.problems.add((includedAt == null ? shown + ":0" : includedAt) + ": " + shown
                        + " is a directory, not a config file");
                return 0;
            }
            lines = readLines(real);
        } catch (NoSuchFileException e) {
            st.problems.add(includedAt == null ? shown + ":0: cannot read config file: no such file"
                    : includedAt + ": included file " + shown + " does not exist");
            return 0;
        } catch (CharacterCodingException e) {
            st.problems.add((includedAt == null ? "" : includedAt + ": ") + shown
                    + ":0: cannot read config file: not valid UTF-8");
            return 0;
        } catch (IOException e) {
            st.problems.add((includedAt == null ? shown + ":0" : includedAt) + ": cannot read config file "
                    + shown + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 0;
        }
        if (st.includeStack.contains(real)) {
            StringBuilder chain = new StringBuilder();
            boolean on = false;
            for (Path p : (Iterable<Path>) st.includeStack::descendingIterator) {
                on |= p.equals(real);
                if (on) {
                    chain.append(p).append(" -> ");
                }
            }
            st.problems.add(includedAt + ": include cycle: " + chain + real);
            return 0;
        }
        st.includeStack.push(real);
        try {
            parseLines(lines, shown, abs.getParent(), st, real.toString());
        } finally {
            st.includeStack.pop();
        }
        return Math.max(1, lines.size());
    }

    private static List<String> readLines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.lines().toList();
    }

    private void parseLines(List<String> lines, String file, Path dir, State st, String fileKey) {
        OpenBlock atEntry = st.block;
        String skipAtEntry = st.skipping;
        int i = 0;
        while (i < lines.size()) {
            int lineNo = i + 1;
            String first = lines.get(i);
            i++;
            if (first.isBlank() || first.stripLeading().startsWith("#")) {
                continue;
            }
            StringBuilder logical = new StringBuilder(first);
            while (endsWithContinuation(logical) && i <= lines.size()) {
                logical.setLength(stripTrailingWs(logical) - 1);
                if (i == lines.size()) {
                    st.problem(file, lineNo, "line continuation '\\' at the end of the file");
                    break;
                }
                logical.append(lines.get(i));
                i++;
            }
            String text = stripComment(logical.toString(), file, lineNo, st).strip();
            if (text.isEmpty()) {
                continue;
            }
            if (st.skipping != null) {
                skipLine(text, st);
                continue;
            }
            text = substitute(text, st);
            handleLine(text, file, lineNo, dir, st, fileKey);
        }
        if (st.skipping != null && skipAtEntry == null) {
            st.problems.add(st.skipLocation + ": block <" + st.skipping + "> is not closed (missing </"
                    + st.skipping + ">)");
            st.skipping = null;
        }
        if (st.block != null && st.block != atEntry && st.block.fileKey.equals(fileKey)) {
            st.problems.add(st.block.file + ":" + st.block.line + ": block " + "<" + st.block.tag + " "
                    + st.block.name + "> is not closed (missing </" + st.block.tag + "> before the end of "
                    + file + ")");
            finishBlock(st);
        }
    }

    private static boolean endsWithContinuation(CharSequence s) {
        int end = stripTrailingWs(s);
        return end > 0 && s.charAt(end - 1) == '\\';
    }

    private static int stripTrailingWs(CharSequence s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** Removes a trailing comment: a '#' at the start or after white space, outside quotes. */
    static String stripComment(String line, String file, int lineNo, State st) {
        char quote = 0;
        int quoteStart = -1;
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            boolean tokenStart = k == 0 || isTokenBoundary(line.charAt(k - 1));
            if ((c == '"' || c == '\'') && tokenStart) {
                quote = c;
                quoteStart = k;
            } else if (c == '#' && tokenStart && (k == 0 || Character.isWhitespace(line.charAt(k - 1)))) {
                return line.substring(0, k);
            }
        }
        if (quote != 0 && st != null) {
            st.problem(file, lineNo, "unterminated quote " + quote + " starting at column " + (quoteStart + 1));
        }
        return line;
    }

    private static boolean isTokenBoundary(char c) {
        return Character.isWhitespace(c) || c == ',' || c == '(' || c == '=' || c == '>';
    }

    private static String substitute(String text, State st) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        Matcher m = DEFINE_REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Define d = st.defines.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(d == null ? m.group() : d.value()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Removes the quotes around a value that is wholly one quoted string. */
    static String unquote(String value) {
        if (value.length() >= 2) {
            char q = value.charAt(0);
            if ((q == '"' || q == '\'') && value.charAt(value.length() - 1) == q
                    && value.indexOf(q, 1) == value.length() - 1) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }

    private static void skipLine(String text, State st) {
        Matcher m = TAG.matcher(text);
        if (m.matches() && m.group(2).equalsIgnoreCase(st.skipping)) {
            if (m.group(1).isEmpty()) {
                st.skipDepth++;
            } else if (--st.skipDepth == 0) {
                st.skipping = null;
            }
        }
    }

    private void handleLine(String text, String file, int line, Path dir, State st, String fileKey) {
        if (text.startsWith("<")) {
            Matcher m = TAG.matcher(text);
            if (!m.matches()) {
                st.problem(file, line, "malformed block tag '" + text + "' (expected <Kind name> or </Kind>)");
                return;
            }
            if (m.group(1).isEmpty()) {
                openTag(m.group(2), m.group(3), file, line, dir, st, fileKey);
            } else {
                closeTag(m.group(2), m.group(3), file, line, st, fileKey);
            }
            return;
        }
        int sp = indexOfWhitespace(text);
        String name = sp < 0 ? text : text.substring(0, sp);
        String rawValue = sp < 0 ? "" : text.substring(sp).strip();
        String lower = name.toLowerCase(Locale.ROOT);

        // general directives: anywhere
        if (lower.equals("define")) {
            define(rawValue, file, line, st);
            return;
        }
        if (lower.equals("include")) {
            include(unquote(rawValue), file, line, dir, st);
            return;
        }
        OpenBlock b = st.block;
        if (b == null) {
            global(name, lower, unquote(rawValue), file, line, dir, st);
        } else if (b.kind == null) {
            routeDirective(b, name, lower, rawValue, file, line, st);
        } else if (lower.equals("module")) {
            if (rawValue.isEmpty()) {
                st.problem(file, line, b.name + ": Module has no value");
            } else if (b.moduleName != null) {
                st.problem(file, line, b.name + ": Module given more than once (first at " + b.file + ":"
                        + b.moduleLine + ")");
            } else {
                b.moduleName = unquote(rawValue);
                b.moduleLine = line;
            }
        } else if (rawValue.isEmpty()) {
            st.problem(file, line, b.name + ": directive " + name + " has no value");
        } else {
            b.directives.add(new RawDirective(name, unquote(rawValue), file, line));
        }
    }

    private static int indexOfWhitespace(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (Character.isWhitespace(s.charAt(k))) {
                return k;
            }
        }
        return -1;
    }

    private static void define(String rest, String file, int line, State st) {
        int sp = indexOfWhitespace(rest);
        String name = sp < 0 ? rest : rest.substring(0, sp);
        String value = sp < 0 ? "" : rest.substring(sp).strip();
        if (name.isEmpty() || !DEFINE_NAME.matcher(name).matches()) {
            st.problem(file, line, "define needs a name ([A-Za-z_][A-Za-z0-9_]*) and a value, got 'define "
                    + rest + "'");
            return;
        }
        Define previous = st.defines.get(name);
        if (previous != null) {
            st.problem(file, line, "define " + name + " is already defined at " + previous.location());
            return;
        }
        // the value was already substituted with the earlier defines (the whole line is)
        st.defines.put(name, new Define(value, file + ":" + line));
    }

    private void include(String spec, String file, int line, Path dir, State st) {
        String at = file + ":" + line;
        if (spec.isEmpty()) {
            st.problem(file, line, "include needs a file name or a glob");
            return;
        }
        Path target;
        try {
            target = Path.of(spec);
        } catch (RuntimeException e) {
            st.problem(file, line, "invalid include path '" + spec + "': " + e.getMessage());
            return;
        }
        if (!target.isAbsolute()) {
            target = dir.resolve(target);
        }
        Path nameDir = target.getParent();
        String leaf = target.getFileName() == null ? "" : target.getFileName().toString();
        boolean glob = hasGlob(leaf);
        if (nameDir != null && hasGlob(nameDir.toString())) {
            st.problem(file, line, "include " + spec + ": wildcards are supported in the file name only");
            return;
        }
        if (!glob) {
            parseFile(target.normalize(), target.normalize().toString(), st, at);
            return;
        }
        List<Path> matches = new ArrayList<>();
        if (nameDir != null && Files.isDirectory(nameDir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(nameDir, leaf)) {
                for (Path p : ds) {
                    if (Files.isRegularFile(p)) {
                        matches.add(p);
                    }
                }
            } catch (IOException | RuntimeException e) {
                st.problem(file, line, "include " + spec + ": cannot list " + nameDir + ": " + e.getMessage());
                return;
            }
        }
        // NXLog: a glob that matches nothing is not an error
        matches.sort(null);
        for (Path p : matches) {
            parseFile(p.normalize(), p.normalize().toString(), st, at);
        }
    }

    private static boolean hasGlob(String s) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return true;
            }
        }
        return false;
    }

    private static void global(String name, String lower, String value, String file, int line, Path dir,
                               State st) {
        switch (lower) {
            case "module" -> st.problem(file, line, "Module outside a block: module directives belong in an "
                    + "<Input>, <Output>, <Processor> or <Extension> block");
            case "path" -> st.problem(file, line, "Path outside a block: it belongs in a <Route> block");
            default -> {
                if (!VALUE_GLOBALS.contains(lower)) {
                    unknownGlobal(name, lower, file, line, st);
                    return;
                }
                if (value.isEmpty()) {
                    st.problem(file, line, "global directive " + name + " has no value");
                    return;
                }
                GlobalValue prev = st.globals.get(lower);
                if (prev != null) {
                    st.problem(file, line, "global directive " + name + " given more than once (first at "
                            + prev.location() + ")");
                    return;
                }
                st.globals.put(lower, new GlobalValue(value, file, line, dir));
            }
        }
    }

    private static void unknownGlobal(String name, String lower, String file, int line, State st) {
        if (UNSUPPORTED_GLOBALS.contains(lower)) {
            st.problem(file, line, "global directive '" + name + "' is not supported by logship yet");
        } else {
            st.problem(file, line, "unknown global directive '" + name + "' (globals are define, "
                    + "include, LogLevel, LogFile, CacheDir, SpoolDir, PidFile, LogqueueSize, "
                    + "CacheFlushInterval, CacheSync, FlowControl, ModuleDir, User, Group; module "
                    + "directives belong in a block)");
        }
    }

    private static void routeDirective(OpenBlock b, String name, String lower, String value, String file,
                                       int line, State st) {
        if (lower.equals("path")) {
            b.pathSeen = true;
            RouteBlock.RoutePath p = parsePath(value, file, line, b.name, st);
            if (p != null) {
                b.paths.add(p);
            }
        } else if (lower.equals("priority")) {
            st.problem(file, line, "route " + b.name + ": directive '" + name + "' is not supported by logship yet");
        } else {
            st.problem(file, line, "route " + b.name + ": unknown directive '" + name
                    + "' (a <Route> block takes Path lines)");
        }
    }

    /** {@code in1, in2 => proc1 => proc2 => out1, out2}. */
    static RouteBlock.RoutePath parsePath(String value, String file, int line, String route, State st) {
        String[] parts = value.split("=>", -1);
        if (parts.length < 2) {
            st.problem(file, line, "route " + route + ": Path must be 'in1, in2 => out1, out2' (with "
                    + "optional '=> processor' steps), got '" + value + "'");
            return null;
        }
        List<List<String>> lists = new ArrayList<>();
        for (String part : parts) {
            List<String> names = new ArrayList<>();
            for (String n : part.split(",", -1)) {
                String t = n.strip();
                if (t.isEmpty()) {
                    st.problem(file, line, "route " + route + ": Path has an empty instance name in '" + value
                            + "'");
                    return null;
                }
                if (!INSTANCE_NAME.matcher(t).matches()) {
                    st.problem(file, line, "route " + route + ": '" + t + "' is not a valid instance name");
                    return null;
                }
                names.add(t);
            }
            lists.add(names);
        }
        List<String> processors = new ArrayList<>();
        for (int k = 1; k < lists.size() - 1; k++) {
            processors.addAll(lists.get(k));
        }
        return new RouteBlock.RoutePath(List.copyOf(lists.get(0)), List.copyOf(processors),
                List.copyOf(lists.get(lists.size() - 1)), file, line);
    }

    private static ModuleKind kindOf(String tag) {
        return switch (tag.toLowerCase(Locale.ROOT)) {
            case "input" -> ModuleKind.INPUT;
            case "output" -> ModuleKind.OUTPUT;
            case "processor" -> ModuleKind.PROCESSOR;
            case "extension" -> ModuleKind.EXTENSION;
            default -> null;
        };
    }

    private void openTag(String tag, String rawName, String file, int line, Path dir, State st, String fileKey) {
        String lowerTag = tag.toLowerCase(Locale.ROOT);
        String name = unquote(rawName.strip());
        ModuleKind kind = kindOf(tag);
        boolean route = lowerTag.equals("route");
        if (kind == null && !route) {
            if (st.block != null && st.block.kind != null && UNSUPPORTED_NESTED_BLOCKS.contains(lowerTag)) {
                st.problem(file, line, st.block.name + ": block <" + tag + "> is not supported by logship yet");
            } else if (UNSUPPORTED_NESTED_BLOCKS.contains(lowerTag)) {
                st.problem(file, line, "block <" + tag + "> is only allowed inside a module block (and is "
                        + "not supported by logship yet)");
            } else {
                st.problem(file, line, "unknown block <" + tag + "> (blocks are Input, Output, Processor, "
                        + "Extension and Route)");
            }
            st.skipping = tag;
            st.skipDepth = 1;
            st.skipLocation = file + ":" + line;
            return;
        }
        if (st.block != null) {
            st.problem(file, line, "<" + tag + (name.isEmpty() ? "" : " " + name) + "> inside "
                    + st.block.describe() + ": missing </" + st.block.tag + ">");
            finishBlock(st);
        }
        if (name.isEmpty()) {
            st.problem(file, line, "<" + tag + "> needs a name, e.g. <" + tag + " " + (route ? "r1" : "in") + ">");
        } else if (!(route ? ROUTE_NAME : INSTANCE_NAME).matcher(name).matches()) {
            st.problem(file, line, "invalid " + (route ? "route" : "instance") + " name '" + name + "' (letters, "
                    + "digits, '.', '_'; " + (route ? "" : "not starting with a digit or '.'") + ")");
        } else {
            Map<String, String> seen = route ? st.routeNames : st.instanceNames;
            String prev = seen.putIfAbsent(name, file + ":" + line);
            if (prev != null) {
                st.problem(file, line, "duplicate " + (route ? "route" : "instance") + " name '" + name
                        + "' (first defined at " + prev + ")");
            }
        }
        st.block = new OpenBlock(tag, kind, name, file, line, dir, fileKey);
    }

    private static void closeTag(String tag, String extra, String file, int line, State st, String fileKey) {
        OpenBlock b = st.block;
        if (!extra.isEmpty()) {
            st.problem(file, line, "closing tag </" + tag + "> takes no name");
        }
        if (b == null) {
            st.problem(file, line, "</" + tag + "> without a matching <" + tag + ">");
            return;
        }
        if (!b.fileKey.equals(fileKey)) {
            st.problem(file, line, "</" + tag + "> closes " + b.describe()
                    + " from another file: a block must end in the file where it starts");
            return;
        }
        if (!b.tag.equalsIgnoreCase(tag)) {
            st.problem(file, line, "</" + tag + "> does not match " + b.describe());
        }
        finishBlock(st);
    }

    private static void finishBlock(State st) {
        OpenBlock b = st.block;
        st.block = null;
        if (b.name.isEmpty()) {
            return;
        }
        if (b.kind == null) {
            if (!b.pathSeen) {
                st.problem(b.file, b.line, "route " + b.name + " has no Path (e.g. Path in => out)");
            }
            st.routes.add(new RouteBlock(b.name, List.copyOf(b.paths), b.file, b.line));
        } else {
            st.modules.add(new ModuleBlock(b.kind, b.name, b.moduleName, List.copyOf(b.directives), b.file, b.line,
                    b.baseDir, b.moduleName == null ? b.line : b.moduleLine));
        }
    }
}
