package io.logship.host.config;

import io.logship.api.ConfigException;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import io.logship.lang.ExecLibrary;
import io.logship.lang.ExecSource;
import io.logship.lang.ExecTarget;
import io.logship.lang.FunctionTable;
import io.logship.lang.core.CoreLibrary;
import java.time.ZoneId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses a config file set, matches every module block to its provider, validates every directive, creates
 * every module and checks the routes. Every problem in the whole file set is reported at once.
 */
public final class ConfigLoader {

    /**
     * NXLog module directives (common to every module, or of the Route block) that logship knows but does
     * not implement. They are reported as "not supported by logship yet" unless the module declares them.
     */
    static final Set<String> UNSUPPORTED_MODULE_DIRECTIVES = Set.of("FlowControlFIFO", "BufferSize",
            "Processors", "BatchSize",
            "BatchFlushInterval", "LogqueueDir", "PersistLogqueue", "SyncLogqueue");

    private static final Pattern LOCATED = Pattern.compile("^[^\\s:][^:]*:\\d+: .*", Pattern.DOTALL);

    private ConfigLoader() {
    }

    /** {@link #load(Path, ModuleRegistry, Path)} with the logship home from {@link ConfigParser#defaultHome()}. */
    public static ResolvedConfig load(Path file, ModuleRegistry registry) throws ConfigException {
        return load(file, registry, ConfigParser.defaultHome());
    }

    /**
     * @param home where CacheDir and SpoolDir default to ({@code var/cache}, {@code var/spool})
     * @throws ConfigException listing every problem, each starting with "file:line: "
     */
    public static ResolvedConfig load(Path file, ModuleRegistry registry, Path home) throws ConfigException {
        ConfigParser.Result parsed = new ConfigParser(home).parse(file);
        AgentConfig cfg = parsed.config();
        List<String> problems = new ArrayList<>(parsed.problems());
        List<String> warnings = new ArrayList<>(parsed.warnings());
        Globals g = cfg.globals();

        Map<String, ModuleBlock> blocks = new LinkedHashMap<>();
        for (ModuleBlock b : cfg.modules()) {
            blocks.putIfAbsent(b.name(), b);
        }

        // which instances are used by a route, and route checks
        Set<String> used = new HashSet<>();
        List<RouteBlock.RoutePath> paths = new ArrayList<>();
        Map<String, String> buffersAt = new HashMap<>();
        for (RouteBlock r : cfg.routes()) {
            for (RouteBlock.RoutePath p : r.paths()) {
                boolean ok = checkNames(r, p, p.inputs(), ModuleKind.INPUT, "an input", blocks, problems);
                ok &= checkNames(r, p, p.processors(), ModuleKind.PROCESSOR, "a processor", blocks, problems);
                ok &= checkNames(r, p, p.outputs(), ModuleKind.OUTPUT, "an output", blocks, problems);
                used.addAll(p.inputs());
                used.addAll(p.processors());
                used.addAll(p.outputs());
                if (ok) {
                    paths.add(p);
                    onePathPerBuffer(r, p, blocks, buffersAt, problems);
                }
            }
        }
        if (cfg.routes().isEmpty() && parsed.endLine() > 0) {
            RouteBlock.RoutePath implicit = DefaultRoute.of(cfg.modules(), file.toString(), parsed.endLine(),
                    problems, warnings);
            if (implicit != null) {
                paths.add(implicit);
                used.addAll(implicit.inputs());
                used.addAll(implicit.outputs());
            }
        }

        List<Created> created = new ArrayList<>();
        FunctionTable.Builder functions = FunctionTable.builder().core(new CoreLibrary());
        boolean extensionMissing = false;
        for (ModuleBlock b : cfg.modules()) {
            ModuleProvider provider = provider(b, registry, problems);
            Created c = new Created(b);
            created.add(c);
            HostDirectives.Taken host = HostDirectives.take(b, provider, g.flowControlFalseAt(), droppers(registry),
                    problems, warnings);
            if (provider == null) {
                // still name the directives that would fail with any module
                for (var raw : b.directives()) {
                    if (UNSUPPORTED_MODULE_DIRECTIVES.stream().anyMatch(u -> u.equalsIgnoreCase(raw.name()))) {
                        problems.add(raw.location() + ": " + b.name() + ": directive '" + raw.name()
                                + "' is not supported by logship yet");
                    }
                }
                extensionMissing |= b.kind() == ModuleKind.EXTENSION;
                continue;
            }
            ModuleConfig mc = ModuleConfigs.validate(provider, b.name(), host.rest(), b.location(), b.baseDir(),
                    g.cacheDir(), g.spoolDir(), problems, UNSUPPORTED_MODULE_DIRECTIVES);
            if (mc == null) {
                extensionMissing |= b.kind() == ModuleKind.EXTENSION;
                continue;
            }
            Module module;
            try {
                module = provider.create(mc);
            } catch (ConfigException e) {
                for (String p : e.problems()) {
                    problems.add(LOCATED.matcher(p).matches() ? p : b.location() + ": " + b.name() + ": " + p);
                }
                extensionMissing |= b.kind() == ModuleKind.EXTENSION;
                continue;
            } catch (RuntimeException e) {
                problems.add(b.location() + ": " + b.name() + ": module " + provider.name()
                        + " failed to initialise: " + e);
                extensionMissing |= b.kind() == ModuleKind.EXTENSION;
                continue;
            }
            if (module == null) {
                problems.add(b.location() + ": " + b.name() + ": module " + provider.name()
                        + " returned no instance (a bug in the module)");
                extensionMissing |= b.kind() == ModuleKind.EXTENSION;
                continue;
            }
            c.provider = provider;
            c.config = mc;
            c.module = module;
            c.queueCapacity = host.queueCapacity();
            c.dropWhenFull = host.dropWhenFull();
            if (b.kind() == ModuleKind.EXTENSION) {
                if (module instanceof ExecLibrary lib) {
                    functions.extension(b.name(), provider.name(), lib);
                } else {
                    functions.extensionWithoutFunctions(b.name(), provider.name());
                }
            }
        }

        // every block's statements, once every extension's functions are known
        Statements statements = new Statements(functions.build(), extensionMissing);
        ZoneId zone = ZoneId.systemDefault();
        List<ResolvedConfig.Instance> instances = new ArrayList<>();
        Map<String, Module> extensions = new LinkedHashMap<>();
        for (Created c : created) {
            if (c.block.kind() == ModuleKind.EXTENSION) {
                extensions.put(c.block.name(), c.module);
            }
        }
        for (Created c : created) {
            if (c.module != null) {
                TypeReferences.check(c.block, extensions, extensionMissing, problems);
            }
        }
        for (Created c : created) {
            ModuleBlock b = c.block;
            Statements.Compiled compiled = statements.compile(b, c.module, zone, problems, warnings);
            if (c.module == null) {
                continue;
            }
            if (b.kind() == ModuleKind.EXTENSION && !b.execs().isEmpty() && !(c.module instanceof ExecTarget)) {
                ExecSource first = b.execs().get(0);
                problems.add(first.file() + ":" + first.line() + ": " + b.name() + ": module " + c.provider.name()
                        + " takes no Exec (an <Extension> runs statements only when its module does, e.g. "
                        + "xm_rewrite); move the statements to the <Input> or <Output> that should run them");
                continue;
            }
            if (b.kind() != ModuleKind.EXTENSION && !used.contains(b.name())) {
                warnings.add(b.location() + ": " + b.name() + ": " + kindWord(b.kind())
                        + " instance is not used in any route; it will not be started");
                continue;
            }
            instances.add(new ResolvedConfig.Instance(b, c.provider, c.config, c.module, c.queueCapacity,
                    compiled.exec(), compiled.schedules(), c.dropWhenFull));
        }

        if (!problems.isEmpty()) {
            throw new ConfigException(inFileOrder(problems));
        }
        for (ResolvedConfig.Instance inst : instances) {
            if (inst.module() instanceof ExecTarget target && inst.block().kind() == ModuleKind.EXTENSION) {
                target.execProgram(inst.exec()); // before start, as ExecTarget promises
            }
        }
        return new ResolvedConfig(g, instances, paths, warnings);
    }

    /** A module block on its way to an instance: what was created for it (nothing when it had problems). */
    private static final class Created {
        final ModuleBlock block;
        ModuleProvider provider;
        ModuleConfig config;
        Module module;
        int queueCapacity;
        boolean dropWhenFull;

        Created(ModuleBlock block) {
            this.block = block;
        }
    }

    private static final Pattern PREFIX = Pattern.compile("^(.*?):(\\d+)(?::\\d+)?: ");

    /** Sorts problems by file (in order of first mention) and line, keeping the order within one line. */
    static List<String> inFileOrder(List<String> problems) {
        Map<String, Integer> fileOrder = new LinkedHashMap<>();
        record Key(int file, long line, int index) {
        }
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < problems.size(); i++) {
            var m = PREFIX.matcher(problems.get(i));
            String file = m.find() ? m.group(1) : "";
            long line = file.isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
            keys.add(new Key(fileOrder.computeIfAbsent(file, f -> fileOrder.size()), line, i));
        }
        keys.sort(java.util.Comparator.comparingInt(Key::file).thenComparingLong(Key::line)
                .thenComparingInt(Key::index));
        return keys.stream().map(k -> problems.get(k.index())).toList();
    }

    private static ModuleProvider provider(ModuleBlock b, ModuleRegistry registry, List<String> problems) {
        String where = "<" + tag(b.kind()) + " " + b.name() + ">";
        if (b.moduleName() == null) {
            problems.add(b.location() + ": " + b.name() + ": missing Module directive in " + where);
            return null;
        }
        ModuleProvider p = registry.find(b.moduleName()).orElse(null);
        if (p == null) {
            problems.add(b.moduleLocation() + ": " + b.name() + ": unknown module '" + b.moduleName()
                    + "': not available in logship (known modules: " + knownOfKind(registry, b.kind()) + ")");
            return null;
        }
        if (p.kind() != b.kind()) {
            problems.add(b.moduleLocation() + ": " + b.name() + ": module " + p.name() + " is " + article(p.kind())
                    + " module; it cannot be used in an <" + tag(b.kind()) + "> block");
            return null;
        }
        return p;
    }

    /** The input modules that honour FlowControl FALSE, for advice. */
    private static String droppers(ModuleRegistry registry) {
        List<String> names = registry.providers().stream()
                .filter(p -> p.kind() == ModuleKind.INPUT && p.mayDropWhenFull()).map(ModuleProvider::name).toList();
        return names.isEmpty() ? "none of the input modules on the class path" : String.join(", ", names);
    }

    private static String knownOfKind(ModuleRegistry registry, ModuleKind kind) {
        List<String> same = registry.providers().stream().filter(p -> p.kind() == kind).map(ModuleProvider::name)
                .toList();
        List<String> all = registry.names();
        if (all.isEmpty()) {
            return "none: no module jar is on the class path";
        }
        String s = same.isEmpty() ? "no " + kindWord(kind) + " modules" : String.join(", ", same);
        return s + (same.size() == all.size() ? "" : "; all: " + String.join(", ", all));
    }

    private static boolean checkNames(RouteBlock r, RouteBlock.RoutePath p, List<String> names, ModuleKind want,
                                      String role, Map<String, ModuleBlock> blocks, List<String> problems) {
        boolean ok = true;
        for (String n : names) {
            ModuleBlock b = blocks.get(n);
            String at = p.file() + ":" + p.line() + ": route " + r.name() + ": ";
            if (b == null) {
                problems.add(at + "unknown instance '" + n + "'" + hint(n, blocks));
                ok = false;
            } else if (b.kind() != want) {
                problems.add(at + "'" + n + "' is an <" + tag(b.kind()) + "> instance (" + b.location()
                        + "), it cannot be " + role + " of a Path");
                ok = false;
            }
        }
        return ok;
    }

    /** A pm_buffer feeds the one path after it: it may sit in one route path, once. */
    private static void onePathPerBuffer(RouteBlock r, RouteBlock.RoutePath p, Map<String, ModuleBlock> blocks,
                                         Map<String, String> buffersAt, List<String> problems) {
        for (String n : p.processors()) {
            ModuleBlock b = blocks.get(n);
            if (b != null && "pm_buffer".equalsIgnoreCase(b.moduleName())) {
                String at = p.file() + ":" + p.line();
                String first = buffersAt.putIfAbsent(n, at);
                if (first != null) {
                    problems.add(at + ": route " + r.name() + ": pm_buffer " + n + " is already in the path at "
                            + first + ": a buffer feeds the one path after it; give each path a pm_buffer of its own");
                }
            }
        }
    }

    private static String hint(String n, Map<String, ModuleBlock> blocks) {
        for (String k : blocks.keySet()) {
            if (k.equalsIgnoreCase(n)) {
                return " (did you mean '" + k + "'? instance names are case-sensitive)";
            }
        }
        return blocks.isEmpty() ? " (no instances are defined)"
                : " (defined: " + blocks.keySet().stream().collect(Collectors.joining(", ")) + ")";
    }

    private static String tag(ModuleKind k) {
        String s = k.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String kindWord(ModuleKind k) {
        return k.name().toLowerCase(Locale.ROOT);
    }

    private static String article(ModuleKind k) {
        String w = kindWord(k);
        return (w.startsWith("i") || w.startsWith("o") || w.startsWith("e") ? "an " : "a ") + w;
    }
}
