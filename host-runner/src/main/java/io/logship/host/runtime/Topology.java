package io.logship.host.runtime;

import io.logship.api.Extensions;
import io.logship.api.InputModule;
import io.logship.api.LogshipException;
import io.logship.api.ModuleKind;
import io.logship.api.OutputModule;
import io.logship.api.ProcessorModule;
import io.logship.host.buffer.PmBuffer;
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
                List<RateLimitedErrors> execErrors, List<MemStage> stages) {

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
        // a disk pm_buffer's replaying side is an input of its own
        int inputCount = (int) all.stream().filter(i -> kind(i) == ModuleKind.INPUT
                || i.module() instanceof PmBuffer b && b.isDisk()).count();
        Map<String, Object> buffers = new LinkedHashMap<>(); // name -> MemStage, or DiskSides
        Map<String, OutputRunner> outByName = new LinkedHashMap<>();
        Map<String, InputRunner> inByName = new LinkedHashMap<>();
        Map<String, RouteProcessor> procByName = new LinkedHashMap<>();
        Topology t = new Topology(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new LinkedHashMap<>(), new Scheduler(env.options().clock(), ZoneId.systemDefault()),
                new ArrayList<>(), new ArrayList<>());
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
                    if (inst.module() instanceof PmBuffer b) {
                        t.buffer(inst, b, config, env, store, inputCount, buffers);
                        continue;
                    }
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
            wire(path, procByName, outByName, inByName, buffers);
        }
        t.stages().sort(java.util.Comparator.comparingLong(s -> t.stages().stream()
                .filter(o -> o.downstream().contains(s)).count())); // upstream buffers drain first
        return t;
    }

    /** The two sides of a disk pm_buffer: the output the path before it writes to, the input that replays. */
    private record DiskSides(OutputRunner writer, InputRunner reader) {
    }

    /** A pm_buffer: a memory stage, or a disk buffer's writer (an output) and reader (an input). */
    private void buffer(ResolvedConfig.Instance inst, PmBuffer b, ResolvedConfig config, Environment env,
                        FileCheckpointStore store, int inputCount, Map<String, Object> buffers)
            throws LogshipException {
        BaseContext ctx = env.context(inst);
        contexts.put(inst.name(), ctx);
        ExecEnvironment ee = env.exec(ctx, execErrors);
        schedule(inst, ee);
        processors.add(inst);
        if (!b.isDisk()) {
            MemStage stage = new MemStage(b, inputCount);
            stage.exec(InstanceExec.of(inst.exec(), ee)); // on each event it passes on
            stages.add(stage);
            buffers.put(inst.name(), stage);
            return;
        }
        RuntimeOptions own = env.options();
        int capacity = inst.queueCapacity() > 0 ? inst.queueCapacity() : config.globals().queueCapacity();
        if (capacity > 0) {
            own = own.withQueueCapacity(capacity);
        }
        OutputRunner writer = new OutputRunner(inst.name(), b.diskWriter(), ctx, own, inputCount);
        outputs.add(writer);
        Map<String, String> loaded;
        try {
            loaded = store.load(inst.name());
        } catch (LogshipException e) {
            throw new LogshipException("pm_buffer " + inst.name() + ": " + e.getMessage(), e);
        }
        b.committedAtStart(loaded.get(""));
        InputRunner reader = new InputRunner(inputs.size(), inst.name(), inst.provider().name(), b.diskReader(),
                env.options(), env.cacheDir(), env.spoolDir(), env.hostname(), env.stopping(), loaded);
        reader.withExtensions(env.extensions());
        reader.markBufferReplay();
        reader.unreadWhen(b::hasUnread); // what the writer flushed since the reader's last read
        reader.exec(InstanceExec.of(inst.exec(), env.exec(reader, execErrors))); // on each event it replays
        inputs.add(reader);
        buffers.put(inst.name(), new DiskSides(writer, reader));
    }

    /**
     * One route path: its processors split at each pm_buffer; the part after the last buffer ends in the
     * path's outputs, each part before a buffer ends in that buffer (its memory stage, or its disk writer), and
     * each buffer feeds the part after it.
     */
    private static void wire(RouteBlock.RoutePath path, Map<String, RouteProcessor> procByName,
                             Map<String, OutputRunner> outByName, Map<String, InputRunner> inByName,
                             Map<String, Object> buffers) throws LogshipException {
        List<List<RouteProcessor>> parts = new ArrayList<>();
        parts.add(new ArrayList<>());
        List<Object> bufs = new ArrayList<>();
        for (String p : path.processors()) {
            Object b = byName(buffers, p);
            if (b != null) {
                bufs.add(b);
                parts.add(new ArrayList<>());
            } else {
                parts.get(parts.size() - 1).add(lookup(procByName, p, "processor", path));
            }
        }
        List<Sink> after = new ArrayList<>();
        for (String o : path.outputs()) {
            after.add(lookup(outByName, o, "output", path));
        }
        for (int k = bufs.size() - 1; k >= 0; k--) {
            List<RouteProcessor> procsAfter = parts.get(k + 1);
            if (bufs.get(k) instanceof DiskSides d) {
                if (d.reader().hasTargets()) {
                    throw new LogshipException(BufferPaths.reused(path, d.writer().name()));
                }
                d.reader().addTarget(procsAfter, after);
                after = List.of(d.writer());
            } else {
                MemStage m = (MemStage) bufs.get(k);
                if (!m.downstream().isEmpty()) {
                    throw new LogshipException(BufferPaths.reused(path, m.name()));
                }
                m.target(procsAfter, after);
                after = List.of(m);
            }
        }
        for (String i : path.inputs()) {
            lookup(inByName, i, "input", path).addTarget(parts.get(0), after);
        }
    }

    private static Object byName(Map<String, Object> buffers, String name) {
        Object b = buffers.get(name);
        if (b == null) {
            for (Map.Entry<String, Object> e : buffers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
        }
        return b;
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
