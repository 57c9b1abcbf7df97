package io.logship.s3.input;

import io.logship.api.Event;
import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.api.LogshipException;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import io.logship.s3.S3Access;
import io.logship.s3.S3Errors;
import io.logship.s3.S3Operation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The im_s3 instance: runs each read. One thread (the host's) calls {@link #read} and posts; {@code Workers}
 * threads download and decode objects ahead of it ({@link ReadAhead}, {@link ObjectFetch},
 * {@link ObjectDecoder}).
 *
 * <p>Each read runs the due AfterRead actions ({@link AfterReadActions}), lists one page ({@link Listing}),
 * reads the page's new and late objects in key order (fetched and decoded in parallel, posted in order),
 * records each finished object ({@link ReadProgress}) and posts its events with positions, and asks for the
 * next read at once while the listing has more pages.
 */
final class S3Input implements InputModule {
    /** Bytes (estimated) of decoded events the workers may hold ahead of the one being posted. */
    static final long PREFETCH_BUDGET = 32L << 20;

    static final String F_BUCKET = "S3Bucket";
    static final String F_KEY = "S3Key";
    static final String F_LAST_MODIFIED = "S3LastModified";
    static final String F_LINE = "S3LineNumber";
    static final String F_ENTRY = "S3ArchiveEntry";

    private final InputSettings settings;

    private ModuleContext context;
    private Logger log;
    private Metrics metrics;
    private S3Access access;
    private S3Errors errors;
    private ExecutorService pool;
    private FailedObjects failed;
    private ObjectFetch fetch;
    private AfterReadActions afterRead;

    // set by the first read
    private ReadProgress progress;
    private Listing listing;
    private ObjectCompletion completion;
    private long unflushedEvents;
    private volatile boolean stopped;
    private volatile InputStream current;
    private volatile ReadAhead readAhead;

    S3Input(InputSettings settings) {
        this.settings = settings;
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
        Path dir = ctx.cacheDir().resolve("im_s3");
        this.failed = new FailedObjects(dir.resolve(safeName(settings.instance()) + ".failed"), settings.instance(),
                settings.s3().bucket(), log, metrics, ctx.clock());
        this.fetch = new ObjectFetch(settings, access.client(), metrics, new ObjectDecoder.Settings(
                S3Location.of(settings), settings.instance(), ctx.moduleName(), settings.json(),
                settings.maxLineLength(), ctx.clock()));
        this.afterRead = new AfterReadActions(settings, access.client(), errors, metrics, log, failed);
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
        if (listing != null) {
            listing.close();
        }
        try {
            if (progress != null) {
                progress.close();
            }
        } catch (IOException e) {
            log.warn("{}: closing {}: {}", settings.instance(), progress.journalFile(), e.toString());
        }
        if (access != null) {
            access.close();
        }
    }

    @Override
    public void read(InputContext ctx) throws LogshipException, InterruptedException {
        if (progress == null) {
            init(ctx);
        }
        afterRead.run(ctx, progress, () -> stopped);
        S3Position r = completion.takeResume();
        if (r != null && !resumeObject(ctx, r)) {
            return;
        }
        if (progress.takeExistingAsRead() && !takeExistingAsRead(ctx)) {
            return;
        }
        Listing.Page page;
        try {
            page = listing.next();
        } catch (SdkException e) {
            metrics.counter("list_errors").increment();
            metrics.counter("failures." + FailedObjects.code(e)).increment();
            errors.report(e, S3Operation.LIST_OBJECTS, settings.prefix());
            ctx.scheduleRead(settings.pollInterval());
            return;
        }
        errors.success(S3Operation.LIST_OBJECTS);
        if (!process(ctx, page.toRead())) {
            return;
        }
        ctx.scheduleRead(listing.pageDone(page));
    }

    private void init(InputContext ctx) throws LogshipException {
        List<String> problems = new ArrayList<>();
        Path journal = context.cacheDir().resolve("im_s3").resolve(safeName(settings.instance()) + ".window");
        ReadProgress p = ReadProgress.load(settings, journal, ctx.committedPosition(), problems);
        problems.forEach(m -> log.warn("{}: {}", settings.instance(), m));
        listing = new Listing(settings, access.client(), metrics, log, p.window());
        completion = new ObjectCompletion(settings, log, metrics, errors, failed, p, listing, () -> stopped);
        progress = p;
        log.info("{}: reading s3://{}/{} from {}", settings.instance(), settings.s3().bucket(), settings.prefix(),
                p.describeStart());
    }

    /** ReadFromLast on a first run: everything listed now counts as read. False when listing failed. */
    private boolean takeExistingAsRead(InputContext ctx) throws LogshipException {
        Listing.Existing existing;
        try {
            existing = listing.listExisting(() -> stopped);
        } catch (SdkException e) {
            metrics.counter("list_errors").increment();
            errors.report(e, S3Operation.LIST_OBJECTS, settings.prefix());
            ctx.scheduleRead(settings.pollInterval());
            return false;
        }
        errors.success(S3Operation.LIST_OBJECTS);
        progress.takeAsRead(existing);
        log.info("{}: ReadFromLast: {} existing object(s) up to '{}' taken as read", settings.instance(),
                existing.count(), existing.lastKey());
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
        long nextSeq = progress.seq();
        String cursor = progress.window().cursor();
        try {
            for (int i = 0; i < objects.size(); i++) {
                while (next < objects.size() && queued.size() < settings.workers() * 2) {
                    Listed o = objects.get(next++);
                    // what the journal sequence and the cursor will be when this object is read: every object
                    // before it is finished exactly once (or the read ends before this one is posted)
                    String after = cursor == null || o.key().compareTo(cursor) > 0 ? o.key() : cursor;
                    cursor = after;
                    ReadAhead.Job job = ahead.job(o, nextSeq++, after, o.size() == 0 ? null : fetch::fetchAndDecode);
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

    /** Posts one object's events as its worker hands them over, then finishes it. False when stopping. */
    private boolean readJob(InputContext ctx, ReadAhead ahead, ReadAhead.Job job)
            throws LogshipException, InterruptedException {
        Listed o = job.object();
        if (o.size() == 0) {
            metrics.counter("objects_skipped_empty").increment();
            progress.finish(o.key(), o.lastModified(), 'e', o.floor());
            return true;
        }
        String cursorNow = progress.cursorAfter(o.key());
        if (job.seq() != progress.seq() || !job.cursorAfter().equals(cursorNow)) {
            throw new IllegalStateException("im_s3 read-ahead out of step at " + o.key() + ": seq " + job.seq()
                    + " cursor " + job.cursorAfter() + ", expected seq " + progress.seq() + " cursor " + cursorNow);
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

    private boolean complete(InputContext ctx, String key, Instant lastModified, ObjectDecoder.Outcome out,
                             String cursorAfter, long skipLines, int skipPieces, String floor)
            throws LogshipException, InterruptedException {
        try {
            return completion.complete(e -> post(ctx, e), key, lastModified, out, cursorAfter, skipLines,
                    skipPieces, floor);
        } finally {
            flushEvents();
        }
    }

    /**
     * Continues the object named by a committed position that was not finished, decoding on this thread.
     * False when stopping.
     */
    private boolean resumeObject(InputContext ctx, S3Position r) throws LogshipException, InterruptedException {
        String floor = progress.resumeFloor(); // the key listed before it is not known after a restart
        ObjectFetch.Opened opened;
        try {
            opened = fetch.openStreaming(r.key(), null);
        } catch (SdkException e) {
            return completion.objectError(r.key(), progress.newestRead(), e, r.line(), floor, r);
        }
        log.info("{}: resuming s3://{}/{} after line {}", settings.instance(), settings.s3().bucket(), r.key(),
                r.line());
        String cursorAfter = progress.cursorAfter(r.key());
        Instant lm = opened.lastModified();
        ObjectDecoder.Outcome out;
        current = opened.body();
        try {
            out = fetch.decoder().decode(opened.body(), r.key(), lm, -1, opened.contentEncoding(), progress.seq(),
                    cursorAfter, r.line(), r.piece(), (e, len) -> post(ctx, e), () -> stopped);
        } finally {
            current = null;
        }
        return complete(ctx, r.key(), lm, out, cursorAfter, r.line(), r.piece(), floor);
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

    Map<String, Object> debugState() {
        LateWindow w = progress.window();
        return Map.of("cursor", String.valueOf(w.cursor()), "window", w.size(), "seq", progress.seq());
    }

    @Override
    public String toString() {
        return "im_s3[" + settings.instance() + ", " + settings.s3() + ", prefix=" + settings.prefix() + "]";
    }
}
