package io.logship.host.runtime;

import io.logship.api.InputModule;
import io.logship.api.LogshipException;
import io.logship.api.Module;
import io.logship.api.ModuleKind;
import io.logship.api.OutputModule;
import io.logship.api.ProcessorModule;
import io.logship.host.config.ResolvedConfig;
import io.logship.host.config.RouteBlock;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a resolved config: starts extensions, outputs, processors and inputs (in that order), routes
 * events through bounded per-output queues, commits input positions once every output on their routes
 * has flushed them, and stops in reverse order on SIGTERM/SIGINT, {@link #stop}, or (in {@link #runOnce})
 * when everything is caught up.
 */
public final class Agent {
    private static final Logger LOG = LoggerFactory.getLogger("logship.agent");

    private final ResolvedConfig config;
    private final RuntimeOptions options;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean stopRequested;
    private volatile boolean stopping;
    private volatile boolean running;
    private boolean used;
    /** System.nanoTime() when every output module had stopped (--once's second figure). */
    private long outputsStoppedNanos;

    // built by run()
    private final List<Started> started = new ArrayList<>();
    private final List<InputRunner> inputs = new ArrayList<>();
    private final List<OutputRunner> outputs = new ArrayList<>();
    private FileCheckpointStore store;

    private record Started(String kind, String name, Module module) {
    }

    public Agent(ResolvedConfig config) {
        this(config, RuntimeOptions.fromSystemProperties());
    }

    Agent(ResolvedConfig config, RuntimeOptions options) {
        this.config = config;
        Duration commit = config.globals().commitInterval();
        this.options = commit == null ? options : options.withCommitInterval(commit); // CacheFlushInterval
    }

    /**
     * Starts every module, routes events until SIGTERM/SIGINT or {@link #stop}, then flushes outputs,
     * commits positions and stops modules. Returns the process exit code.
     */
    public int runUntilStopped() {
        return run(false);
    }

    /**
     * {@code logship --once}: like {@link #runUntilStopped} but stops by itself once every input is caught
     * up (a read posted nothing), every queue is empty, and every output has flushed and positions are
     * committed. For batch jobs, the demo and benchmarks.
     */
    public int runOnce() {
        return run(true);
    }

    /** Asks a running agent to stop (as SIGTERM does). Safe from any thread. */
    public void stop() {
        stopRequested = true;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isRunning() {
        return running;
    }

    private int run(boolean once) {
        synchronized (this) {
            if (used) {
                throw new IllegalStateException("an Agent runs once; create a new one");
            }
            used = true;
        }
        Signals signals = options.handleSignals() ? Signals.install(this) : null;
        try {
            int code = startAll();
            if (code != 0) {
                return code;
            }
            running = true;
            controlLoop(once);
            int stopped = stopAll(signals);
            if (once) {
                logDelivery();
            }
            return stopped;
        } finally {
            running = false;
            if (signals != null) {
                signals.restore();
            }
        }
    }

    // ---- start ----

    private int startAll() {
        Path cacheDir = config.globals().cacheDir();
        Path spoolDir = config.globals().spoolDir();
        Path base = config.globals().configFile() == null ? Path.of(".")
                : config.globals().configFile().toAbsolutePath().getParent();
        if (cacheDir == null) {
            cacheDir = base.resolve("cache");
        }
        if (spoolDir == null) {
            spoolDir = base.resolve("spool");
        }
        try {
            Files.createDirectories(cacheDir);
            Files.createDirectories(spoolDir);
        } catch (IOException e) {
            LOG.error("cannot create CacheDir {} or SpoolDir {}: {}", cacheDir, spoolDir, e.toString());
            return 1;
        }
        store = new FileCheckpointStore(cacheDir);
        String hostname = hostname();

        List<ResolvedConfig.Instance> all = config.instances();
        int inputCount = (int) all.stream().filter(i -> kind(i) == ModuleKind.INPUT).count();
        Map<String, OutputRunner> outByName = new LinkedHashMap<>();
        Map<String, InputRunner> inByName = new LinkedHashMap<>();
        Map<String, InputRunner.Processor> procByName = new LinkedHashMap<>();
        List<ResolvedConfig.Instance> extensions = new ArrayList<>();
        List<ResolvedConfig.Instance> processors = new ArrayList<>();
        for (ResolvedConfig.Instance inst : all) {
            ModuleKind kind = kind(inst);
            String module = inst.provider().name();
            switch (kind) {
                case OUTPUT -> {
                    BaseContext ctx = new BaseContext(inst.name(), module, options.clock(), cacheDir, spoolDir,
                            hostname, () -> stopping);
                    RuntimeOptions own = options;
                    int capacity = inst.queueCapacity() > 0 ? inst.queueCapacity()
                            : config.globals().queueCapacity();
                    if (capacity > 0) {
                        own = options.withQueueCapacity(capacity); // LogqueueSize: the block's, else the global one
                    }
                    OutputRunner o = new OutputRunner(inst.name(), (OutputModule) inst.module(), ctx, own,
                            inputCount);
                    outputs.add(o);
                    outByName.put(inst.name(), o);
                }
                case INPUT -> {
                    Map<String, String> loaded;
                    try {
                        loaded = store.load(inst.name());
                    } catch (LogshipException e) {
                        LOG.error("input {}: {}", inst.name(), e.getMessage());
                        return 1;
                    }
                    InputRunner in = new InputRunner(inputs.size(), inst.name(), module, (InputModule) inst.module(),
                            options, cacheDir, spoolDir, hostname, () -> stopping, loaded);
                    inputs.add(in);
                    inByName.put(inst.name(), in);
                }
                case PROCESSOR -> {
                    processors.add(inst);
                    procByName.put(inst.name(), new InputRunner.Processor(inst.name(),
                            (ProcessorModule) inst.module()));
                }
                case EXTENSION -> extensions.add(inst);
                default -> throw new IllegalStateException("unknown kind " + kind);
            }
        }
        for (RouteBlock.RoutePath path : config.routes()) {
            List<InputRunner.Processor> procs = new ArrayList<>();
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

        // Start: extensions, outputs, processors, inputs. A failure stops what started, in reverse.
        try {
            for (ResolvedConfig.Instance ext : extensions) {
                BaseContext ctx = new BaseContext(ext.name(), ext.provider().name(), options.clock(), cacheDir,
                        spoolDir, hostname, () -> stopping);
                startModule("extension", ext.name(), ext.module(), ctx);
            }
            for (OutputRunner o : outputs) {
                startModule("output", o.name(), o.module(), o.context());
                o.start(); // its worker runs from now on, so even an input posting in start() is not stuck
            }
            for (ResolvedConfig.Instance p : processors) {
                BaseContext ctx = new BaseContext(p.name(), p.provider().name(), options.clock(), cacheDir,
                        spoolDir, hostname, () -> stopping);
                startModule("processor", p.name(), p.module(), ctx);
            }
            for (InputRunner in : inputs) {
                startModule("input", in.instanceName(), in.module(), in);
            }
        } catch (LogshipException | RuntimeException e) {
            stopping = true;
            drainOutputs(System.nanoTime() + options.stopTimeout().toNanos());
            stopStarted();
            return 1;
        }
        for (InputRunner in : inputs) {
            in.start();
        }
        LOG.info("logship started: {} input(s), {} output(s), {} processor(s), {} extension(s); positions in {}",
                inputs.size(), outputs.size(), processors.size(), extensions.size(),
                store.dir());
        return 0;
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

    private void startModule(String kind, String name, Module module, BaseContext ctx) throws LogshipException {
        try {
            module.start(ctx);
            started.add(new Started(kind, name, module));
            LOG.debug("{} {} ({}) started", kind, name, ctx.moduleName());
        } catch (LogshipException | RuntimeException e) {
            LOG.error("cannot start {} {} ({}): {}; logship is not starting", kind, name, ctx.moduleName(),
                    e.getMessage(), e);
            throw e;
        }
    }

    private void stopStarted() {
        for (int i = started.size() - 1; i >= 0; i--) {
            Started s = started.get(i);
            stopModule(s);
        }
        started.clear();
    }

    private static void stopModule(Started s) {
        try {
            s.module().stop();
        } catch (LogshipException | RuntimeException e) {
            LOG.error("{} {}: stop failed: {}", s.kind(), s.name(), e.getMessage(), e);
        }
    }

    // ---- run ----

    private void controlLoop(boolean once) {
        long now = System.nanoTime();
        long nextCommit = now + options.commitInterval().toNanos();
        long nextStats = now + options.statsInterval().toNanos();
        // CacheFlushInterval always (a zero interval) commits at every tick, 10 ms apart
        long tick = once ? TimeUnit.MILLISECONDS.toNanos(20)
                : Math.max(TimeUnit.MILLISECONDS.toNanos(10),
                        Math.min(TimeUnit.MILLISECONDS.toNanos(200), options.commitInterval().toNanos()));
        while (!stopRequested) {
            lock.lock();
            try {
                if (!stopRequested) {
                    changed.awaitNanos(tick);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("agent thread interrupted; stopping");
                break;
            } finally {
                lock.unlock();
            }
            now = System.nanoTime();
            if (now - nextCommit >= 0) {
                commitAll();
                nextCommit = now + options.commitInterval().toNanos();
            }
            if (now - nextStats >= 0) {
                logStats("stats");
                nextStats = now + options.statsInterval().toNanos();
            }
            if (once && caughtUp()) {
                LOG.info("--once: every input is caught up and every output has flushed; stopping");
                break;
            }
        }
        Thread.interrupted(); // the stop sequence below waits
    }

    /** For --once: every input caught up, every queue empty, every output flushed. */
    boolean caughtUp() {
        for (InputRunner in : inputs) {
            if (!in.isCaughtUp()) {
                return false;
            }
        }
        for (OutputRunner o : outputs) {
            if (!o.isIdle()) {
                return false;
            }
        }
        return true;
    }

    private boolean commitAll() {
        boolean ok = true;
        for (InputRunner in : inputs) {
            in.collapse();
            Map<String, String> snapshot = in.positionsToSave();
            if (snapshot == null) {
                continue;
            }
            try {
                store.save(in.instanceName(), snapshot);
                in.markSaved(snapshot);
            } catch (IOException e) {
                ok = false;
                LOG.error("input {}: cannot save positions: {}; retrying at the next commit", in.instanceName(),
                        e.toString());
            }
        }
        return ok;
    }

    /**
     * For --once (and bench/): the steady pipeline rate, from the first event any input posted to the last
     * flush that made events durable, and to the end of the outputs' stop (for outputs whose flush ends in
     * a spool, om_s3, that is when the events are at their destination), next to the wall time the caller
     * sees (JVM start included).
     */
    private void logDelivery() {
        long first = 0;
        long events = 0;
        for (InputRunner in : inputs) {
            long f = in.firstPostNanos();
            if (f != 0 && (first == 0 || f - first < 0)) {
                first = f;
            }
            events += in.postedCount();
        }
        long last = 0;
        for (OutputRunner o : outputs) {
            long l = o.lastDeliveryNanos();
            if (l != 0 && (last == 0 || l - last > 0)) {
                last = l;
            }
        }
        if (events == 0 || first == 0 || last == 0 || last - first <= 0) {
            LOG.info("--once: delivered {} events", events);
            return;
        }
        double secs = (last - first) / 1e9;
        double toStop = (outputsStoppedNanos - first) / 1e9;
        LOG.info(String.format(java.util.Locale.ROOT,
                "--once: delivered %d events in %.3f s (%.0f events/s), first event read to last flush;"
                        + " %.3f s (%.0f events/s) to the outputs' stop (what they send at stop included, such as"
                        + " om_s3's last uploads)", events, secs, events / secs, toStop, events / toStop));
    }

    private void logStats(String label) {
        for (InputRunner in : inputs) {
            LOG.info("{}: input {} ({}): {}{}", label, in.instanceName(), in.moduleName(), in.stats(),
                    moduleMetrics(in));
        }
        for (OutputRunner o : outputs) {
            LOG.info("{}: output {} ({}): {}{}", label, o.name(), o.context().moduleName(), o.stats(),
                    moduleMetrics(o.context()));
        }
    }

    private static String moduleMetrics(BaseContext ctx) {
        StringBuilder sb = new StringBuilder();
        ctx.simpleMetrics().counters().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        ctx.simpleMetrics().latencies().forEach((k, v) -> sb.append(' ').append(k).append("=[").append(v)
                .append(']'));
        return sb.toString();
    }

    // ---- stop ----

    private int stopAll(Signals signals) {
        long deadline = System.nanoTime() + options.stopTimeout().toNanos();
        if (signals != null) {
            signals.armWatchdog(options.stopTimeout().plusSeconds(5));
        }
        LOG.info("stopping: inputs first, then draining {} output queue(s)", outputs.size());
        stopping = true;
        boolean clean = true;
        try {
            // 1. inputs: post() now returns false; give reads a moment to return, then stop the modules.
            for (InputRunner in : inputs) {
                in.wakeUp();
            }
            long grace = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
            for (InputRunner in : inputs) {
                in.awaitFinished(grace);
            }
            for (int i = started.size() - 1; i >= 0; i--) {
                Started s = started.get(i);
                if (s.kind().equals("input")) {
                    stopModule(s);
                }
            }
            for (InputRunner in : inputs) {
                if (!in.awaitFinished(deadline)) {
                    clean = false;
                    LOG.error("input {}: read did not return within the stop timeout", in.instanceName());
                }
            }
            for (int i = started.size() - 1; i >= 0; i--) {
                Started s = started.get(i);
                if (s.kind().equals("processor")) {
                    stopModule(s);
                }
            }
            // 2. outputs: write what is queued, flush.
            if (!drainOutputs(deadline)) {
                clean = false;
            }
        } catch (InterruptedException e) {
            clean = false;
            LOG.error("interrupted while stopping; committing what was flushed");
            for (OutputRunner o : outputs) {
                o.abort();
            }
        }
        // 3. commit what every output flushed, 4. stop outputs and extensions.
        if (!commitAll()) {
            clean = false;
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            Started s = started.get(i);
            if (s.kind().equals("output") || s.kind().equals("extension")) {
                stopModule(s);
            }
        }
        outputsStoppedNanos = System.nanoTime();
        started.clear();
        logStats("final");
        LOG.info(clean ? "logship stopped" : "logship stopped with errors (see above)");
        if (signals != null) {
            signals.disarmWatchdog();
        }
        return clean ? 0 : 1;
    }

    /** Lets every output worker write what is queued and flush; abandons those not done by the deadline. */
    private boolean drainOutputs(long deadline) {
        boolean ok = true;
        for (OutputRunner o : outputs) {
            o.drain();
        }
        try {
            for (OutputRunner o : outputs) {
                if (!o.awaitFinished(deadline)) {
                    ok = false;
                    LOG.error("output {}: could not write and flush its {} queued event(s) within the stop timeout "
                            + "of {} s; they were not committed and are read again at the next start", o.name(),
                            o.queueSize(), options.stopTimeout().toSeconds());
                    o.abort();
                    o.awaitFinished(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            for (OutputRunner o : outputs) {
                o.abort();
            }
            return false;
        }
        return ok;
    }

    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        try {
            String h = InetAddress.getLocalHost().getHostName();
            if (h != null && !h.isBlank()) {
                return h;
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return env == null || env.isBlank() ? "localhost" : env;
    }

    // test access
    List<InputRunner> inputs() {
        return inputs;
    }

    List<OutputRunner> outputs() {
        return outputs;
    }
}
