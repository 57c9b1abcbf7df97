package io.logship.s3.output;

import io.logship.api.Event;
import io.logship.api.LogshipException;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import io.logship.api.OutputModule;
import io.logship.api.RetriableException;
import io.logship.s3.S3Access;
import io.logship.s3.S3Errors;
import io.logship.s3.S3Operation;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * One om_s3 instance. Events are appended to a segment file in the spool; a sealed segment becomes one
 * object (batched: compressed into an object file first) or one object per event (MaxEventsPerObject 1).
 * Upload workers take spool entries oldest first, upload them with {@code If-None-Match: *} and delete
 * them; failures are retried with backoff, forever: nothing leaves the spool except into S3.
 */
final class S3Output implements OutputModule {
    /** Events per spool segment in per-event mode (each still becomes its own object). */
    static final int PER_EVENT_SEGMENT = 64;
    private static final Duration PER_EVENT_LINGER = Duration.ofMillis(200);
    private static final int MAX_COLLISIONS = 1000;

    private final OutputSettings cfg;
    private final ReentrantLock openLock = new ReentrantLock();
    private final PriorityBlockingQueue<Spool.Entry> ready = new PriorityBlockingQueue<>();
    /**
     * Entries handed to the upload workers and not yet done with: in {@link #ready} or in a worker's hands
     * (counted before they enter ready, uncounted when uploaded; a failed one goes back into ready still
     * counted). stop() waits for this (and the compressor) to reach zero: an empty ready queue and no upload
     * under way are not enough, a worker takes an entry from ready a moment before its upload starts.
     */
    private final AtomicInteger queued = new AtomicInteger();
    private final Map<Long, Set<Long>> doneRecords = new HashMap<>();
    private final ByteArrayOutputStream scratch = new ByteArrayOutputStream(256);
    private final Object backoffLock = new Object();
    private final AtomicInteger collisionStreak = new AtomicInteger();

    private ModuleContext ctx;
    private Logger log;
    private Clock clock;
    private Metrics metrics;
    private Metrics.Counter eventsCounter;
    private Spool spool;
    private S3Access access;
    /** Small PutObject calls without the SDK pipeline (null: every call through client). */
    private S3Errors errors;
    private KeyFormat keys;
    private ExecutorService workers;
    /** Per-event mode: the uploads of single events, at most UploadConcurrency at a time. */
    private ExecutorService puts;
    private ScheduledExecutorService timer;
    /** Batched mode: compresses the open object's lines while they are written (null in per-event mode). */
    private ObjectCompressor compressor;
    /** The open segment's object being compressed, or null (per-event mode, or the build could not start). */
    private ObjectCompressor.Build build;
    private Spool.SegmentWriter open;
    private long openSeq;
    private long openMillis;
    private long openedNanos;
    private boolean dirDirty;
    /** Segments sealed since the last flush, not yet forced to disk (guarded by openLock). */
    private final List<Path> unsynced = new ArrayList<>();
    private volatile boolean stopping;
    private volatile boolean shutdown;
    /** Tests: runs in an upload worker right after it took an entry from ready, before the upload. */
    volatile Runnable afterTakeForTest;
    private long backoffUntilNanos;
    private int consecutiveFailures;

    S3Output(OutputSettings cfg) {
        this.cfg = cfg;
    }

    @Override
    public void start(ModuleContext context) throws LogshipException {
        this.ctx = context;
        this.log = context.logger();
        this.clock = context.clock();
        this.metrics = context.metrics();
        this.eventsCounter = metrics.counter("events");
        cfg.s3().warnings().forEach(log::warn);
        try {
            spool = Spool.open(cfg.spoolDir(), cfg.spoolMaxSize());
        } catch (IOException e) {
            throw new LogshipException(cfg.instance() + ": cannot use SpoolDir " + cfg.spoolDir() + ": " + e.getMessage(), e);
        }
        String server = cfg.server() != null ? cfg.server() : context.hostname();
        keys = KeyFormat.parse(cfg.keyFormat(), server, spool.writerId(), cfg.codec().extension());
        errors = new S3Errors(cfg.s3(), log, clock);
        try {
            List<Spool.Entry> left = spool.recover(log::warn);
            if (!left.isEmpty()) {
                log.info("{}: {} spool files ({} bytes) from an earlier run wait for upload, oldest first", cfg.instance(),
                        left.size(), spool.used());
            }
            queued.addAndGet(left.size());
            ready.addAll(left);
        } catch (IOException e) {
            closeSpool();
            throw new LogshipException(cfg.instance() + ": cannot recover SpoolDir " + cfg.spoolDir() + ": "
                    + e.getMessage(), e);
        }
        // No aws-chunked bodies: every upload has a known length and can be read twice (a byte array or a
        // spool file), so the SDK signs a plain body; with the CRC-32 header computed here (checksumHeader)
        // a request is one plain PUT (over http, about 15 % less work for the store per small PutObject).
        access = cfg.s3().open(cfg.uploadConcurrency() + 4, b -> b.serviceConfiguration(
                S3Configuration.builder().chunkedEncodingEnabled(false).build()));
        log.info("{}: writing to s3://{}/{} as writer {} via {} ({}, spool {})", cfg.instance(), cfg.s3().bucket(),
                keys.template(), spool.writerId(), cfg.s3().endpoint().map(Object::toString).orElse("AWS S3"),
                cfg.codec(), cfg.spoolDir());
        workers = Executors.newFixedThreadPool(cfg.uploadConcurrency(), daemon("logship-om_s3-" + cfg.instance()));
        puts = cfg.codec().perEvent()
                ? Executors.newFixedThreadPool(cfg.uploadConcurrency(), daemon("logship-om_s3-put-" + cfg.instance()))
                : null;
        if (!cfg.codec().perEvent()) {
            compressor = new ObjectCompressor(cfg.codec().compression(), cfg.codec().level(), spool,
                    compressionThreads(), () -> stopping,
                    daemon("logship-om_s3-zip-" + cfg.instance()));
        }
        for (int i = 0; i < cfg.uploadConcurrency(); i++) {
            workers.execute(this::workLoop);
        }
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
                        && open.bytes() - (long) Spool.RECORD_HEADER * open.records() + open.records() + payload.length
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

    /** Hands an entry to the upload workers (see {@link #queued}). */
    private void enqueue(Spool.Entry e) {
        queued.incrementAndGet();
        ready.add(e);
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
            while ((queued.get() > 0 || building() > 0) && System.nanoTime() < deadline) {
                synchronized (backoffLock) {
                    if (consecutiveFailures >= 2) {
                        break; // the store is failing: leave the rest in the spool rather than wait it out
                    }
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdown = true;
        timer.shutdownNow();
        workers.shutdownNow();
        if (puts != null) {
            puts.shutdownNow();
        }
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

    // ---- upload side ----------------------------------------------------------------------------------

    /** A failed S3 call with what it was doing, for advice. */
    private static final class UploadFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final transient S3Operation op;
        final String key;

        UploadFailure(S3Operation op, String key, Throwable cause) {
            super(cause);
            this.op = op;
            this.key = key;
        }
    }

    private void workLoop() {
        while (!shutdown) {
            Spool.Entry e;
            try {
                waitBackoff();
                e = ready.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                return;
            }
            if (e == null) {
                continue;
            }
            Spool.Entry[] current = {e};
            try {
                Runnable hook = afterTakeForTest;
                if (hook != null) {
                    hook.run();
                }
                process(current);
                queued.decrementAndGet();
                succeeded();
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
                log.error("{}: spool file {} could not be processed (kept, retried): {}", cfg.instance(),
                        current[0].path(), ex.toString());
                failed(ex);
            } catch (InterruptedException ie) {
                ready.add(current[0]);
                return;
            }
        }
    }

    private void waitBackoff() throws InterruptedException {
        while (true) {
            long wait;
            synchronized (backoffLock) {
                wait = backoffUntilNanos - System.nanoTime();
            }
            if (wait <= 0 || shutdown) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(wait, 100_000_000L));
        }
    }

    private void succeeded() {
        synchronized (backoffLock) {
            consecutiveFailures = 0;
            backoffUntilNanos = 0;
        }
        errors.success();
    }

    private void failed(Throwable t) {
        metrics.counter("upload.failures").increment();
        synchronized (backoffLock) {
            consecutiveFailures++;
            long base = cfg.retryInterval().toNanos();
            long max = cfg.maxRetryInterval().toNanos();
            long d = S3Errors.isRetriable(t) || t instanceof IOException
                    ? Math.min(max, base << Math.min(20, consecutiveFailures - 1)) : max;
            d = d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
            backoffUntilNanos = Math.max(backoffUntilNanos, System.nanoTime() + d);
        }
    }

    /** Uploads one spool entry; {@code current[0]} always names the entry's file as it is now. */
    private void process(Spool.Entry[] current) throws UploadFailure, IOException, InterruptedException {
        Spool.Entry e = current[0];
        if (e.isObject()) {
            uploadObjectFile(current);
        } else if (cfg.codec().perEvent()) {
            uploadRecords(e);
        } else {
            current[0] = compress(e);
            uploadObjectFile(current);
        }
    }

    /** Compresses a sealed segment into an object file (synced), then deletes the segment. */
    private Spool.Entry compress(Spool.Entry seg) throws IOException {
        Path tmp = spool.objectTemp(seg.seq());
        long[] millis = {-1};
        try (FileOutputStream fos = new FileOutputStream(tmp.toFile())) {
            BufferedOutputStream buf = new BufferedOutputStream(fos, 256 * 1024);
            try (OutputStream z = cfg.codec().compress(new FilterOutputStream(buf) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            })) {
                Spool.readRecords(seg.path(), r -> {
                    if (millis[0] < 0) {
                        millis[0] = r.millis();
                    }
                    cfg.codec().writeRecord(z, r.payload());
                });
            }
            buf.flush();
            fos.getFD().sync();
        }
        long len = Files.size(tmp);
        Path obj = spool.objectPath(seg.seq(), Math.max(0, millis[0]), len);
        Files.move(tmp, obj, StandardCopyOption.ATOMIC_MOVE);
        spool.added(len);
        spool.syncDir();
        spool.remove(seg.path());
        return new Spool.Entry(seg.seq(), obj, true, Math.max(0, millis[0]), len);
    }

    private void uploadObjectFile(Spool.Entry[] current) throws UploadFailure, IOException, InterruptedException {
        Spool.Entry obj = current[0];
        long seq = obj.seq();
        long millis = obj.millis();
        Path path = obj.path();
        for (int attempt = 0; ; attempt++) {
            String key = keys.render(seq, millis);
            boolean created = putFile(path, obj.length(), key, seq);
            if (created && attempt == 0) {
                collisionStreak.set(0);
            }
            if (created || isOurs(key, seq)) {
                metrics.counter("objects").increment();
                metrics.counter("bytes").add(obj.length());
                spool.remove(path);
                return;
            }
            if (attempt >= MAX_COLLISIONS) {
                throw new IOException("no free key after " + MAX_COLLISIONS + " collisions (last " + key + ")");
            }
            long[] a = nextKeyAfterCollision(key);
            Path moved = spool.objectPath(a[0], a[1], obj.length());
            Files.move(path, moved, StandardCopyOption.ATOMIC_MOVE);
            spool.syncDir();
            path = moved;
            seq = a[0];
            millis = a[1];
            current[0] = new Spool.Entry(seq, path, true, millis, obj.length());
        }
    }

    /** Per-event mode: every record of the segment becomes its own object, uploaded concurrently. */
    private void uploadRecords(Spool.Entry seg) throws UploadFailure, IOException, InterruptedException {
        Set<Long> done;
        synchronized (doneRecords) {
            done = doneRecords.computeIfAbsent(seg.seq(), k -> new HashSet<>());
        }
        List<Spool.Record> todo = new ArrayList<>();
        Spool.readRecords(seg.path(), r -> {
            synchronized (doneRecords) {
                if (!done.contains(r.seq())) {
                    todo.add(r);
                }
            }
        });
        List<Future<?>> running = new ArrayList<>(todo.size());
        for (Spool.Record r : todo) {
            running.add(puts.submit(() -> {
                uploadRecord(r);
                synchronized (doneRecords) {
                    done.add(r.seq());
                }
                return null;
            }));
        }
        Exception first = null;
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException ee) {
                if (first == null && ee.getCause() instanceof Exception c) {
                    first = c;
                }
            } catch (InterruptedException ie) {
                running.forEach(x -> x.cancel(true));
                throw ie;
            }
        }
        if (first instanceof UploadFailure uf) {
            throw uf;
        } else if (first instanceof IOException io) {
            throw io;
        } else if (first instanceof InterruptedException ie) {
            throw ie;
        } else if (first != null) {
            throw new IOException(first);
        }
        spool.remove(seg.path());
        synchronized (doneRecords) {
            doneRecords.remove(seg.seq());
        }
    }

    private void uploadRecord(Spool.Record r) throws UploadFailure, IOException {
        byte[] body = compressOne(r.payload());
        long seq = r.seq();
        long millis = r.millis();
        for (int attempt = 0; ; attempt++) {
            String key = keys.render(seq, millis);
            boolean created = putBytes(body, key, r.seq());
            if (created && attempt == 0) {
                collisionStreak.set(0);
            }
            if (created || isOurs(key, r.seq())) {
                break;
            }
            if (attempt >= MAX_COLLISIONS) {
                throw new IOException("no free key after " + MAX_COLLISIONS + " collisions (last " + key + ")");
            }
            long[] a = nextKeyAfterCollision(key);
            seq = a[0];
            millis = a[1];
        }
        metrics.counter("objects").increment();
        metrics.counter("bytes").add(body.length);
    }

    private byte[] compressOne(byte[] payload) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(payload.length + 64);
        try (OutputStream z = cfg.codec().compress(b)) {
            cfg.codec().writeRecord(z, payload);
        }
        return b.toByteArray();
    }

    private long[] nextKeyAfterCollision(String key) throws IOException {
        metrics.counter("collisions").increment();
        long[] a = spool.allocate(clock.millis());
        // Jump ahead, further with each collision in a row, so that two writers with the same Server
        // stop meeting on the same numbers (and leave a range the other writer has used).
        int streak = Math.min(16, collisionStreak.incrementAndGet());
        spool.skipPast(a[0] + ThreadLocalRandom.current().nextLong(1L << (4 + streak)));
        log.info("{}: key {} already exists (another writer with the same Server?): using the next free key",
                cfg.instance(), key);
        return a;
    }

    private PutObjectRequest.Builder putRequest(String key, long originSeq) {
        PutObjectRequest.Builder b = PutObjectRequest.builder().bucket(cfg.s3().bucket()).key(key).ifNoneMatch("*")
                .contentType(cfg.codec().contentType())
                .metadata(Map.of("logship-writer", spool.writerId(), "logship-seq", Long.toString(originSeq)));
        if (cfg.codec().contentEncoding() != null) {
            b.contentEncoding(cfg.codec().contentEncoding());
        }
        if (cfg.serverSideEncryption() != null) {
            b.serverSideEncryption(cfg.serverSideEncryption());
            if (cfg.kmsKeyId() != null) {
                b.ssekmsKeyId(cfg.kmsKeyId());
            }
        }
        if (cfg.storageClass() != null) {
            b.storageClass(cfg.storageClass());
        }
        return b;
    }

    /** True when created, false when the key existed (412). */
    private boolean putBytes(byte[] body, String key, long originSeq) throws UploadFailure {
        long t0 = System.nanoTime();
        try {
            PutObjectRequest.Builder b = putRequest(key, originSeq);
            if (checksumHeader()) {
                CRC32 crc = new CRC32();
                crc.update(body);
                b.checksumCRC32(crc32Base64(crc.getValue()));
            }
            PutObjectRequest req = b.build();
            access.client().putObject(req, RequestBody.fromBytes(body));
            metrics.recordNanos("s3.put", System.nanoTime() - t0);
            return true;
        } catch (RuntimeException e) {
            if (isPreconditionFailed(e)) {
                return false;
            }
            throw new UploadFailure(S3Operation.PUT_OBJECT, key, e);
        }
    }

    private boolean putFile(Path path, long length, String key, long originSeq) throws UploadFailure, InterruptedException, IOException {
        long partSize = Math.max(cfg.partSize(), (length + 9_999) / 10_000);
        long t0 = System.nanoTime();
        if (length <= partSize) {
            try {
                PutObjectRequest.Builder b = putRequest(key, originSeq);
                if (checksumHeader()) {
                    b.checksumCRC32(crc32Base64(crc32(path)));
                }
                access.client().putObject(b.build(),
                        RequestBody.fromContentProvider(() -> slice(path, 0, length), length, cfg.codec().contentType()));
                metrics.recordNanos("s3.put", System.nanoTime() - t0);
                return true;
            } catch (RuntimeException e) {
                if (isPreconditionFailed(e)) {
                    return false;
                }
                throw new UploadFailure(S3Operation.PUT_OBJECT, key, e);
            }
        }
        PutObjectRequest p = putRequest(key, originSeq).build();
        String uploadId;
        try {
            CreateMultipartUploadRequest.Builder c = CreateMultipartUploadRequest.builder().bucket(p.bucket()).key(key)
                    .contentType(p.contentType()).metadata(p.metadata());
            if (p.contentEncoding() != null) {
                c.contentEncoding(p.contentEncoding());
            }
            if (p.serverSideEncryption() != null) {
                c.serverSideEncryption(p.serverSideEncryption());
                c.ssekmsKeyId(p.ssekmsKeyId());
            }
            if (p.storageClass() != null) {
                c.storageClass(p.storageClass());
            }
            uploadId = access.client().createMultipartUpload(c.build()).uploadId();
        } catch (RuntimeException e) {
            throw new UploadFailure(S3Operation.CREATE_MULTIPART_UPLOAD, key, e);
        }
        S3Operation op = S3Operation.UPLOAD_PART;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int n = 1;
            for (long off = 0; off < length; off += partSize, n++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                long len = Math.min(partSize, length - off);
                long o = off;
                int partNumber = n;
                String etag = access.client().uploadPart(b -> b.bucket(p.bucket()).key(key).uploadId(uploadId)
                        .partNumber(partNumber).contentLength(len),
                        RequestBody.fromContentProvider(() -> slice(path, o, len), len, "application/octet-stream"))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
            }
            op = S3Operation.COMPLETE_MULTIPART_UPLOAD;
            access.client().completeMultipartUpload(b -> b.bucket(p.bucket()).key(key).uploadId(uploadId).ifNoneMatch("*")
                    .multipartUpload(m -> m.parts(parts)));
            metrics.recordNanos("s3.multipart", System.nanoTime() - t0);
            metrics.counter("multipart").increment();
            return true;
        } catch (RuntimeException | InterruptedException e) {
            abort(key, uploadId);
            if (e instanceof InterruptedException ie) {
                throw ie;
            }
            if (isPreconditionFailed(e)) {
                return false;
            }
            throw new UploadFailure(op, key, e);
        }
    }

    /**
     * With ChecksumMode when_supported, single-request uploads carry their CRC-32 computed here, in the
     * {@code x-amz-checksum-crc32} header: S3 checks the same checksum, and the SDK then sends a plain body
     * instead of computing a trailer checksum in {@code aws-chunked} encoding (less work on both sides).
     */
    private boolean checksumHeader() {
        return cfg.s3().checksumsWhenSupported();
    }

    static String crc32Base64(long crc) {
        byte[] b = {(byte) (crc >>> 24), (byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc};
        return Base64.getEncoder().encodeToString(b);
    }

    private static long crc32(Path path) throws IOException {
        CRC32 crc = new CRC32();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(256 * 1024);
            while (ch.read(buf) >= 0) {
                buf.flip();
                crc.update(buf);
                buf.clear();
            }
        }
        return crc.getValue();
    }

    private void abort(String key, String uploadId) {
        try {
            access.client().abortMultipartUpload(b -> b.bucket(cfg.s3().bucket()).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            log.debug("{}: abort of multipart upload {} for {} failed: {}", cfg.instance(), uploadId, key, e.toString());
        }
    }

    /** After a 412: the existing object is ours when an earlier attempt of this very upload created it. */
    private boolean isOurs(String key, long originSeq) throws UploadFailure {
        try {
            HeadObjectResponse h = access.client().headObject(b -> b.bucket(cfg.s3().bucket()).key(key));
            Map<String, String> m = h.metadata();
            return spool.writerId().equals(m.get("logship-writer"))
                    && Long.toString(originSeq).equals(m.get("logship-seq"));
        } catch (RuntimeException e) {
            if (S3Errors.statusCode(e) == 404) {
                return false;
            }
            throw new UploadFailure(S3Operation.HEAD_OBJECT, key, e);
        }
    }

    private static boolean isPreconditionFailed(Throwable e) {
        return S3Errors.statusCode(e) == 412 || "PreconditionFailed".equals(S3Errors.errorCode(e));
    }

    private static InputStream slice(Path path, long offset, long length) {
        try {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
            ch.position(offset);
            return new BoundedInputStream(Channels.newInputStream(ch), length);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** For tests: spool files waiting or being uploaded. */
    int pending() {
        return queued.get() + building();
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

    /** Reads at most {@code limit} bytes of the wrapped stream. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
