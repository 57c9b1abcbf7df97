package io.logship.host.runtime;

import io.logship.api.Event;
import io.logship.api.Fields;
import io.logship.api.LogshipException;
import io.logship.api.OutputModule;
import io.logship.api.RetriableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One output: its bounded queue and the worker thread that writes each event, flushes (when the queue
 * runs empty, after {@code flushMaxEvents} writes or {@code flushInterval}, and at stop), and records per
 * input the highest sequence number it has flushed. Failed writes and flushes are retried with backoff
 * until they succeed or the agent abandons its stop: an event is never dropped.
 */
final class OutputRunner implements Sink {
    private static final Logger LOG = LoggerFactory.getLogger("logship.agent");
    static final int DRAIN_BATCH = 256;
    private static final long GATHER_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    /** One event on its way to this output; {@code seq} is the posting input's sequence number. */
    record Envelope(InputRunner source, long seq, Event event) {
    }

    @FunctionalInterface
    private interface Call {
        void run() throws LogshipException, InterruptedException;
    }

    private final String name;
    private final OutputModule module;
    private final BaseContext context;
    private final RuntimeOptions options;
    private final ArrayBlockingQueue<Envelope> queue;
    /** Per input index: the highest sequence number put in the queue. Written by that input's thread. */
    private final AtomicLongArray enqueued;
    /** Per input index: the highest sequence number written and then flushed. Written by the worker. */
    private final AtomicLongArray flushed;
    private final long[] batchMax;
    private final LongAdder written = new LongAdder();
    private final LongAdder flushes = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final SimpleMetrics timings = new SimpleMetrics();
    private volatile boolean draining;
    private volatile boolean aborted;
    /** Events put in the queue (by input threads) and events written and flushed (by the worker). */
    private final AtomicLong accepted = new AtomicLong();
    private volatile long completed;
    /** Events taken from the queue in the batch being written (at most DRAIN_BATCH). */
    private volatile int inHand;
    private volatile boolean finished;
    private int unflushed;
    /**
     * True while written events not yet flushed include im_internal's: what this thread logs while it writes or
     * flushes them carries the MDC key {@link #DELIVERING}, which im_internal does not read back (no loops).
     */
    private boolean internalUnflushed;
    static final String DELIVERING = "logship.delivering";
    /** System.nanoTime() of the last flush that made events durable; 0 before the first. */
    private volatile long lastDeliveryNanos;
    private Thread thread;
    /** The block's statements, run on the worker before each write (null: none). */
    private InstanceExec exec;
    private final LongAdder dropped = new LongAdder();

    OutputRunner(String name, OutputModule module, BaseContext context, RuntimeOptions options, int inputCount) {
        this.name = name;
        this.module = module;
        this.context = context;
        this.options = options;
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.enqueued = new AtomicLongArray(inputCount);
        this.flushed = new AtomicLongArray(inputCount);
        this.batchMax = new long[inputCount];
    }

    void exec(InstanceExec e) {
        this.exec = e;
    }

    /** Events the queue holds before post() blocks. */
    int capacity() {
        return options.queueCapacity();
    }

    String name() {
        return name;
    }

    OutputModule module() {
        return module;
    }

    BaseContext context() {
        return context;
    }

    int queueSize() {
        return queue.size();
    }

    /** Events the worker has taken from the queue and not finished writing (at most {@link #DRAIN_BATCH}). */
    int inHand() {
        return inHand;
    }

    long written() {
        return written.sum();
    }

    @Override
    public long enqueuedSeq(int input) {
        return enqueued.get(input);
    }

    @Override
    public long flushedSeq(int input) {
        return flushed.get(input);
    }

    /**
     * Puts an event in the queue, blocking while it is full. Returns false without queueing when
     * {@code stopping} becomes true while blocked.
     */
    @Override
    public boolean put(Envelope envelope, BooleanSupplier stopping) throws InterruptedException {
        while (!queue.offer(envelope, 50, TimeUnit.MILLISECONDS)) {
            if (stopping.getAsBoolean() || aborted) {
                return false;
            }
        }
        enqueued.set(envelope.source().index(), envelope.seq());
        accepted.incrementAndGet();
        return true;
    }

    /** Puts an event in the queue if it has room now (FlowControl FALSE); false when it is full. */
    @Override
    public boolean offer(Envelope envelope) {
        if (aborted || !queue.offer(envelope)) {
            return false;
        }
        enqueued.set(envelope.source().index(), envelope.seq());
        accepted.incrementAndGet();
        return true;
    }

    /** How drop warnings name this queue. */
    @Override
    public String describe() {
        return "output " + name + " (" + capacity() + " events)";
    }

    void start() {
        thread = new Thread(this::work, "logship-out-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Events put in plus events done with: changes whenever an event moves (for --once's stable check). */
    long progress() {
        return accepted.get() + completed;
    }

    /** Every event ever put in the queue has been written and flushed. */
    boolean isIdle() {
        return completed == accepted.get();
    }

    /** Asks the worker to finish: write what is queued, flush, and return. */
    void drain() {
        draining = true;
    }

    /** Gives up: retries stop, the worker returns as soon as it can; unflushed events are not committed. */
    void abort() {
        aborted = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    boolean awaitFinished(long deadlineNanos) throws InterruptedException {
        return Threads.joinUntil(thread, deadlineNanos);
    }

    String stats() {
        return "out=" + written.sum() + " dropped=" + dropped.sum() + " flushes=" + flushes.sum() + " retries=" + retries.sum() + " errors="
                + errors.sum() + " queue=" + queue.size() + "/" + capacity() + " flush_time=["
                + timings.latencies().getOrDefault("flush", "none") + "]";
    }

    private void work() {
        long lastFlush = System.nanoTime();
        long intervalNanos = options.flushInterval().toNanos();
        // Events are taken from the queue in bulk: one lock round trip per batch instead of per event.
        ArrayList<Envelope> batch = new ArrayList<>(DRAIN_BATCH);
        try {
            while (!aborted) {
                if (queue.drainTo(batch, DRAIN_BATCH) == 0) {
                    Envelope env = queue.poll(50, TimeUnit.MILLISECONDS);
                    if (env == null) {
                        if (unflushed > 0) {
                            if (!flush()) {
                                return;
                            }
                            lastFlush = System.nanoTime();
                        }
                        if (draining && queue.isEmpty()) {
                            break;
                        }
                        continue;
                    }
                    batch.add(env);
                    if (queue.size() < DRAIN_BATCH / 4 && !draining) {
                        // Woken by the first event after running dry: let a batch gather for a moment
                        // rather than waking (and making the input signal) once per event. While this
                        // thread is not waiting on the queue, posting into it costs no wake-up.
                        LockSupport.parkNanos(GATHER_NANOS);
                    }
                    queue.drainTo(batch, DRAIN_BATCH - 1);
                }
                inHand = batch.size();
                for (int i = 0, n = batch.size(); i < n; i++) {
                    Envelope env = batch.get(i);
                    batch.set(i, null); // the event is garbage once written
                    Event event = env.event();
                    boolean internal = "im_internal".equals(event.get(Fields.SOURCE_MODULE_TYPE));
                    if (internal) {
                        internalUnflushed = true;
                        MDC.put(DELIVERING, name); // also what the block's Exec logs about it
                    }
                    try {
                        if (exec != null && !exec.keep(event)) {
                            dropped.increment(); // not written, but flushed (committed) with the events around it
                        } else {
                            if (!retry("write", event, () -> module.write(event))) {
                                return;
                            }
                            written.increment();
                        }
                    } finally {
                        if (internal) {
                            MDC.remove(DELIVERING);
                        }
                    }
                    unflushed++;
                    int src = env.source().index();
                    if (env.seq() > batchMax[src]) {
                        batchMax[src] = env.seq();
                    }
                    if ((i == n - 1 && queue.isEmpty()) || unflushed >= options.flushMaxEvents()
                            || System.nanoTime() - lastFlush >= intervalNanos) {
                        if (!flush()) {
                            return;
                        }
                        lastFlush = System.nanoTime();
                    }
                }
                batch.clear();
                inHand = 0;
            }
            if (!aborted) {
                flush(); // at stop, always once, even when nothing is pending
            }
        } catch (InterruptedException e) {
            if (!aborted) {
                LOG.error("output {}: worker interrupted; {} written events not flushed (not committed)", name,
                        unflushed);
            }
        } finally {
            finished = true;
        }
    }

    private boolean flush() throws InterruptedException {
        long t0 = System.nanoTime();
        boolean internal = internalUnflushed;
        if (internal) {
            MDC.put(DELIVERING, name);
        }
        try {
            if (!retry("flush", null, module::flush)) {
                return false;
            }
        } finally {
            if (internal) {
                MDC.remove(DELIVERING);
            }
        }
        internalUnflushed = false;
        long t1 = System.nanoTime();
        timings.recordNanos("flush", t1 - t0);
        flushes.increment();
        if (unflushed > 0) {
            lastDeliveryNanos = t1;
        }
        for (int i = 0; i < batchMax.length; i++) {
            if (batchMax[i] > 0) {
                flushed.set(i, batchMax[i]);
                batchMax[i] = 0;
            }
        }
        completed += unflushed;
        unflushed = 0;
        return true;
    }

    /** Runs the call until it succeeds; false when the agent aborted first. */
    private boolean retry(String what, Event event, Call call) throws InterruptedException {
        int failures = 0;
        while (true) {
            Duration delay;
            try {
                call.run();
                if (failures > 0) {
                    LOG.info("output {}: {} succeeded after {} failed attempt(s)", name, what, failures);
                }
                return true;
            } catch (RetriableException e) {
                failures++;
                retries.increment();
                delay = options.backoff(failures);
                if (e.retryAfter().isPresent() && e.retryAfter().get().compareTo(delay) > 0) {
                    delay = e.retryAfter().get();
                }
                LOG.warn("output {}: {} failed (attempt {}), retrying in {} ms: {}{}", name, what, failures,
                        delay.toMillis(), e.getMessage(), summary(event));
            } catch (InterruptedException e) {
                if (aborted) {
                    return false;
                }
                throw e;
            } catch (LogshipException | RuntimeException e) {
                failures++;
                errors.increment();
                delay = options.backoff(failures);
                LOG.error("output {}: {} failed (attempt {}), retrying in {} ms{}", name, what, failures,
                        delay.toMillis(), summary(event), e);
            }
            if (aborted) {
                return false;
            }
            try {
                Thread.sleep(Math.max(1, delay.toMillis()));
            } catch (InterruptedException ie) {
                if (aborted) {
                    return false;
                }
                throw ie;
            }
        }
    }

    static String summary(Event event) {
        if (event == null) {
            return "";
        }
        String raw = event.getString(Fields.RAW_EVENT);
        StringBuilder sb = new StringBuilder(" [event from ");
        sb.append(event.getString(Fields.SOURCE_MODULE_NAME));
        if (event.position() != null) {
            sb.append(" at ").append(event.position().stream()).append(':').append(event.position().value());
        }
        if (raw != null) {
            sb.append(": ").append(raw.length() > 200 ? raw.substring(0, 200) + "..." : raw);
        }
        return sb.append(']').toString();
    }

    /** System.nanoTime() of the last flush that made events durable; 0 when none has yet. */
    long lastDeliveryNanos() {
        return lastDeliveryNanos;
    }

    boolean isFinished() {
        return finished;
    }
}
