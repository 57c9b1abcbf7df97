package io.logship.host.runtime;

import io.logship.api.Event;
import io.logship.host.buffer.PmBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code pm_buffer Type Mem} in a route's path: a queue bounded by {@code MaxSize} (the events' estimated
 * encoded size) and a thread that passes each event on through the processors after the buffer to the sinks
 * after it, waiting for them. The events keep their input's sequence number, so an input's position is committed
 * only once the outputs after the buffer have flushed them: a crash loses nothing that was committed.
 */
final class MemStage implements Sink {
    private static final Logger LOG = LoggerFactory.getLogger("logship.agent");

    private record Item(OutputRunner.Envelope envelope, int bytes) {
    }

    private final String name;
    private final long maxBytes;
    private final PmBuffer.MemFill fill;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private long bytes;
    private final AtomicLongArray enqueued;
    private final AtomicLongArray forwarded;
    private final AtomicLong accepted = new AtomicLong();
    private volatile long completed;
    private List<RouteProcessor> processors = List.of();
    private List<Sink> sinks = List.of();
    private final List<Sink> downstream = new ArrayList<>();
    /** The buffer block's statements, run on each event it passes on (null: none). */
    private InstanceExec exec;
    private volatile boolean draining;
    private volatile boolean aborted;
    private Thread thread;

    MemStage(PmBuffer buffer, int inputCount) {
        this.name = buffer.instanceName();
        this.maxBytes = buffer.maxBytes();
        this.fill = buffer.memFill(LoggerFactory.getLogger("logship." + name));
        this.enqueued = new AtomicLongArray(inputCount);
        this.forwarded = new AtomicLongArray(inputCount);
    }

    String name() {
        return name;
    }

    void exec(InstanceExec e) {
        this.exec = e;
    }

    /** The path after the buffer. Set once, before the paths into the buffer are wired. */
    void target(List<RouteProcessor> procs, List<? extends Sink> after) {
        if (!sinks.isEmpty()) {
            throw new IllegalStateException("pm_buffer " + name + " already has a path after it");
        }
        processors = List.copyOf(procs);
        sinks = List.copyOf(after);
        for (Sink s : after) {
            hold(s);
        }
    }

    private void hold(Sink s) {
        if (!downstream.contains(s)) {
            downstream.add(s);
        }
        for (Sink d : s.downstream()) {
            hold(d);
        }
    }

    @Override
    public List<Sink> downstream() {
        return downstream;
    }

    @Override
    public boolean put(OutputRunner.Envelope envelope, BooleanSupplier stopping) throws InterruptedException {
        int size = PmBuffer.MemFill.size(envelope.event());
        lock.lock();
        try {
            while (bytes > 0 && bytes + size > maxBytes) {
                fill.full(bytes);
                if (stopping.getAsBoolean() || aborted) {
                    return false;
                }
                notFull.await(50, TimeUnit.MILLISECONDS);
            }
            add(envelope, size);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean offer(OutputRunner.Envelope envelope) {
        int size = PmBuffer.MemFill.size(envelope.event());
        lock.lock();
        try {
            if (aborted || bytes > 0 && bytes + size > maxBytes) {
                fill.full(bytes);
                return false;
            }
            add(envelope, size);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void add(OutputRunner.Envelope envelope, int size) {
        queue.addLast(new Item(envelope, size));
        bytes += size;
        enqueued.set(envelope.source().index(), envelope.seq());
        accepted.incrementAndGet();
        fill.filled(bytes);
        notEmpty.signal();
    }

    @Override
    public long enqueuedSeq(int input) {
        return enqueued.get(input);
    }

    @Override
    public long flushedSeq(int input) {
        return forwarded.get(input);
    }

    @Override
    public String describe() {
        return "pm_buffer " + name + " (MaxSize " + maxBytes / 1024 + " KiB)";
    }

    /** Bytes held now. */
    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    void start() {
        thread = new Thread(this::work, "logship-buf-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Events put in plus events passed on: changes whenever an event moves. */
    long progress() {
        return accepted.get() + completed;
    }

    /** Every event put in has been passed on. */
    boolean isIdle() {
        return completed == accepted.get();
    }

    /** Asks the thread to pass on what is queued, then return. */
    void drain() {
        draining = true;
        lock.lock();
        try {
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Gives up: what is still queued is not passed on, so it is not committed either. */
    void abort() {
        aborted = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    boolean awaitFinished(long deadlineNanos) throws InterruptedException {
        return thread == null || Threads.joinUntil(thread, deadlineNanos);
    }

    String stats() {
        return "buffered=" + bytes() / 1024 + "/" + maxBytes / 1024 + " KiB in=" + accepted.get() + " out="
                + completed;
    }

    private void work() {
        BooleanSupplier gaveUp = () -> aborted;
        try {
            while (!aborted) {
                Item item;
                lock.lock();
                try {
                    item = queue.pollFirst();
                    if (item == null) {
                        if (draining) {
                            return;
                        }
                        notEmpty.await(50, TimeUnit.MILLISECONDS);
                        continue;
                    }
                    bytes -= item.bytes();
                    fill.filled(bytes);
                    notFull.signalAll();
                } finally {
                    lock.unlock();
                }
                OutputRunner.Envelope env = item.envelope();
                if (!forward(env, gaveUp)) {
                    return;
                }
                forwarded.set(env.source().index(), env.seq());
                completed++;
            }
        } catch (InterruptedException e) {
            if (!aborted) {
                LOG.error("pm_buffer {}: interrupted; what it held is not committed and is read again", name);
            }
        }
    }

    private boolean forward(OutputRunner.Envelope env, BooleanSupplier gaveUp) throws InterruptedException {
        if (exec != null && !exec.keep(env.event())) {
            return true; // dropped by the buffer's own statements: done with, committed like a delivered one
        }
        List<Event> evs = List.of(env.event());
        for (RouteProcessor p : processors) {
            evs = p.apply(evs);
        }
        for (Event ev : evs) {
            int n = sinks.size();
            for (int i = 0; i < n; i++) {
                Event copy = i == n - 1 ? ev : ev.copy();
                if (!sinks.get(i).put(new OutputRunner.Envelope(env.source(), env.seq(), copy), gaveUp)) {
                    return false;
                }
            }
        }
        return true;
    }
}
