package io.logship.s3.input;

import io.logship.api.Event;
import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.api.LogshipException;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import io.logship.api.Position;
import io.logship.api.RetriableException;
import io.logship.s3.S3Access;
import io.logship.s3.S3Errors;
import io.logship.s3.S3Operation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The im_s3 instance. One thread (the host's) calls {@link #read} and posts; {@code Workers} threads download
 * and decode objects ahead of it ({@link ReadAhead}, {@link ObjectDecoder}).
 *
 * <p>Each read lists one page, reads the page's new and late objects in key order (fetched and decoded in
 * parallel, posted in order), posts their events with positions, and asks for the next read at once while
 * the listing has more pages. A listing pass (all its pages) that found objects to read is followed at once
 * by a catch-up pass that lists only after the cursor; a pass that found nothing waits PollInterval, and the
 * next is a full pass from the late-arrival floor (as is one at least every PollInterval).
 */
final class S3Input implements InputModule {
    /** Objects up to this size are downloaded whole by the workers; larger ones are streamed as they decode. */
    static final long PREFETCH_MAX_OBJECT = 1L << 20;
    /** Bytes (estimated) of decoded events the workers may hold ahead of the one being posted. */
    static final long PREFETCH_BUDGET = 32L << 20;

    static final String F_BUCKET = "S3Bucket";
    static final String F_KEY = "S3Key";
    static final String F_LAST_MODIFIED = "S3LastModified";
    static final String F_LINE = "S3LineNumber";
    static final String F_ENTRY = "S3ArchiveEntry";

    private final InputSettings settings;
    private final String moveToPrefix;

    private ModuleContext context;
    private Logger log;
    private Metrics metrics;
    private S3Access access;
    /** Listings and GetObjects without the SDK pipeline (null: every call through the S3Client). */
    private S3Errors errors;
    private ExecutorService pool;
    private WindowJournal journal;
    private FailedObjects failed;
    private ObjectDecoder.Settings decoderSettings;

    private boolean initialized;
    private LateWindow window;
    private String initialCursor;
    private long seq;
    private S3Position resume;
    private boolean readFromLastPending;
    private String continuation;
    /** The next pass lists only after the cursor (the last pass found objects to read). */
    private boolean catchUp;
    /** Objects to read found by the current pass so far. */
    private long passFound;
    /** The current pass lists from the late-arrival floor (not a catch-up pass). */
    private boolean passFull;
    /** System.nanoTime() when the last full pass (from the late-arrival floor) ended. */
    private long lastFullPassEnd;
    /** The next listing page, fetched in the background while this one's objects are read. */
    private Future<ListObjectsV2Response> nextPage;
    private String nextPageToken;
    private ExecutorService lister;
    private long unflushedEvents;
    /** The last key listed in the current pass ("" before its first, when it lists from the start). */
    private String passPrevious = "";
    private final Deque<Pending> afterRead = new ArrayDeque<>();
    private volatile boolean stopped;
    private volatile InputStream current;
    private volatile ReadAhead readAhead;

    /** An object finished whose AfterRead waits for the commit of its sequence. */
    private record Pending(long seq, String key) {
    }

    /** An object listed for reading; floor: the key listed just before it (see {@link LateWindow.Entry}). */
    record Listed(String key, long size, Instant lastModified, String etag, boolean late, String floor) {
    }

    S3Input(InputSettings settings) {
        this.settings = settings;
        this.moveToPrefix = "move".equals(settings.afterRead()) ? settings.moveTo() : null;
    }

    @Override
    public void start(ModuleContext ctx) throws LogshipException {
        this.context = ctx;
        this.log = ctx.logger();
        this.metrics = ctx.metrics();
        settings.s3().warnings().forEach(log::warn);
        this.access = settings.s3().open(settings.workers() + 4, b -> { });
        this.errors = new S3Errors(settings.s3(), log, ctx.clock());
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.workers(), r -> {
            Thread t = new Thread(r, "im_s3-" + settings.instance() + "-download-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.lister = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "im_s3-" + settings.instance() + "-list");
            t.setDaemon(true);
            return t;
        });
        Path dir = ctx.cacheDir().resolve("im_s3");
        String base = safeName(settings.instance());
        this.journal = new WindowJournal(dir.resolve(base + ".window"));
        this.failed = new FailedObjects(dir.resolve(base + ".failed"));
        this.decoderSettings = new ObjectDecoder.Settings(settings.s3().bucket(), settings.instance(),
                ctx.moduleName(), settings.json(), settings.maxLineLength(), ctx.clock());
    }

    /** The instance name as a file name: anything but letters, digits, '.', '_' and '-' becomes '_'. */
    static String safeName(String instance) {
        String s = instance.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }

    @Override
    public void stop() {
        stopped = true;
        ReadAhead ahead = readAhead;
        if (ahead != null) {
            ahead.close();
        }
        InputStream in = current;
        if (in != null) {
            try {
                in.close();
            } catch (IOException | RuntimeException ignored) {
                // aborting
            }
        }
        if (pool != null) {
            pool.shutdownNow();
        }
        if (lister != null) {
            lister.shutdownNow();
        }
        try {
            if (journal != null) {
                journal.close();
            }
        } catch (IOException e) {
            log.warn("{}: closing {}: {}", settings.instance(), journal.file(), e.toString());
        }
        if (access != null) {
            access.close();
        }
    }

    @Override
    public void read(InputContext ctx) throws LogshipException, InterruptedException {
        if (!initialized) {
            init(ctx);
            initialized = true;
        }
        runAfterRead(ctx);
        if (resume != null) {
            S3Position r = resume;
            resume = null;
            if (!resumeObject(ctx, r)) {
                return;
            }
        }
        if (readFromLastPending) {
            if (!skipExisting(ctx)) {
                return;
            }
            readFromLastPending = false;
        }
        ListObjectsV2Response page;
        try {
            page = listPage();
        } catch (SdkException e) {
            metrics.counter("list_errors").increment();
            metrics.counter("failures." + code(e)).increment();
            errors.report(e, S3Operation.LIST_OBJECTS, settings.prefix());
            continuation = null;
            ctx.scheduleRead(settings.pollInterval());
            return;
        }
        errors.success(S3Operation.LIST_OBJECTS);
        boolean more = Boolean.TRUE.equals(page.isTruncated()) && page.nextContinuationToken() != null;
        if (more) {
            prefetchPage(page.nextContinuationToken());
        }
        List<Listed> candidates = classify(page.contents());
        passFound += candidates.size();
        if (!process(ctx, candidates)) {
            return;
        }
        if (!page.contents().isEmpty()) {
            String last = page.contents().get(page.contents().size() - 1).key();
            if (window.cursor() == null || last.compareTo(window.cursor()) > 0) {
                // everything up to here was read or deliberately skipped (filters, directories)
                window.cursor(last);
            }
        }
        if (more) {
            continuation = page.nextContinuationToken();
            ctx.scheduleRead(Duration.ZERO);
        } else {
            continuation = null;
            if (passFull) {
                lastFullPassEnd = System.nanoTime();
            }
            // found something: list again at once (after the cursor) rather than one PollInterval later
            catchUp = passFound > 0;
            ctx.scheduleRead(catchUp ? Duration.ZERO : settings.pollInterval());
        }
    }

    // ---------------------------------------------------------------- state

    private void init(InputContext ctx) throws LogshipException {
        Optional<String> committedText = ctx.committedPosition();
        S3Position committed = null;
        if (committedText.isPresent()) {
            try {
                committed = S3Position.decode(committedText.get());
            } catch (IllegalArgumentException e) {
                throw new LogshipException(settings.instance() + ": the committed position cannot be read ("
                        + e.getMessage() + "); remove the input's position file to start as on a first run");
            }
        }
        WindowJournal.Loaded loaded;
        try {
            loaded = WindowJournal.load(journal.file());
        } catch (IOException e) {
            throw new LogshipException(settings.instance() + ": cannot read " + journal.file() + ": " + e, e);
        }
        loaded.problems().forEach(p -> log.warn("{}: {}", settings.instance(), p));
        long committedSeq;
        String cursor;
        if (committed != null) {
            committedSeq = committed.seq();
            cursor = committed.cursor();
            initialCursor = loaded.initialCursor();
        } else if (loaded.initialCursor() != null) {
            committedSeq = 0;
            cursor = loaded.initialCursor();
            initialCursor = cursor;
        } else {
            committedSeq = 0;
            cursor = emptyToNull(settings.startAfter());
            initialCursor = cursor;
            readFromLastPending = settings.readFromLast();
        }
        int maxKeys = settings.lateArrivalWindow().isZero() ? 0 : settings.lateArrivalMaxKeys();
        window = new LateWindow(settings.lateArrivalWindow().toMillis(), maxKeys, cursor);
        List<WindowJournal.Line> kept = new ArrayList<>();
        for (WindowJournal.Line l : loaded.lines()) {
            if (l.seq() <= committedSeq) {
                char flag = loaded.actioned().contains(l.seq()) ? 'd' : l.flag();
                WindowJournal.Line k = new WindowJournal.Line(l.seq(), l.lastModified(), flag, l.key(), l.floor());
                kept.add(k);
                window.restore(new LateWindow.Entry(k.key(), k.lastModified(), k.seq(), flag, k.floor()));
                if ((flag == 'r' || flag == 'e') && !"none".equals(settings.afterRead())) {
                    afterRead.add(new Pending(k.seq(), k.key()));
                }
            }
        }
        if (committed != null && committed.done() && !window.contains(committed.key())) {
            // the journal lost it: remember it anyway so it is not taken for a late key
            long lm = window.newest() == Long.MIN_VALUE ? 0 : window.newest();
            window.restore(new LateWindow.Entry(committed.key(), lm, committedSeq, 'd', committed.key()));
        }
        window.expire();
        seq = committedSeq;
        if (committed != null && !committed.done()) {
            resume = committed;
        }
        try {
            journal.rewrite(initialCursor, kept, List.of());
        } catch (IOException e) {
            throw new LogshipException(settings.instance() + ": cannot write " + journal.file() + ": " + e, e);
        }
        log.info("{}: reading s3://{}/{} from {}{}", settings.instance(), settings.s3().bucket(),
                settings.prefix(), committed == null ? "the start (first run)" : "committed position after key '"
                        + committed.key() + "' line " + committed.line() + (committed.done() ? " (done)" : ""),
                window.size() > 0 ? ", " + window.size() + " keys in the late-arrival window" : "");
    }

    /** Records a finished object in the journal and the window (before the event that depends on it). */
    private void finish(String key, Instant lastModified, char flag, String floor) throws LogshipException {
        seq++;
        long lm = lastModified == null ? 0 : lastModified.toEpochMilli();
        char stored = flag == 'r' || flag == 'e' ? ("none".equals(settings.afterRead()) ? 'd' : flag) : flag;
        try {
            journal.append(new WindowJournal.Line(seq, lm, stored, key, floor));
            journal.flush();
        } catch (IOException e) {
            throw new LogshipException(settings.instance() + ": cannot append to " + journal.file() + ": " + e, e);
        }
        window.finished(key, lm, seq, stored, floor);
        if (stored == 'r' || stored == 'e') {
            afterRead.add(new Pending(seq, key));
        }
        if (journal.appended() > 2L * (window.size() + afterRead.size()) + 4096) {
            compactJournal();
        }
    }

    private void compactJournal() throws LogshipException {
        List<WindowJournal.Line> lines = new ArrayList<>();
        java.util.Set<String> inWindow = new java.util.HashSet<>();
        for (LateWindow.Entry e : window.entries()) {
            lines.add(new WindowJournal.Line(e.seq(), e.lastModified(), e.flag(), e.key(), e.floor()));
            inWindow.add(e.key());
        }
        for (Pending p : afterRead) {
            if (!inWindow.contains(p.key())) {
                lines.add(new WindowJournal.Line(p.seq(), 0, 'r', p.key(), p.key()));
            }
        }
        try {
            journal.rewrite(initialCursor, lines, List.of());
        } catch (IOException e) {
            throw new LogshipException(settings.instance() + ": cannot rewrite " + journal.file() + ": " + e, e);
        }
    }

    // ---------------------------------------------------------------- after read

    private void runAfterRead(InputContext ctx) throws RetriableException {
        if (afterRead.isEmpty()) {
            return;
        }
        long committedSeq;
        try {
            committedSeq = ctx.committedPosition().map(S3Position::decode).map(S3Position::seq).orElse(-1L);
        } catch (IllegalArgumentException e) {
            return;
        }
        while (!afterRead.isEmpty() && afterRead.peekFirst().seq() <= committedSeq && !stopped) {
            Pending p = afterRead.peekFirst();
            String bucket = settings.s3().bucket();
            S3Operation op = S3Operation.DELETE_OBJECT;
            try {
                if ("move".equals(settings.afterRead())) {
                    String rel = p.key().startsWith(settings.prefix())
                            ? p.key().substring(settings.prefix().length()) : p.key();
                    String target = moveToPrefix + rel;
                    op = S3Operation.COPY_OBJECT;
                    access.client().copyObject(b -> b.sourceBucket(bucket).sourceKey(p.key())
                            .destinationBucket(bucket).destinationKey(target));
                    op = S3Operation.DELETE_OBJECT;
                }
                access.client().deleteObject(b -> b.bucket(bucket).key(p.key()));
                metrics.counter("objects_after_read_" + settings.afterRead()).increment();
            } catch (SdkException e) {
                String advice = errors.report(e, op, p.key());
                if (S3Errors.isRetriable(e)) {
                    throw new RetriableException(advice, e);
                }
                recordFailure(p.key(), code(e), "AfterRead " + settings.afterRead() + " failed: " + advice, 0);
            }
            afterRead.pollFirst();
            window.actioned(p.key());
            try {
                journal.appendAction(p.seq());
                journal.flush();
            } catch (IOException e) {
                log.warn("{}: cannot append to {}: {}", settings.instance(), journal.file(), e.toString());
            }
        }
    }

    // ---------------------------------------------------------------- listing

    /** One listing page. */
    private ListObjectsV2Response listObjects(ListObjectsV2Request request) {
        return access.client().listObjectsV2(request);
    }

    private ListObjectsV2Request.Builder listRequest() {
        ListObjectsV2Request.Builder b = ListObjectsV2Request.builder().bucket(settings.s3().bucket())
                .maxKeys(settings.maxKeys());
        if (!settings.prefix().isEmpty()) {
            b.prefix(settings.prefix());
        }
        return b;
    }

    /** Lists the page after {@code token} in the background, while this page's objects are read. */
    private void prefetchPage(String token) {
        ListObjectsV2Request request = listRequest().continuationToken(token).build();
        try {
            nextPage = lister.submit(() -> {
                long t0 = System.nanoTime();
                ListObjectsV2Response r = listObjects(request);
                metrics.recordNanos("s3.list", System.nanoTime() - t0);
                return r;
            });
            nextPageToken = token;
        } catch (RejectedExecutionException e) {
            nextPage = null; // stopping
        }
    }

    /** The next page: the one fetched in the background for this continuation, or a new request. */
    private ListObjectsV2Response listPage() throws InterruptedException {
        Future<ListObjectsV2Response> prefetched = nextPage;
        nextPage = null;
        if (prefetched != null) {
            if (continuation != null && continuation.equals(nextPageToken)) {
                try {
                    return prefetched.get();
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) {
                        throw re; // SdkException: a listing error like any other
                    } else if (c instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(c);
                } catch (CancellationException e) {
                    // listed again below
                }
            } else {
                prefetched.cancel(true); // the pass was abandoned (an error): it starts again
            }
        }
        ListObjectsV2Request.Builder b = listRequest();
        if (continuation != null) {
            b.continuationToken(continuation);
        } else {
            // a new pass: a catch-up pass lists only the keys after the cursor (new ones); a full pass lists
            // from the late-arrival floor, so it also finds late keys
            passFull = !catchUp || System.nanoTime() - lastFullPassEnd >= settings.pollInterval().toNanos();
            String after = passFull ? window.listAfter() : window.cursor();
            if (after != null && after.compareTo(settings.prefix()) >= 0) {
                b.startAfter(after);
            }
            passFound = 0;
            passPrevious = after == null ? "" : after;
        }
        long t0 = System.nanoTime();
        ListObjectsV2Response r = listObjects(b.build());
        metrics.recordNanos("s3.list", System.nanoTime() - t0);
        return r;
    }

    private List<Listed> classify(List<S3Object> objects) {
        List<Listed> out = new ArrayList<>();
        long listed = 0;
        long matched = 0;
        long late = 0;
        long dirs = 0;
        long filtered = 0;
        for (S3Object o : objects) {
            listed++;
            String key = o.key();
            String previous = passPrevious;
            passPrevious = key;
            if (key.endsWith("/")) {
                dirs++;
                continue;
            }
            if (moveToPrefix != null && key.startsWith(moveToPrefix)) {
                continue;
            }
            Instant lm = o.lastModified();
            if (!settings.patterns().matches(key)
                    || (settings.modifiedAfter() != null && lm != null && lm.isBefore(settings.modifiedAfter()))) {
                filtered++;
                continue;
            }
            LateWindow.Verdict v = window.classify(key, lm == null ? 0 : lm.toEpochMilli());
            if (v == LateWindow.Verdict.NEW || v == LateWindow.Verdict.LATE) {
                matched++;
                if (v == LateWindow.Verdict.LATE) {
                    late++;
                }
                out.add(new Listed(key, o.size() == null ? -1 : o.size(), lm, o.eTag(),
                        v == LateWindow.Verdict.LATE, previous));
            }
        }
        metrics.counter("objects_listed").add(listed);
        metrics.counter("objects_matched").add(matched);
        if (late > 0) {
            metrics.counter("objects_late").add(late);
            log.info("{}: {} late object(s) found (keys sorting before the position, appeared since)",
                    settings.instance(), late);
        }
        if (dirs > 0) {
            metrics.counter("objects_skipped_directory").add(dirs);
        }
        if (filtered > 0) {
            metrics.counter("objects_skipped_filter").add(filtered);
        }
        return out;
    }

    /** ReadFromLast on a first run: everything listed now counts as read. */
    private boolean skipExisting(InputContext ctx) throws LogshipException {
        String token = null;
        String last = window.cursor();
        java.util.PriorityQueue<S3Object> recent = new java.util.PriorityQueue<>(
                java.util.Comparator.comparing(S3Object::lastModified,
                        java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        Map<String, String> previous = new HashMap<>();
        String prev = "";
        long existing = 0;
        long newest = Long.MIN_VALUE;
        do {
            ListObjectsV2Request.Builder b = ListObjectsV2Request.builder().bucket(settings.s3().bucket())
                    .maxKeys(settings.maxKeys());
            if (!settings.prefix().isEmpty()) {
                b.prefix(settings.prefix());
            }
            if (token != null) {
                b.continuationToken(token);
            }
            ListObjectsV2Response r;
            try {
                long t0 = System.nanoTime();
                r = listObjects(b.build());
                metrics.recordNanos("s3.list", System.nanoTime() - t0);
            } catch (SdkException e) {
                metrics.counter("list_errors").increment();
                errors.report(e, S3Operation.LIST_OBJECTS, settings.prefix());
                ctx.scheduleRead(settings.pollInterval());
                return false;
            }
            for (S3Object o : r.contents()) {
                if (last == null || o.key().compareTo(last) > 0) {
                    last = o.key();
                }
                long lm = o.lastModified() == null ? 0 : o.lastModified().toEpochMilli();
                newest = Math.max(newest, lm);
                existing++;
                if (!o.key().endsWith("/") && settings.lateArrivalMaxKeys() > 0) {
                    recent.add(o);
                    previous.put(o.key(), prev);
                    if (recent.size() > settings.lateArrivalMaxKeys()) {
                        previous.remove(recent.poll().key());
                    }
                }
                prev = o.key();
            }
            token = Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null;
        } while (token != null && !stopped);
        errors.success(S3Operation.LIST_OBJECTS);
        List<WindowJournal.Line> lines = new ArrayList<>();
        long horizon = newest - settings.lateArrivalWindow().toMillis();
        for (S3Object o : recent) {
            long lm = o.lastModified() == null ? 0 : o.lastModified().toEpochMilli();
            if (lm >= horizon && !o.key().endsWith("/")) {
                window.restore(new LateWindow.Entry(o.key(), lm, 0, 'd', previous.get(o.key())));
            }
        }
        window.expire();
        window.cursor(last);
        initialCursor = last;
        for (LateWindow.Entry e : window.entries()) {
            lines.add(new WindowJournal.Line(0, e.lastModified(), 'd', e.key(), e.floor()));
        }
        try {
            journal.rewrite(initialCursor, lines, List.of());
        } catch (IOException e) {
            throw new LogshipException(settings.instance() + ": cannot write " + journal.file() + ": " + e, e);
        }
        log.info("{}: ReadFromLast: {} existing object(s) up to '{}' taken as read", settings.instance(),
                existing, last);
        return true;
    }

    // ---------------------------------------------------------------- reading objects

    /**
     * Reads the listed objects in key order: up to {@code Workers} of them are fetched and decoded on the
     * download workers at a time ({@link ReadAhead}), and this thread posts their events in order and records
     * each object as finished. False when stopping.
     */
    private boolean process(InputContext ctx, List<Listed> objects) throws LogshipException, InterruptedException {
        if (objects.isEmpty()) {
            return true;
        }
        ReadAhead ahead = new ReadAhead(PREFETCH_BUDGET);
        readAhead = ahead;
        Deque<ReadAhead.Job> queued = new ArrayDeque<>();
        int next = 0;
        long nextSeq = seq;
        String cursor = window.cursor();
        try {
            for (int i = 0; i < objects.size(); i++) {
                while (next < objects.size() && queued.size() < settings.workers() * 2) {
                    Listed o = objects.get(next++);
                    // what the journal sequence and the cursor will be when this object is read: every object
                    // before it is finished exactly once (or the read ends before this one is posted)
                    String after = cursor == null || o.key().compareTo(cursor) > 0 ? o.key() : cursor;
                    cursor = after;
                    ReadAhead.Job job = ahead.job(o, nextSeq++, after, o.size() == 0 ? null : this::fetchAndDecode);
                    if (o.size() != 0) {
                        if (stopped) {
                            return false;
                        }
                        try {
                            job.future(pool.submit(job));
                        } catch (RejectedExecutionException e) {
                            return false; // stopping
                        }
                    }
                    queued.add(job);
                }
                if (stopped || ctx.isStopping()) {
                    return false;
                }
                if (!readJob(ctx, ahead, queued.pollFirst())) {
                    return false;
                }
            }
            return true;
        } finally {
            ahead.close();
            readAhead = null;
            metrics.counter("readahead_wait_ms").add(ahead.waitedNanos() / 1_000_000);
        }
    }

    /** On a download worker: fetches one listed object and decodes it into the job. */
    private ObjectDecoder.Outcome fetchAndDecode(ReadAhead.Job job) throws InterruptedException {
        Listed o = job.object();
        InputStream body;
        long fetched = 0;
        try {
            if (o.size() > 0 && o.size() <= PREFETCH_MAX_OBJECT) {
                // small: downloaded whole, so the connection goes back to the pool at once
                long t0 = System.nanoTime();
                GetObjectRequest.Builder rb = GetObjectRequest.builder().bucket(settings.s3().bucket()).key(o.key());
                if (settings.s3().checksumsWhenSupported()) {
                    rb.checksumMode(ChecksumMode.ENABLED); // as the S3Client does: the body is checked
                }
                GetObjectRequest req = rb.build();
                ResponseInputStream<GetObjectResponse> in = access.client().getObject(req);
                job.stream(in);
                byte[] b;
                try (in) {
                    b = in.readAllBytes();
                }
                metrics.recordNanos("s3.get", System.nanoTime() - t0);
                fetched = b.length;
                body = new ByteArrayInputStream(b);
            } else {
                body = openStreaming(o.key(), o.etag());
                job.stream(body);
            }
        } catch (Exception e) {
            ObjectDecoder.Outcome out = new ObjectDecoder.Outcome();
            out.end = job.cancelled() ? ObjectDecoder.End.STOPPED : ObjectDecoder.End.NOT_FETCHED;
            out.fetchError = e;
            return out;
        }
        ObjectDecoder.Outcome out = new ObjectDecoder(decoderSettings).decode(body, o.key(), o.lastModified(),
                o.size(), job.seq(), job.cursorAfter(), 0, 0, job, job::cancelled);
        out.stats.bytes += fetched;
        return out;
    }

    /** Posts one object's events as its worker hands them over, then finishes it. False when stopping. */
    private boolean readJob(InputContext ctx, ReadAhead ahead, ReadAhead.Job job)
            throws LogshipException, InterruptedException {
        Listed o = job.object();
        if (o.size() == 0) {
            metrics.counter("objects_skipped_empty").increment();
            finish(o.key(), o.lastModified(), 'e', o.floor());
            return true;
        }
        String cursorNow = cursorAfter(o.key());
        if (job.seq() != seq || !job.cursorAfter().equals(cursorNow)) {
            throw new IllegalStateException("im_s3 read-ahead out of step at " + o.key() + ": seq " + job.seq()
                    + " cursor " + job.cursorAfter() + ", expected seq " + seq + " cursor " + cursorNow);
        }
        ReadAhead.Chunk chunk;
        while ((chunk = ahead.take(job)) != null) {
            Event[] events = chunk.events();
            for (int k = 0, n = chunk.count(); k < n; k++) {
                if (!post(ctx, events[k])) {
                    return false;
                }
            }
        }
        if (stopped) {
            return false;
        }
        Throwable failure = job.failure();
        if (failure instanceof Error err) {
            throw err;
        } else if (failure != null) {
            throw new LogshipException(settings.instance() + ": reading s3://" + settings.s3().bucket() + "/"
                    + o.key() + " failed unexpectedly: " + failure, failure);
        }
        ObjectDecoder.Outcome out = job.outcome();
        if (out == null) {
            return false; // cancelled
        }
        return complete(ctx, o.key(), o.lastModified(), out, job.cursorAfter(), 0, 0, o.floor());
    }

    /** The cursor once {@code key} is read: the key, or the current cursor when that sorts after it. */
    private String cursorAfter(String key) {
        return window.cursor() == null || key.compareTo(window.cursor()) > 0 ? key : window.cursor();
    }

    private InputStream openStreaming(String key, String etag) {
        long t0 = System.nanoTime();
        ResponseInputStream<GetObjectResponse> first = getStream(
                GetObjectRequest.builder().bucket(settings.s3().bucket()).key(key).build());
        metrics.recordNanos("s3.get", System.nanoTime() - t0);
        String pinned = etag != null ? etag : first.response().eTag();
        return new ResumingObjectStream(first, offset -> getStream(GetObjectRequest.builder()
                .bucket(settings.s3().bucket()).key(key).range("bytes=" + offset + "-")
                .ifMatch(pinned).build()), settings.s3().maxRetries() + 2);
    }

    /** A streamed GetObject. */
    private ResponseInputStream<GetObjectResponse> getStream(GetObjectRequest request) {
        return access.client().getObject(request);
    }

    /**
     * Continues the object named by a committed position that was not finished, decoding on this thread.
     * False when stopping.
     */
    private boolean resumeObject(InputContext ctx, S3Position r) throws LogshipException, InterruptedException {
        String floor = window.floorFor(initialCursor); // the key listed before it is not known after a restart
        InputStream body;
        Instant lm;
        try {
            long t0 = System.nanoTime();
            ResponseInputStream<GetObjectResponse> first = getStream(
                    GetObjectRequest.builder().bucket(settings.s3().bucket()).key(r.key()).build());
            metrics.recordNanos("s3.get", System.nanoTime() - t0);
            lm = first.response().lastModified();
            String etag = first.response().eTag();
            body = new ResumingObjectStream(first, offset -> getStream(GetObjectRequest.builder()
                    .bucket(settings.s3().bucket()).key(r.key()).range("bytes=" + offset + "-")
                    .ifMatch(etag).build()), settings.s3().maxRetries() + 2);
        } catch (SdkException e) {
            if (S3Errors.isRetriable(e)) {
                resume = r;
            }
            Instant guess = window.newest() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(window.newest());
            return objectError(r.key(), guess, e, r.line(), floor);
        }
        log.info("{}: resuming s3://{}/{} after line {}", settings.instance(), settings.s3().bucket(), r.key(),
                r.line());
        String cursorAfter = cursorAfter(r.key());
        ObjectDecoder.Outcome out;
        current = body;
        try {
            out = new ObjectDecoder(decoderSettings).decode(body, r.key(), lm, -1, seq, cursorAfter, r.line(),
                    r.piece(), (e, len) -> post(ctx, e), () -> stopped);
        } finally {
            current = null;
        }
        return complete(ctx, r.key(), lm, out, cursorAfter, r.line(), r.piece(), floor);
    }

    /**
     * Handles a failure to get an object: transient ones end this read (the object is tried again at the
     * next), others are recorded and the object is finished as failed.
     */
    private boolean objectError(String key, Instant lastModified, Throwable t, long lines, String floor)
            throws LogshipException {
        String code = code(t);
        metrics.counter("failures." + code).increment();
        if (S3Errors.isRetriable(t) || t instanceof ResumingObjectStream.TransientReadException) {
            String advice = errors.report(t, S3Operation.GET_OBJECT, key);
            continuation = null;
            catchUp = false; // the retry lists the whole window again
            throw new RetriableException(settings.instance() + ": " + advice, t);
        }
        String reason = t instanceof SdkException ? errors.report(t, S3Operation.GET_OBJECT, key)
                : String.valueOf(t);
        metrics.counter("objects_failed").increment();
        recordFailure(key, code, reason, lines);
        finish(key, lastModified, 'f', floor);
        return true;
    }

    private void recordFailure(String key, String code, String reason, long lines) {
        metrics.counter("failed_list_entries").increment();
        log.warn("{}: s3://{}/{}: {} (after {} lines); recorded in {}", settings.instance(),
                settings.s3().bucket(), key, reason, lines, failed.file());
        try {
            failed.record(context.clock().instant(), settings.s3().bucket(), key, code, reason, lines);
        } catch (IOException e) {
            log.error("{}: cannot append to {}: {}", settings.instance(), failed.file(), e.toString());
        }
    }

    /**
     * After an object's events (all but its last) were posted: records it as finished in the journal and
     * the window, then posts its last event, whose position says "done". When the connection was lost for
     * good, posts the last event read as not done and ends the read (the object is resumed from there at the
     * next). False when stopping.
     */
    private boolean complete(InputContext ctx, String key, Instant lastModified, ObjectDecoder.Outcome out,
                             String cursorAfter, long skipLines, int skipPieces, String floor)
            throws LogshipException, InterruptedException {
        String bucket = settings.s3().bucket();
        for (String note : out.notes) {
            log.info("{}: s3://{}/{}: {}", settings.instance(), bucket, key, note);
        }
        ObjectDecoder.ObjectStats stats = out.stats;
        switch (out.end) {
            case STOPPED:
                return false;
            case NOT_FETCHED:
                return objectError(key, lastModified, out.fetchError, 0, floor);
            case TRANSIENT: {
                if (stopped) {
                    return false;
                }
                // post what was read; the rest is read again from there at the next read
                if (out.last != null) {
                    out.last.position(new ObjectDecoder.Positions(seq, key, cursorAfter)
                            .of(out.lastLines, out.lastPieces));
                    if (!post(ctx, out.last)) {
                        return false;
                    }
                    resume = new S3Position(seq, out.lastLines, out.lastPieces, false, key, cursorAfter);
                } else {
                    resume = new S3Position(seq, skipLines, skipPieces, false, key, cursorAfter);
                }
                stats.flush(metrics);
                flushEvents();
                Throwable cause = out.transientCause.getCause();
                if (cause instanceof SdkException && !S3Errors.isRetriable(cause)) {
                    resume = null;
                    return objectError(key, lastModified, cause, out.lines, floor);
                }
                return objectError(key, lastModified, out.transientCause, out.lines, floor);
            }
            default:
                break;
        }
        String problem = out.end == ObjectDecoder.End.CORRUPT ? out.problem : null;
        if (problem != null) {
            metrics.counter("objects_failed").increment();
        }
        String summary = stats.summary(problem);
        if (summary != null) {
            recordFailure(key, problem != null ? "corrupt" : stats.code(), summary, out.lines);
        }
        // an object with any recorded problem is left in place by AfterRead
        finish(key, lastModified, summary != null ? 'f' : 'r', floor);
        if (out.last != null) {
            out.last.position(new Position("", S3Position.value(seq, out.lastLines, out.lastPieces, true,
                    S3Position.keySuffix(key, cursorAfter))));
            if (!post(ctx, out.last)) {
                return false;
            }
        }
        if (problem == null) {
            metrics.counter("objects_read").increment();
            errors.success(S3Operation.GET_OBJECT);
        }
        stats.flush(metrics);
        flushEvents();
        return true;
    }

    private boolean post(InputContext ctx, Event e) throws InterruptedException {
        if (stopped) {
            return false;
        }
        if (!ctx.post(e)) {
            return false;
        }
        if (++unflushedEvents >= 4096) {
            flushEvents();
        }
        return true;
    }

    private void flushEvents() {
        if (unflushedEvents > 0) {
            metrics.counter("events").add(unflushedEvents);
            unflushedEvents = 0;
        }
    }

    private static String code(Throwable t) {
        String c = S3Errors.errorCode(t);
        return c != null ? c : t.getClass().getSimpleName();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    Map<String, Object> debugState() {
        return Map.of("cursor", String.valueOf(window.cursor()), "window", window.size(), "seq", seq);
    }

    @Override
    public String toString() {
        return "im_s3[" + settings.instance() + ", " + settings.s3() + ", prefix=" + settings.prefix() + "]";
    }
}
