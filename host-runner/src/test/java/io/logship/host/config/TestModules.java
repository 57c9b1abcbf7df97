package io.logship.host.config;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.ExtensionModule;
import io.logship.api.InputModule;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import io.logship.api.OutputModule;
import io.logship.api.ProcessorModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Small module providers for config tests (also registered in the test META-INF/services file). */
public final class TestModules {
    private TestModules() {
    }

    public static List<ModuleProvider> all() {
        return List.of(new In(), new Out(), new Proc(), new Ext());
    }

    public static ModuleRegistry registry() {
        try {
            return new ModuleRegistry(all());
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    /** The module created for an instance; keeps its config for assertions. */
    public record Created(ModuleConfig config) implements InputModule, OutputModule, ProcessorModule,
            ExtensionModule {
        @Override
        public void read(io.logship.api.InputContext context) {
        }

        @Override
        public void write(io.logship.api.Event event) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void process(io.logship.api.Event event, java.util.function.Consumer<io.logship.api.Event> emit) {
            emit.accept(event);
        }
    }

    public static final class In implements ModuleProvider {
        public static final Directive<Path> FILE = Directive.path("File").required().repeatable()
                .withDoc("Files to read | globs allowed.");
        public static final Directive<Duration> POLL = Directive.duration("PollInterval")
                .withDefault(Duration.ofSeconds(1)).withDoc("How often to look.");
        public static final Directive<Boolean> SAVE_POS = Directive.bool("SavePos").withDefault(true)
                .withDoc("Keep positions.");
        public static final Directive<String> TOKEN = Directive.string("Token").secret().withDoc("A secret.");
        public static final Directive<Boolean> BROKEN = Directive.bool("Broken").withDefault(false)
                .withDoc("TRUE makes create() fail.");

        @Override
        public String name() {
            return "im_test";
        }

        @Override
        public Set<String> aliases() {
            return Set.of("im_testing");
        }

        @Override
        public ModuleKind kind() {
            return ModuleKind.INPUT;
        }

        @Override
        public String description() {
            return "test input";
        }

        @Override
        public List<Directive<?>> directives() {
            return List.of(FILE, POLL, SAVE_POS, TOKEN, BROKEN);
        }

        @Override
        public Module create(ModuleConfig config) throws ConfigException {
            if (config.get(BROKEN)) {
                throw config.problem(BROKEN, "cannot be TRUE");
            }
            return new Created(config);
        }
    }

    public static class Out implements ModuleProvider {
        public static final Directive<Path> FILE = Directive.path("File").required().withDoc("Where to write.");
        public static final Directive<Long> MAX_SIZE = Directive.size("MaxSize").withDefault(1024L)
                .withDoc("Largest file.");

        @Override
        public String name() {
            return "om_test";
        }

        @Override
        public ModuleKind kind() {
            return ModuleKind.OUTPUT;
        }

        @Override
        public String description() {
            return "test output";
        }

        @Override
        public List<Directive<?>> directives() {
            return List.of(FILE, MAX_SIZE);
        }

        @Override
        public Module create(ModuleConfig config) {
            return new Created(config);
        }
    }

    public static final class Proc implements ModuleProvider {
        @Override
        public String name() {
            return "pm_test";
        }

        @Override
        public ModuleKind kind() {
            return ModuleKind.PROCESSOR;
        }

        @Override
        public String description() {
            return "test processor";
        }

        @Override
        public List<Directive<?>> directives() {
            return List.of();
        }

        @Override
        public Module create(ModuleConfig config) {
            return new Created(config);
        }
    }

    public static final class Ext implements ModuleProvider {
        @Override
        public String name() {
            return "xm_test";
        }

        @Override
        public ModuleKind kind() {
            return ModuleKind.EXTENSION;
        }

        @Override
        public String description() {
            return "test extension";
        }

        @Override
        public List<Directive<?>> directives() {
            return List.of();
        }

        @Override
        public Module create(ModuleConfig config) {
            return new Created(config);
        }
    }

    /**
     * {@code xm_testlib}: an extension adding {@code shout(s)} (upper case, a function) and {@code stamp()} (a
     * procedure setting {@code $stamped} to the instance's {@code Tag}), stand-ins named {@code parse_json()} and
 * {@code to_json()}, and taking its block's Exec.
     */
    public static final class LibExt implements ModuleProvider {
        public static final Directive<String> TAG = Directive.string("Tag").withDefault("t").withDoc("Stamp value.");

        @Override
        public String name() {
            return "xm_testlib";
        }

        @Override
        public ModuleKind kind() {
            return ModuleKind.EXTENSION;
        }

        @Override
        public String description() {
            return "test extension with functions";
        }

        @Override
        public List<Directive<?>> directives() {
            return List.of(TAG);
        }

        @Override
        public Module create(ModuleConfig config) {
            return new Library(config.get(TAG));
        }
    }

    /** The instance of {@code xm_testlib}. */
    public static final class Library implements ExtensionModule, io.logship.lang.ExecLibrary,
            io.logship.lang.ExecTarget {
        private final String tag;
        public volatile io.logship.lang.ExecProgram program;

        Library(String tag) {
            this.tag = tag;
        }

        @Override
        public List<io.logship.lang.ExecFunction> execFunctions() {
            return List.of(
                    io.logship.lang.ExecFunction.function("shout", 1, 1, "string", "upper case",
                            (ctx, args) -> args[0] == null ? null : args[0].toString().toUpperCase()),
                    io.logship.lang.ExecFunction.procedure("stamp", 0, 0, "sets $stamped",
                            (ctx, args) -> {
                                ctx.requireEvent().set("stamped", tag);
                                return null;
                            }),
                    // stand-ins with the names pm_transformer maps JSON to
                    io.logship.lang.ExecFunction.procedure("parse_json", 0, 0, "sets $parsed",
                            (ctx, args) -> {
                                ctx.requireEvent().set("parsed", ctx.requireEvent().raw());
                                return null;
                            }),
                    io.logship.lang.ExecFunction.procedure("to_json", 0, 0, "rewrites $raw_event",
                            (ctx, args) -> {
                                ctx.requireEvent().set("raw_event", "{" + ctx.requireEvent().get("parsed") + "}");
                                return null;
                            }));
        }

        @Override
        public void execProgram(io.logship.lang.ExecProgram p) {
            this.program = p;
        }
    }
}
