package io.logship.host.runtime;

import io.logship.api.Event;
import io.logship.api.Fields;
import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.api.LogshipException;
import io.logship.api.Position;
import io.logship.api.RetriableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One input: its {@link InputContext}, the thread that calls {@link InputModule#read} when the scheduled
 * read fires, the routes its events take, and its checkpoint bookkeeping.
 *
 * <p>Every posted event gets the next sequence number. Events that carry a {@link Position} are remembered
 * as (seq, position) until every output the input feeds has flushed them; {@link #collapse} folds them into
 * the committable map (per stream, the newest value at or below the commit point). The commit point is the
 * highest sequence number such that every output holding events of this input has flushed them.
 */
final class InputRunner extends BaseContext implements InputContext {
    private static final Logger LOG = LoggerFactory.getLogger("logship.agent");
    private static final int COLLAPSE_EVERY = 1024;

    private final int index;
    private final InputModule module;
    private final RuntimeOptions options;
    private final BooleanSupplier stopping;
    /** What was last persisted (at start: what was loaded); replaced on every save. */
    private volatile Map<String, String> committedAtStart;
    private final RouteTargets targets = new RouteTargets();
    private boolean bufferReplay;
    private BooleanSupplier hasUnread = () -> false;
    private final LongAdder postedCount = new LongAdder();
    private final LongAdder readErrors = new LongAdder();

    // post side, guarded by postLock
    private final Object postLock = new Object();
    private long seq;
    private volatile long posted;
    /** System.nanoTime() of the first post; 0 before it. */
    private volatile long firstPostNanos;
    private long postedThisRead;
    private boolean holdsRecordsThisRead;

    private final PendingPositions positions;
    /** The block's statements, run on each posted event before routing (null: none). */
    private InstanceExec exec;
    private final LongAdder droppedCount = new LongAdder();

    // scheduling, guarded by lock
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean hasNextRead;
    private long nextReadAt;
    private Duration requested;
    private volatile boolean reading;
    private volatile boolean caughtUp;
    private volatile long readsDone;
    private Thread thread;

    InputRunner(int index, String instanceName, String moduleName, InputModule module, RuntimeOptions options,
                Path cacheDir, Path spoolDir, String hostname, BooleanSupplier stopping,
                Map<String, String> committedAtStart) {
        super(instanceName, moduleName, options.clock(), cacheDir, spoolDir, hostname, stopping);
        this.index = index;
        this.module = module;
        this.options = options;
        this.stopping = stopping;
        this.committedAtStart = Map.copyOf(committedAtStart);
        this.positions = new PendingPositions(committedAtStart);
    }

    int index() {
        return index;
    }

    InputModule module() {
        return module;
    }

    void exec(InstanceExec e) {
        this.exec = e;
    }

    /** FlowControl FALSE: from now on an event that finds a full queue is dropped and counted, not waited for. */
    void dropWhenFull(Duration quiet) {
        targets.dropWhenFull(instanceName(), LOG, metrics(), quiet);
    }

    /** Ends a burst of drops that has been quiet long enough (the agent's thread). */
    void tickDrops() {
        FullQueueDrops d = targets.drops();
        if (d != null) {
            d.tick();
        }
    }

    /** Reports an open burst of drops (at stop). */
    void finishDrops() {
        FullQueueDrops d = targets.drops();
        if (d != null) {
            d.finish();
        }
    }

    /** Events dropped because a queue was full (FlowControl FALSE); 0 for an input that waits. */
    long fullDropped() {
        FullQueueDrops d = targets.drops();
        return d == null ? 0 : d.total();
    }

    /** Marks this runner as a disk pm_buffer's replaying side: its events are counted where they were read. */
    void markBufferReplay() {
        bufferReplay = true;
    }

    boolean isBufferReplay() {
        return bufferReplay;
    }

    /** Whether a route path starts at this input (a disk pm_buffer's replaying side feeds one path only). */
    boolean hasTargets() {
        return targets.size() > 0;
    }

    /** A route path from this input: its processors, then the sinks it ends in. */
    void addTarget(List<RouteProcessor> processors, List<? extends Sink> sinks) {
        targets.add(processors, sinks);
    }

    // ---- InputContext ----

    @Override
    public boolean post(Event event) throws InterruptedException {
        Objects.requireNonNull(event, "event");
        synchronized (postLock) {
            if (stopping.getAsBoolean()) {
                return false;
            }
            event.setIfAbsent(Fields.SOURCE_MODULE_NAME, instanceName());
            event.setIfAbsent(Fields.SOURCE_MODULE_TYPE, moduleName());
            if (!event.has(Fields.EVENT_RECEIVED_TIME)) {
                event.set(Fields.EVENT_RECEIVED_TIME, clock().instant()); // the clock only when needed
            }
            event.setIfAbsent(Fields.HOSTNAME, hostname());
            long s = ++seq;
            Position p = event.position();
            if (p != null) {
                positions.remember(s, p);
            }
            if (firstPostNanos == 0) {
                firstPostNanos = System.nanoTime();
            }
            if (exec != null && !exec.keep(event)) {
                // dropped: routed nowhere, but seq s (and its position) is committed like a delivered one
                droppedCount.increment();
            } else if (!targets.dispatch(this, event, s, stopping)) {
                return false; // stopped while blocked: seq s is never committed
            }
            posted = s;
            postedThisRead++;
            postedCount.increment();
            if ((s & (COLLAPSE_EVERY - 1)) == 0) {
                collapse();
            }
            return true;
        }
    }

    @Override
    public void holdsRecordsUntilIdle() {
        holdsRecordsThisRead = true;
    }

    @Override
    public void scheduleRead(Duration delay) {
        Duration d = delay == null || delay.isNegative() ? Duration.ZERO : delay;
        lock.lock();
        try {
            requested = d;
            hasNextRead = true;
            nextReadAt = System.nanoTime() + d.toNanos();
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Map<String, String> committedPositions() {
        return committedAtStart;
    }

    // ---- checkpoints ----

    /** The highest seq every output on this input's routes has flushed (all seq <= it are delivered). */
    long commitPoint() {
        return targets.commitPoint(index, posted); // posted read first: every event <= it was queued before
    }

    /** Folds every pending position at or below the commit point into the committable map. */
    void collapse() {
        positions.collapse(commitPoint());
    }

    /** The committable positions when they changed since the last {@link #markSaved}, else null. */
    Map<String, String> positionsToSave() {
        return positions.toSave();
    }

    void markSaved(Map<String, String> saved) {
        committedAtStart = Map.copyOf(saved);
        positions.markSaved(saved);
    }

    int pendingCount() {
        return positions.count();
    }

    /** System.nanoTime() of this input's first posted event; 0 when it has posted none. */
    long firstPostNanos() {
        return firstPostNanos;
    }

    long postedCount() {
        return postedCount.sum();
    }

    long postedSeq() {
        return posted;
    }

    // ---- the read loop ----

    void start() {
        thread = new Thread(this::loop, "logship-in-" + instanceName());
        thread.setDaemon(true);
        scheduleRead(Duration.ZERO);
        thread.start();
    }

    /** Wakes the read loop so it sees that the agent is stopping. */
    void wakeUp() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean awaitFinished(long deadlineNanos) throws InterruptedException {
        return Threads.joinUntil(thread, deadlineNanos);
    }

    boolean isReading() {
        return reading;
    }

    /** The last read posted nothing and asked for a later read, or asked for no read at all. */
    boolean isCaughtUp() {
        return caughtUp && !reading && !hasUnread.getAsBoolean();
    }

    /** For a source whose data can arrive between reads (a disk pm_buffer): whether some is there unread. */
    void unreadWhen(BooleanSupplier unread) {
        this.hasUnread = unread;
    }

    long readsDone() {
        return readsDone;
    }

    String stats() {
        return "in=" + postedCount.sum() + " dropped=" + droppedCount.sum() + " read_errors=" + readErrors.sum() + " pending_positions="
                + pendingCount();
    }

    private void loop() {
        int failures = 0;
        Duration lastDelay = null;
        while (awaitNextRead()) {
            postedThisRead = 0;
            holdsRecordsThisRead = false;
            try {
                module.read(this);
                failures = 0;
                Duration next = takeRequested();
                if (next != null) {
                    lastDelay = next;
                }
                caughtUp = next == null || (postedThisRead == 0 && !next.isZero() && !holdsRecordsThisRead);
            } catch (RetriableException e) {
                failures++;
                readErrors.increment();
                caughtUp = false;
                Duration d = options.backoff(failures);
                if (e.retryAfter().isPresent() && e.retryAfter().get().compareTo(d) > 0) {
                    d = e.retryAfter().get();
                }
                LOG.warn("input {}: read failed (attempt {}), retrying in {} ms: {}", instanceName(), failures,
                        d.toMillis(), e.getMessage());
                takeRequested();
                scheduleRead(d);
            } catch (InterruptedException e) {
                if (stopping.getAsBoolean()) {
                    break;
                }
                failures++;
                caughtUp = false;
                takeRequested();
                scheduleRead(options.backoff(failures));
            } catch (LogshipException | RuntimeException e) {
                failures++;
                readErrors.increment();
                caughtUp = false;
                Duration req = takeRequested();
                if (req != null) {
                    lastDelay = req;
                }
                Duration d = options.backoff(failures);
                if (lastDelay != null && lastDelay.compareTo(d) > 0) {
                    d = lastDelay;
                }
                LOG.error("input {}: read failed (attempt {}), retrying in {} ms", instanceName(), failures,
                        d.toMillis(), e);
                scheduleRead(d);
            } finally {
                readsDone++;
                reading = false;
            }
        }
    }

    /** The delay requested during the read that just ended (null if none), leaving the schedule as is. */
    private Duration takeRequested() {
        lock.lock();
        try {
            Duration d = requested;
            requested = null;
            return d;
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the next scheduled read; false when the agent is stopping. */
    private boolean awaitNextRead() {
        lock.lock();
        try {
            while (!stopping.getAsBoolean()) {
                if (hasNextRead) {
                    long wait = nextReadAt - System.nanoTime();
                    if (wait <= 0) {
                        hasNextRead = false;
                        requested = null;
                        reading = true; // before the read starts, so --once never sees a gap between reads
                        return true;
                    }
                    wake.awaitNanos(wait);
                } else {
                    wake.await();
                }
            }
            return false;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }
}
