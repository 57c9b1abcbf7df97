package io.logship.host.runtime;

import io.logship.api.Extensions;
import io.logship.api.InputModule;
import io.logship.api.LogshipException;
import io.logship.api.ModuleKind;
import io.logship.api.OutputModule;
import io.logship.api.ProcessorModule;
import io.logship.host.config.ResolvedConfig;
import io.logship.host.config.Schedule;
import io.logship.lang.ExecEnvironment;
import java.time.Duration;
import java.time.ZoneId;
import io.logship.host.config.RouteBlock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What a resolved config becomes before anything starts: a runner per output (with its queue) and per input
 * (with the positions committed for it), the processors and extensions, and every input wired to the
 * processors and outputs of the routes that name it. Builds; starts nothing.
 */
record Topology(List<OutputRunner> outputs, List<InputRunner> inputs, List<ResolvedConfig.Instance> processors,
                List<ResolvedConfig.Instance> extensions, Map<String, BaseContext> contexts, Scheduler scheduler,
                List<RateLimitedErrors> execErrors) {

    /** How often a statement that keeps failing is logged again (with the count since). */
    static final Duration EXEC_ERROR_INTERVAL = Duration.ofSeconds(60);

    /** Where runners and contexts find what the host gives every module. */
    record Environment(RuntimeOptions options, Path cacheDir, Path spoolDir, String hostname,
                       BooleanSupplier stopping, Map<String, Extensions.Instance> extensions) {
        /** An environment whose extension instances {@link Topology#build} fills in. */
        Environment(RuntimeOptions options, Path cacheDir, Path spoolDir, String hostname, BooleanSupplier stopping) {
            this(options, cacheDir, spoolDir, hostname, stopping, new LinkedHashMap<>());
        }

        BaseContext context(ResolvedConfig.Instance inst) {
            return new BaseContext(inst.name(), inst.provider().name(), options.clock(), cacheDir, spoolDir, hostname,
                    stopping).withExtensions(extensions);
        }

        /** The language's environment of one instance: its name, logger, metrics; the host's clock and zone. */
        ExecEnvironment exec(BaseContext ctx, List<RateLimitedErrors> all) {
            RateLimitedErrors errors = new RateLimitedErrors(ctx.instanceName(), ctx.logger(), ctx.metrics(),
                    System::nanoTime, EXEC_ERROR_INTERVAL);
            all.add(errors);
            return new ExecEnvironment(ctx.instanceName(), ctx.moduleName(), ctx.logger(), ctx.clock(),
                    ZoneId.systemDefault(), ctx.hostname(), ctx.metrics(), errors);
        }
    }

    /** The context of a processor or extension (the one its statements count errors in). */
    BaseContext contextOf(ResolvedConfig.Instance inst) {
        return contexts.get(inst.name());
    }

    /**
     * @throws LogshipException when an input's committed positions cannot be read (the message names the input)
     */
    static Topology build(ResolvedConfig config, Environment env, FileCheckpointStore store) throws LogshipException {
        List<ResolvedConfig.Instance> all = config.instances();
        int inputCount = (int) all.stream().filter(i -> kind(i) == ModuleKind.INPUT).count();
        Map<String, OutputRunner> outByName = new LinkedHashMap<>();
        Map<String, InputRunner> inByName = new LinkedHashMap<>();
        Map<String, RouteProcessor> procByName = new LinkedHashMap<>();
        Topology t = new Topology(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new LinkedHashMap<>(), new Scheduler(env.options().clock(), ZoneId.systemDefault()),
                new ArrayList<>());
        for (ResolvedConfig.Instance inst : all) {
            if (kind(inst) == ModuleKind.EXTENSION) { // any module may name one (InputType multiline)
                env.extensions().put(inst.name(), new Extensions.Instance(inst.provider().name(), inst.module()));
            }
        }
        for (ResolvedConfig.Instance inst : all) {
            ModuleKind kind = kind(inst);
            switch (kind) {
                case OUTPUT -> {
                    RuntimeOptions own = env.options();
                    int capacity = inst.queueCapacity() > 0 ? inst.queueCapacity()
                            : config.globals().queueCapacity();
                    if (capacity > 0) {
                        own = own.withQueueCapacity(capacity); // LogqueueSize: the block's, else the global one
                    }
                    BaseContext ctx = env.context(inst);
                    OutputRunner o = new OutputRunner(inst.name(), (OutputModule) inst.module(), ctx,
                            own, inputCount);
                    ExecEnvironment ee = env.exec(ctx, t.execErrors());
                    o.exec(InstanceExec.of(inst.exec(), ee));
                    t.schedule(inst, ee);
                    t.outputs().add(o);
                    outByName.put(inst.name(), o);
                }
                case INPUT -> {
                    Map<String, String> loaded;
                    try {
                        loaded = store.load(inst.name());
                    } catch (LogshipException e) {
                        throw new LogshipException("input " + inst.name() + ": " + e.getMessage(), e);
                    }
                    InputRunner in = new InputRunner(t.inputs().size(), inst.name(), inst.provider().name(),
                            (InputModule) inst.module(), env.options(), env.cacheDir(), env.spoolDir(), env.hostname(),
                            env.stopping(), loaded);
                    in.withExtensions(env.extensions());
                    if (inst.dropWhenFull()) {
                        in.dropWhenFull(FullQueueDrops.QUIET);
                    }
                    ExecEnvironment ee = env.exec(in, t.execErrors());
                    in.exec(InstanceExec.of(inst.exec(), ee));
                    t.schedule(inst, ee);
                    t.inputs().add(in);
                    inByName.put(inst.name(), in);
                }
                case PROCESSOR -> {
                    BaseContext ctx = env.context(inst);
                    t.contexts().put(inst.name(), ctx);
                    ExecEnvironment ee = env.exec(ctx, t.execErrors());
                    t.schedule(inst, ee);
                    t.processors().add(inst);
                    procByName.put(inst.name(), new RouteProcessor(inst.name(),
                            (ProcessorModule) inst.module(), InstanceExec.of(inst.exec(), ee)));
                }
                case EXTENSION -> {
                    BaseContext ctx = env.context(inst);
                    t.contexts().put(inst.name(), ctx);
                    t.schedule(inst, env.exec(ctx, t.execErrors()));
                    t.extensions().add(inst);
                }
                default -> throw new IllegalStateException("unknown kind " + kind);
            }
        }
        for (RouteBlock.RoutePath path : config.routes()) {
            List<RouteProcessor> procs = new ArrayList<>();
            for (String p : path.processors()) {
                procs.add(lookup(procByName, p, "processor", path));
            }
            List<OutputRunner> outs = new ArrayList<>();
            for (String o : path.outputs()) {
                outs.add(lookup(outByName, o, "output", path));
            }
            for (String i : path.inputs()) {
                lookup(inByName, i, "input", path).addTarget(procs, outs);
            }
        }
        return t;
    }

    /** The instance's {@code <Schedule>}s, on the scheduler, in the instance's environment. */
    private void schedule(ResolvedConfig.Instance inst, ExecEnvironment ee) {
        for (Schedule s : inst.schedules()) {
            scheduler.add(inst.name(), s, new InstanceExec(s.program(), ee));
        }
    }

    private static ModuleKind kind(ResolvedConfig.Instance inst) {
        if (inst.block() != null && inst.block().kind() != null) {
            return inst.block().kind();
        }
        return inst.provider().kind();
    }

    private static <T> T lookup(Map<String, T> byName, String name, String what, RouteBlock.RoutePath path) {
        T t = byName.get(name);
        if (t == null) {
            for (Map.Entry<String, T> e : byName.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            throw new IllegalStateException(path.file() + ":" + path.line() + ": route names unknown " + what + " "
                    + name);
        }
        return t;
    }
}
