package io.logship.host.runtime;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import io.logship.host.config.ModuleConfigs;
import io.logship.host.config.Globals;
import io.logship.host.config.ModuleBlock;
import io.logship.host.config.ResolvedConfig;
import io.logship.host.config.RouteBlock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@link ResolvedConfig} from in-test modules, as the parser would. */
final class TestPipeline {
    private final Path dir;
    private final List<ResolvedConfig.Instance> instances = new ArrayList<>();
    private final List<RouteBlock.RoutePath> routes = new ArrayList<>();
    private int globalQueue;
    private Duration commitInterval;

    TestPipeline(Path dir) {
        this.dir = dir;
    }

    Path cacheDir() {
        return dir.resolve("cache");
    }

    TestPipeline input(String name, Module m) {
        return add(ModuleKind.INPUT, "im_test", name, m);
    }

    /** An input with {@code FlowControl FALSE} whose provider may drop. */
    TestPipeline droppingInput(String name, Module m) {
        input(name, m);
        instances.add(instances.remove(instances.size() - 1).withDropWhenFull(true));
        return this;
    }

    TestPipeline output(String name, Module m) {
        return add(ModuleKind.OUTPUT, "om_test", name, m);
    }

    /** An output whose block says {@code LogqueueSize capacity}. */
    TestPipeline output(String name, Module m, int capacity) {
        add(ModuleKind.OUTPUT, "om_test", name, m);
        ResolvedConfig.Instance i = instances.remove(instances.size() - 1);
        instances.add(new ResolvedConfig.Instance(i.block(), i.provider(), i.config(), i.module(), capacity));
        return this;
    }

    /** The global {@code LogqueueSize}. */
    TestPipeline logqueueSize(int n) {
        globalQueue = n;
        return this;
    }

    /** The global {@code CacheFlushInterval} (zero: always). */
    TestPipeline cacheFlushInterval(Duration d) {
        commitInterval = d;
        return this;
    }

    TestPipeline processor(String name, Module m) {
        return add(ModuleKind.PROCESSOR, "pm_test", name, m);
    }

    /** A real pm_buffer, its directives as name/value pairs ("Type", "Disk", "MaxSize", "64"). */
    TestPipeline buffer(String name, String... directives) {
        ModuleProvider p = new io.logship.host.buffer.BufferProvider();
        try {
            ModuleConfig c = ModuleConfigs.of(p, name, dir, cacheDir(), dir.resolve("spool"), directives);
            ModuleBlock block = new ModuleBlock(ModuleKind.PROCESSOR, name, p.name(), List.of(), "test.conf",
                    instances.size() + 1, dir);
            instances.add(new ResolvedConfig.Instance(block, p, c, p.create(c)));
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    Path spoolDir() {
        return dir.resolve("spool");
    }

    TestPipeline extension(String name, Module m) {
        return add(ModuleKind.EXTENSION, "xm_test", name, m);
    }

    TestPipeline route(List<String> ins, List<String> procs, List<String> outs) {
        routes.add(new RouteBlock.RoutePath(ins, procs, outs, "test.conf", routes.size() + 1));
        return this;
    }

    TestPipeline route(String in, String out) {
        return route(List.of(in), List.of(), List.of(out));
    }

    ResolvedConfig build() {
        Globals g = new Globals(dir.resolve("test.conf"), cacheDir(), dir.resolve("spool"), null, "INFO", null,
                globalQueue, commitInterval);
        return new ResolvedConfig(g, List.copyOf(instances), List.copyOf(routes));
    }

    /** Options for fast tests: small intervals, no signal handling. */
    static RuntimeOptions options() {
        return new RuntimeOptions(Clock.systemUTC(), 1000, 1000, Duration.ofMillis(50), Duration.ofMillis(20),
                Duration.ofSeconds(10), Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(3600),
                false);
    }

    private TestPipeline add(ModuleKind kind, String moduleName, String name, Module m) {
        ModuleProvider p = new Provider(moduleName, kind, m);
        try {
            ModuleConfig c = ModuleConfigs.of(p, name, dir, cacheDir(), dir.resolve("spool"));
            ModuleBlock block = new ModuleBlock(kind, name, moduleName, List.of(), "test.conf",
                    instances.size() + 1, dir);
            instances.add(new ResolvedConfig.Instance(block, p, c, p.create(c)));
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    private record Provider(String name, ModuleKind kind, Module module) implements ModuleProvider {
        @Override
        public String description() {
            return "test module";
        }

        @Override
        public List<Directive<?>> directives() {
            return List.of();
        }

        @Override
        public Module create(ModuleConfig config) {
            return module;
        }
    }
}
