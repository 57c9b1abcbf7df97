package io.logship.s3.output;

import io.logship.api.Event;
import io.logship.api.LogshipException;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import io.logship.api.OutputModule;
import io.logship.api.RetriableException;
import io.logship.s3.S3Access;
import io.logship.s3.S3Errors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * One om_s3 instance. Events are appended to a segment file in the spool; a sealed segment becomes one
 * object (batched: compressed into an object file first) or one object per event (MaxEventsPerObject 1).
 * This class is the write side and the lifecycle: it appends to the open segment, seals it (by size, count
 * or age), makes the spool durable at flush, and at stop waits for the uploads (StopTimeout). The
 * {@link UploadWorkers} take sealed entries oldest first and upload them ({@link BatchedUploads},
 * {@link PerEventUploads}) with {@code If-None-Match: *} ({@link ObjectPuts}, {@link KeyCollisions});
 * failures are retried with backoff, forever: nothing leaves the spool except into S3.
 */
final class S3Output implements OutputModule {
    /** Events per spool segment in per-event mode (each still becomes its own object). */
    static final int PER_EVENT_SEGMENT = 64;
    private static final Duration PER_EVENT_LINGER = Duration.ofMillis(200);

    private final OutputSettings cfg;
    private final ReentrantLock openLock = new ReentrantLock();
    private final ByteArrayOutputStream scratch = new ByteArrayOutputStream(256);

    private Logger log;
    private Clock clock;
    private Metrics.Counter eventsCounter;
    private Spool spool;
    private S3Access access;
    private ObjectPuts puts;
    private UploadWorkers workers;
    private ScheduledExecutorService timer;
    /** Batched mode: compresses the open object's lines while they are written (null in per-event mode). */
    private ObjectCompressor compressor;
    /** The open segment's object being compressed, or null (per-event mode, or the build could not start). */
    private ObjectBuild build;
    private SegmentWriter open;
    private long openSeq;
    private long openMillis;
    private long openedNanos;
    private boolean dirDirty;
    /** Segments sealed since the last flush, not yet forced to disk (guarded by openLock). */
    private final List<Path> unsynced = new ArrayList<>();
    private volatile boolean stopping;
    /** Tests: runs in an upload worker right after it took an entry from ready, before the upload. */
    volatile Runnable afterTakeForTest;

    S3Output(OutputSettings cfg) {
        this.cfg = cfg;
    }

    @Override
    public void start(ModuleContext context) throws LogshipException {
        this.log = context.logger();
        this.clock = context.clock();
        this.eventsCounter = context.metrics().counter("events");
        cfg.s3().warnings().forEach(log::warn);
        try {
            spool = Spool.open(cfg.spoolDir(), cfg.spoolMaxSize());
        } catch (IOException e) {
            throw new LogshipException(cfg.instance() + ": cannot use SpoolDir " + cfg.spoolDir() + ": " + e.getMessage(), e);
        }
        String server = cfg.server() != null ? cfg.server() : context.hostname();
        KeyFormat keys = KeyFormat.parse(cfg.keyFormat(), server, spool.writerId(), cfg.codec().extension());
        S3Errors errors = new S3Errors(cfg.s3(), log, clock);
        List<Spool.Entry> left;
        try {
            left = spool.recover(log::warn);
            if (!left.isEmpty()) {
                log.info("{}: {} spool files ({} bytes) from an earlier run wait for upload, oldest first", cfg.instance(),
                        left.size(), spool.used());
            }
        } catch (IOException e) {
            closeSpool();
            throw new LogshipException(cfg.instance() + ": cannot recover SpoolDir " + cfg.spoolDir() + ": "
                    + e.getMessage(), e);
        }
        // No aws-chunked bodies: every upload has a known length and can be read twice (a byte array or a
        // spool file), so the SDK signs a plain body; with the CRC-32 header computed here (ObjectPuts)
        // a request is one plain PUT (over http, about 15 % less work for the store per small PutObject).
        access = cfg.s3().open(cfg.uploadConcurrency() + 4, b -> b.serviceConfiguration(
                S3Configuration.builder().chunkedEncodingEnabled(false).build()));
        log.info("{}: writing to s3://{}/{} as writer {} via {} ({}, spool {})", cfg.instance(), cfg.s3().bucket(),
                keys.template(), spool.writerId(), cfg.s3().endpoint().map(Object::toString).orElse("AWS S3"),
                cfg.codec(), cfg.spoolDir());
        puts = new ObjectPuts(cfg, spool.writerId(), access, context.metrics());
        KeyCollisions collisions = new KeyCollisions(cfg.s3().bucket(), cfg.instance(), spool, access,
                context.metrics(), log, clock);
        BatchedUploads batched = new BatchedUploads(cfg.codec(), spool, keys, puts, collisions, context.metrics());
        PerEventUploads perEvent = cfg.codec().perEvent()
                ? new PerEventUploads(cfg, spool, keys, puts, collisions, context.metrics(),
                daemon("logship-om_s3-put-" + cfg.instance()))
                : null;
        if (!cfg.codec().perEvent()) {
            compressor = new ObjectCompressor(cfg.codec().compression(), cfg.codec().level(), spool,
                    compressionThreads(), () -> stopping,
                    daemon("logship-om_s3-zip-" + cfg.instance()));
        }
        workers = new UploadWorkers(cfg, batched, perEvent, errors, context.metrics(), log,
                daemon("logship-om_s3-" + cfg.instance()), () -> {
                    Runnable hook = afterTakeForTest;
                    if (hook != null) {
                        hook.run();
                    }
                });
        workers.enqueueAll(left);
        timer = Executors.newSingleThreadScheduledExecutor(daemon("logship-om_s3-timer-" + cfg.instance()));
        long tick = Math.max(20, Math.min(1000, lingerNanos() / 4_000_000));
        timer.scheduleWithFixedDelay(this::sealIfOld, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** One compression thread per core, at most 8 (each has 2 chunk buffers of 1 MiB, see ObjectCompressor). */
    static int compressionThreads() {
        return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    private long lingerNanos() {
        Duration d = cfg.codec().perEvent() && cfg.flushInterval().compareTo(PER_EVENT_LINGER) > 0 ? PER_EVENT_LINGER
                : cfg.flushInterval();
        return d.toNanos();
    }

    @Override
    public void write(Event event) throws LogshipException, InterruptedException {
        if (stopping) {
            throw new RetriableException(cfg.instance() + ": output is stopping", null);
        }
        if (!spool.awaitSpace(() -> stopping)) {
            throw new RetriableException(cfg.instance() + ": spool full (SpoolMaxSize " + cfg.spoolMaxSize()
                    + " bytes) and output stopping", null);
        }
        byte[] payload;
        try {
            payload = cfg.codec().encode(event, scratch);
        } catch (IOException e) {
            throw new LogshipException(cfg.instance() + ": cannot encode event: " + e.getMessage(), e);
        }
        openLock.lock();
        try {
            if (cfg.codec().perEvent()) {
                long[] a = spool.allocate(clock.millis());
                if (open == null) {
                    openSegment(a[0], a[1]);
                }
                open.append(a[0], a[1], payload, payload.length);
                if (open.records() >= PER_EVENT_SEGMENT) {
                    seal();
                }
            } else {
                if (open != null && open.records() > 0
                        && open.bytes() - (long) SegmentFormat.RECORD_HEADER * open.records() + open.records() + payload.length
                        + 1 > cfg.maxObjectSize()) {
                    seal();
                }
                if (open == null) {
                    long[] a = spool.allocate(clock.millis());
                    openSegment(a[0], a[1]);
                }
                open.append(openSeq, openMillis, payload, payload.length);
                if (build != null) {
                    build.line(payload, payload.length);
                }
                if (open.records() >= cfg.maxEventsPerObject()) {
                    seal();
                }
            }
        } catch (IOException e) {
            throw new RetriableException(cfg.instance() + ": cannot write to SpoolDir " + cfg.spoolDir() + ": "
                    + e.getMessage(), e);
        } finally {
            openLock.unlock();
        }
        eventsCounter.increment();
    }

    private void openSegment(long seq, long millis) throws IOException {
        open = spool.openSegment(seq);
        openSeq = seq;
        openMillis = millis;
        openedNanos = System.nanoTime();
        dirDirty = true;
        if (compressor != null) {
            try {
                build = compressor.start(seq, millis, this::enqueue, this::enqueue, log::warn);
            } catch (IOException e) {
                build = null;
                log.warn("{}: cannot start compressing {} while writing ({}); it is compressed after sealing",
                        cfg.instance(), open.path(), e.toString());
            }
        }
    }

    /** Seals the open segment and hands it to the workers. Caller holds openLock. */
    private void seal() throws IOException {
        Spool.Entry e;
        try {
            e = open.seal();
        } catch (IOException ex) {
            if (build != null) {
                build.discard(); // the segment stays as it is, for the next start's recovery
                build = null;
            }
            throw ex;
        }
        open = null;
        dirDirty = true;
        unsynced.add(e.path());
        if (build != null) {
            build.seal(e); // the finished object (or, failing that, the segment) goes to ready
            build = null;
        } else {
            enqueue(e);
        }
    }

    /** Hands an entry to the upload workers. */
    private void enqueue(Spool.Entry e) {
        workers.enqueue(e);
    }

    private void sealIfOld() {
        if (!openLock.tryLock()) {
            return;
        }
        try {
            if (open != null && System.nanoTime() - openedNanos >= lingerNanos()) {
                seal();
            }
        } catch (IOException | RuntimeException e) {
            log.error("{}: cannot seal spool segment in {}: {}", cfg.instance(), cfg.spoolDir(), e.toString());
        } finally {
            openLock.unlock();
        }
    }

    @Override
    public void flush() throws LogshipException, InterruptedException {
        openLock.lock();
        try {
            if (open != null) {
                if (cfg.codec().perEvent()) {
                    seal();
                } else {
                    open.sync();
                }
            }
            for (Path p : unsynced) {
                Spool.force(p);
            }
            unsynced.clear();
            if (dirDirty) {
                spool.syncDir();
                dirDirty = false;
            }
        } catch (IOException e) {
            throw new RetriableException(cfg.instance() + ": cannot sync SpoolDir " + cfg.spoolDir() + ": "
                    + e.getMessage(), e);
        } finally {
            openLock.unlock();
        }
    }

    @Override
    public void stop() throws LogshipException {
        if (spool == null || stopping) {
            return;
        }
        stopping = true;
        openLock.lock();
        try {
            if (open != null) {
                seal();
            }
            for (Path p : unsynced) {
                Spool.force(p);
            }
            unsynced.clear();
            spool.syncDir();
        } catch (IOException e) {
            log.error("{}: cannot seal the open spool segment (it is recovered at the next start): {}", cfg.instance(),
                    e.toString());
        } finally {
            openLock.unlock();
        }
        long deadline = System.nanoTime() + cfg.stopTimeout().toNanos();
        try {
            while ((workers.pending() > 0 || building() > 0) && System.nanoTime() < deadline) {
                if (workers.failing()) {
                    break; // the store is failing: leave the rest in the spool rather than wait it out
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        workers.shutdown();
        if (compressor != null) {
            compressor.close();
        }
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("{}: upload workers did not stop within 10 s", cfg.instance());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        puts.close();
        access.close();
        try {
            List<Path> left = spool.list();
            if (!left.isEmpty()) {
                log.warn("{}: {} spool files ({} bytes) not uploaded yet; they go up at the next start from {}",
                        cfg.instance(), left.size(), spool.used(), cfg.spoolDir());
            }
            spool.saveState();
        } catch (IOException e) {
            log.error("{}: cannot save spool state: {}", cfg.instance(), e.toString());
        }
        closeSpool();
    }

    private void closeSpool() {
        try {
            spool.close();
        } catch (IOException e) {
            log.warn("{}: cannot release the spool lock: {}", cfg.instance(), e.toString());
        }
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** For tests: spool files waiting or being uploaded. */
    int pending() {
        return workers.pending() + building();
    }

    private int building() {
        return compressor == null ? 0 : compressor.building();
    }

    Spool spool() {
        return spool;
    }

    OutputSettings settings() {
        return cfg;
    }

    @Override
    public String toString() {
        return "om_s3[" + cfg.instance() + ", " + cfg.s3() + "]";
    }
}
