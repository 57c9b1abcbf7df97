package io.logship.s3.output;

import io.logship.api.Metrics;
import io.logship.s3.S3Errors;
import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * The upload workers: UploadConcurrency threads take spool entries oldest first, upload them (per event
 * or batched) and so remove them from the spool. A failed entry goes back into the queue; the workers then
 * back off together ({@link Backoff}) and the failure is reported through {@link S3Errors}, which gives its
 * advice once per burst of failures, not once per event. Nothing leaves the spool except into S3.
 */
final class UploadWorkers {
    private final String instance;
    private final boolean perEventMode;
    private final BatchedUploads batched;
    private final PerEventUploads perEvent;
    private final S3Errors errors;
    private final Backoff backoff;
    private final Metrics metrics;
    private final Logger log;
    private final ExecutorService threads;
    private final PriorityBlockingQueue<Spool.Entry> ready = new PriorityBlockingQueue<>();
    /**
     * Entries handed to the workers and not yet done with: in {@link #ready} or in a worker's hands (counted
     * before they enter ready, uncounted when uploaded; a failed one goes back into ready still counted).
     * stop() waits for this to reach zero: an empty ready queue and no upload under way are not enough, a
     * worker takes an entry from ready a moment before its upload starts.
     */
    private final AtomicInteger queued = new AtomicInteger();
    /** Runs in a worker right after it took an entry from ready, before the upload (a hook for tests). */
    private final Runnable afterTake;
    private volatile boolean shutdown;

    /**
     * @param perEvent  the per-event uploads in per-event mode, else null (segments are then batched objects)
     * @param afterTake runs in a worker right after it took an entry, before the upload
     */
    UploadWorkers(OutputSettings cfg, BatchedUploads batched, PerEventUploads perEvent, S3Errors errors,
                  Metrics metrics, Logger log, ThreadFactory factory, Runnable afterTake) {
        this.instance = cfg.instance();
        this.perEventMode = perEvent != null;
        this.batched = batched;
        this.perEvent = perEvent;
        this.errors = errors;
        this.backoff = new Backoff(cfg.retryInterval(), cfg.maxRetryInterval());
        this.metrics = metrics;
        this.log = log;
        this.afterTake = afterTake;
        this.threads = Executors.newFixedThreadPool(cfg.uploadConcurrency(), factory);
        for (int i = 0; i < cfg.uploadConcurrency(); i++) {
            threads.execute(this::workLoop);
        }
    }

    /** Hands an entry to the workers (see {@link #queued}). */
    void enqueue(Spool.Entry e) {
        queued.incrementAndGet();
        ready.add(e);
    }

    void enqueueAll(Collection<Spool.Entry> entries) {
        queued.addAndGet(entries.size());
        ready.addAll(entries);
    }

    /** Entries waiting or being uploaded. */
    int pending() {
        return queued.get();
    }

    /** True when the last two uploads failed: the store is failing. */
    boolean failing() {
        return backoff.failing();
    }

    /** Stops taking entries and interrupts the uploads under way; what is left stays in the spool. */
    void shutdown() {
        shutdown = true;
        threads.shutdownNow();
        if (perEvent != null) {
            perEvent.close();
        }
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return threads.awaitTermination(timeout, unit);
    }

    private void workLoop() {
        while (!shutdown) {
            Spool.Entry e;
            try {
                backoff.await(() -> shutdown);
                e = ready.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                return;
            }
            if (e == null) {
                continue;
            }
            Spool.Entry[] current = {e};
            try {
                afterTake.run();
                if (!e.isObject() && perEventMode) {
                    perEvent.upload(e);
                } else {
                    batched.upload(current);
                }
                queued.decrementAndGet();
                backoff.succeeded();
                errors.success();
            } catch (UploadFailure f) {
                ready.add(current[0]);
                if (shutdown) {
                    return;
                }
                errors.report(f.getCause(), f.op, f.key);
                failed(f.getCause());
            } catch (IOException | RuntimeException ex) {
                ready.add(current[0]);
                if (shutdown) {
                    return;
                }
                log.error("{}: spool file {} could not be processed (kept, retried): {}", instance,
                        current[0].path(), ex.toString());
                failed(ex);
            } catch (InterruptedException ie) {
                ready.add(current[0]);
                return;
            }
        }
    }

    private void failed(Throwable t) {
        metrics.counter("upload.failures").increment();
        backoff.failed(t);
    }
}
