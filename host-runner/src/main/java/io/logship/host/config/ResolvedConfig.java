package io.logship.host.config;

import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleProvider;
import io.logship.lang.ExecProgram;
import java.util.List;

/**
 * A config that passed every check: each module block matched a provider, its directives validated,
 * and its module created; every route names known instances of the right kind.
 *
 * @param globals   the globals
 * @param instances the module instances in file order
 * @param routes    every route path, with instance names as written in the instances
 * @param warnings  problems that do not stop the agent, each starting with "file:line: " (e.g. an input or
 *                  output used in no route: like NXLog, it is left out of {@code instances} and not started)
 */
public record ResolvedConfig(Globals globals, List<Instance> instances, List<RouteBlock.RoutePath> routes,
                             List<String> warnings) {

    public ResolvedConfig {
        instances = List.copyOf(instances);
        routes = List.copyOf(routes);
        warnings = List.copyOf(warnings);
    }

    /** A config without warnings. */
    public ResolvedConfig(Globals globals, List<Instance> instances, List<RouteBlock.RoutePath> routes) {
        this(globals, instances, routes, List.of());
    }

    /**
     * @param block    the block as written
     * @param provider the provider that matched its Module directive
     * @param config   the validated directives
     * @param module   the created, not yet started, module
     * @param queueCapacity the block's {@code LogqueueSize} (outputs), or 0: the global one or the default
     * @param exec     the block's compiled statements ({@code Exec}, {@code <Exec>}, the module's own), run by
     *                 the host on each event in the instance's place in the route; {@link ExecProgram#EMPTY}
     *                 when none (an extension's go to the module itself, see {@link io.logship.lang.ExecTarget})
     * @param schedules the block's {@code <Schedule>}s
     * @param dropWhenFull an input with {@code FlowControl FALSE} (its own or the global one) whose provider
     *                 {@link ModuleProvider#mayDropWhenFull may drop}: an event that finds a full queue on its
     *                 route is dropped and counted instead of waiting
     */
    public record Instance(ModuleBlock block, ModuleProvider provider, ModuleConfig config, Module module,
                           int queueCapacity, ExecProgram exec, List<Schedule> schedules, boolean dropWhenFull) {
        public Instance {
            exec = exec == null ? ExecProgram.EMPTY : exec;
            schedules = schedules == null ? List.of() : List.copyOf(schedules);
        }

        /** An instance that waits when its route is full (FlowControl TRUE). */
        public Instance(ModuleBlock block, ModuleProvider provider, ModuleConfig config, Module module,
                        int queueCapacity, ExecProgram exec, List<Schedule> schedules) {
            this(block, provider, config, module, queueCapacity, exec, schedules, false);
        }

        /** An instance without statements. */
        public Instance(ModuleBlock block, ModuleProvider provider, ModuleConfig config, Module module,
                        int queueCapacity) {
            this(block, provider, config, module, queueCapacity, ExecProgram.EMPTY, List.of());
        }

        /** An instance without a LogqueueSize of its own. */
        public Instance(ModuleBlock block, ModuleProvider provider, ModuleConfig config, Module module) {
            this(block, provider, config, module, 0);
        }

        /** This instance with statements (for tests and programmatic use). */
        public Instance withExec(ExecProgram program, List<Schedule> scheduled) {
            return new Instance(block, provider, config, module, queueCapacity, program, scheduled, dropWhenFull);
        }

        /** This instance with {@code FlowControl FALSE} honoured or not (for tests and programmatic use). */
        public Instance withDropWhenFull(boolean drop) {
            return new Instance(block, provider, config, module, queueCapacity, exec, schedules, drop);
        }

        public String name() {
            return block.name();
        }
    }
}
