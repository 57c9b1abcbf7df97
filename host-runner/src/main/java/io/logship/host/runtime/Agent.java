package io.logship.host.runtime;

import io.logship.api.LogshipException;
import io.logship.api.Module;
import io.logship.host.config.ResolvedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    /** Memory pm_buffers, those upstream of others first. */
    private final List<MemStage> stages = new ArrayList<>();
    private FileCheckpointStore store;
    private Scheduler scheduler;
    private final List<RateLimitedErrors> execErrors = new ArrayList<>();
    private final RunReport report = new RunReport(LOG, inputs, outputs, stages);

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
                report.delivery(outputsStoppedNanos);
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
        Topology.Environment env = new Topology.Environment(options, cacheDir, spoolDir, LocalHost.name(),
                () -> stopping);
        Topology topology;
        try {
            topology = Topology.build(config, env, store);
        } catch (LogshipException e) {
            LOG.error("{}", e.getMessage());
            return 1;
        }
        outputs.addAll(topology.outputs());
        inputs.addAll(topology.inputs());
        stages.addAll(topology.stages());
        List<ResolvedConfig.Instance> extensions = topology.extensions();
        List<ResolvedConfig.Instance> processors = topology.processors();

        // Start: extensions, outputs, processors, inputs. A failure stops what started, in reverse.
        try {
            for (ResolvedConfig.Instance ext : extensions) {
                startModule("extension", ext.name(), ext.module(), topology.contextOf(ext));
            }
            for (OutputRunner o : outputs) {
                startModule("output", o.name(), o.module(), o.context());
                o.start(); // its worker runs from now on, so even an input posting in start() is not stuck
            }
            for (MemStage m : stages) {
                m.start();
            }
            for (ResolvedConfig.Instance p : processors) {
                startModule("processor", p.name(), p.module(), topology.contextOf(p));
            }
            for (InputRunner in : inputs) {
                startModule("input", in.instanceName(), in.module(), in);
            }
        } catch (LogshipException | RuntimeException e) {
            stopping = true;
            stages.forEach(MemStage::abort); // nothing they hold is committed
            Drains.outputs(outputs, System.nanoTime() + options.stopTimeout().toNanos(), options.stopTimeout());
            stopStarted();
            return 1;
        }
        for (InputRunner in : inputs) {
            in.start();
        }
        scheduler = topology.scheduler();
        execErrors.addAll(topology.execErrors());
        scheduler.start();
        LOG.info("logship started: {} input(s), {} output(s), {} processor(s), {} extension(s); positions in {}",
                inputs.size(), outputs.size(), processors.size(), extensions.size(),
                store.dir());
        return 0;
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
            for (InputRunner in : inputs) {
                in.tickDrops();
            }
            if (now - nextCommit >= 0) {
                commitAll();
                flushExecErrors(false);
                nextCommit = now + options.commitInterval().toNanos();
            }
            if (now - nextStats >= 0) {
                report.stats("stats");
                nextStats = now + options.statsInterval().toNanos();
            }
            if (once && caughtUp()) {
                LOG.info("--once: every input is caught up and every output has flushed; stopping");
                break;
            }
        }
        Thread.interrupted(); // the stop sequence below waits
    }

    /** For --once: see {@link CatchUp}. */
    boolean caughtUp() {
        return CatchUp.caughtUp(inputs, stages, outputs);
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
            if (scheduler != null) {
                scheduler.stop();
                if (!scheduler.awaitFinished(deadline)) {
                    clean = false;
                    LOG.error("a <Schedule>'s statements did not return within the stop timeout");
                }
            }
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
            for (InputRunner in : inputs) {
                in.finishDrops();
            }
            for (int i = started.size() - 1; i >= 0; i--) {
                Started s = started.get(i);
                if (s.kind().equals("processor")) {
                    stopModule(s);
                }
            }
            // 2. memory pm_buffers pass on what they hold, 3. outputs write what is queued, flush.
            if (!Drains.stages(stages, deadline)) {
                clean = false;
            }
            if (!Drains.outputs(outputs, deadline, options.stopTimeout())) {
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
        flushExecErrors(true);
        report.stats("final");
        LOG.info(clean ? "logship stopped" : "logship stopped with errors (see above)");
        if (signals != null) {
            signals.disarmWatchdog();
        }
        return clean ? 0 : 1;
    }

    private void flushExecErrors(boolean all) {
        for (RateLimitedErrors e : execErrors) {
            e.flush(all);
        }
    }

    // test access
    List<InputRunner> inputs() {
        return inputs;
    }

    List<OutputRunner> outputs() {
        return outputs;
    }

    /** The scheduler once started (null before). */
    Scheduler scheduler() {
        return scheduler;
    }
}
