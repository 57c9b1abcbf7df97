package io.logship.s3.input;

import io.logship.api.Event;
import io.logship.api.Fields;
import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.api.LogshipException;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import io.logship.api.Position;
import io.logship.api.RetriableException;
import io.logship.s3.EventJson;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The im_s3 instance. One thread (the host's) calls {@link #read}; {@code Workers} threads only download.
 *
 * <p>Each read lists one page (from the late-arrival floor or the cursor), reads the page's new and late
 * objects in key order (downloading the next ones in parallel), posts their events with positions, and
 * asks for the next read at once while the listing has more pages, else after PollInterval.
 */
final class S3Input implements InputModule {
    /** Objects up to this size are downloaded whole by the workers; larger ones are streamed in order. */
    static final long PREFETCH_MAX_OBJECT = 1L << 20;
    /** Bytes the workers may hold downloaded ahead of the reader. */
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
    private S3Client client;
    private S3Errors errors;
    private ExecutorService pool;
    private WindowJournal journal;
    private FailedObjects failed;
    private final Utf8 utf8 = new Utf8();

    private boolean initialized;
    private LateWindow window;
    private String initialCursor;
    private long seq;
    private S3Position resume;
    private boolean readFromLastPending;
    private String continuation;
    private boolean passActive;
    private final Deque<Pending> afterRead = new ArrayDeque<>();
    private volatile boolean stopped;
    private volatile InputStream current;

    /** An object finished whose AfterRead waits for the commit of its sequence. */
    private record Pending(long seq, String key) {
    }

    /** An object listed for reading. */
    record Listed(String key, long size, Instant lastModified, String etag, boolean late) {
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
        this.client = settings.s3().newClient(settings.workers() + 4);
        this.errors = new S3Errors(settings.s3(), log, ctx.clock());
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.workers(), r -> {
            Thread t = new Thread(r, "im_s3-" + settings.instance() + "-download-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Path dir = ctx.cacheDir().resolve("im_s3");
        String base = safeName(settings.instance());
        this.journal = new WindowJournal(dir.resolve(base + ".window"));
        this.failed = new FailedObjects(dir.resolve(base + ".failed"));
    }

    /** The instance name as a file name: anything but letters, digits, '.', '_' and '-' becomes '_'. */
    static String safeName(String instance) {
        String s = instance.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }

    @Override
    public void stop() {
        stopped = true;
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
        try {
            if (journal != null) {
                journal.close();
            }
        } catch (IOException e) {
            log.warn("{}: closing {}: {}", settings.instance(), journal.file(), e.toString());
        }
        if (client != null) {
            client.close();
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
            passActive = false;
            ctx.scheduleRead(settings.pollInterval());
            return;
        }
        errors.success(S3Operation.LIST_OBJECTS);
        List<Listed> candidates = classify(page.contents());
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
        if (Boolean.TRUE.equals(page.isTruncated()) && page.nextContinuationToken() != null) {
            continuation = page.nextContinuationToken();
            ctx.scheduleRead(Duration.ZERO);
        } else {
            continuation = null;
            passActive = false;
            ctx.scheduleRead(settings.pollInterval());
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
                WindowJournal.Line k = new WindowJournal.Line(l.seq(), l.lastModified(), flag, l.key());
                kept.add(k);
                window.restore(new LateWindow.Entry(k.key(), k.lastModified(), k.seq(), flag));
                if ((flag == 'r' || flag == 'e') && !"none".equals(settings.afterRead())) {
                    afterRead.add(new Pending(k.seq(), k.key()));
                }
            }
        }
        if (committed != null && committed.done() && !window.contains(committed.key())) {
            // the journal lost it: remember it anyway so it is not taken for a late key
            long lm = window.newest() == Long.MIN_VALUE ? 0 : window.newest();
            window.restore(new LateWindow.Entry(committed.key(), lm, committedSeq, 'd'));
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
    private void finish(String key, Instant lastModified, char flag) throws LogshipException {
        seq++;
        long lm = lastModified == null ? 0 : lastModified.toEpochMilli();
        char stored = flag == 'r' || flag == 'e' ? ("none".equals(settings.afterRead()) ? 'd' : flag) : flag;
        try {
            journal.append(new WindowJournal.Line(seq, lm, stored, key));
            journal.flush();
        } catch (IOException e) {
            throw new LogshipException(settings.instance() + ": cannot append to " + journal.file() + ": " + e, e);
        }
        window.finished(key, lm, seq, stored);
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
            lines.add(new WindowJournal.Line(e.seq(), e.lastModified(), e.flag(), e.key()));
            inWindow.add(e.key());
        }
        for (Pending p : afterRead) {
            if (!inWindow.contains(p.key())) {
                lines.add(new WindowJournal.Line(p.seq(), 0, 'r', p.key()));
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
                    client.copyObject(b -> b.sourceBucket(bucket).sourceKey(p.key())
                            .destinationBucket(bucket).destinationKey(target));
                    op = S3Operation.DELETE_OBJECT;
                }
                client.deleteObject(b -> b.bucket(bucket).key(p.key()));
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

    private ListObjectsV2Response listPage() {
        ListObjectsV2Request.Builder b = ListObjectsV2Request.builder().bucket(settings.s3().bucket())
                .maxKeys(settings.maxKeys());
        if (!settings.prefix().isEmpty()) {
            b.prefix(settings.prefix());
        }
        if (continuation != null) {
            b.continuationToken(continuation);
        } else {
            String after = window.listAfter();
            if (after != null && after.compareTo(settings.prefix()) >= 0) {
                b.startAfter(after);
            }
            passActive = true;
        }
        long t0 = System.nanoTime();
        ListObjectsV2Response r = client.listObjectsV2(b.build());
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
                        v == LateWindow.Verdict.LATE));
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
                r = client.listObjectsV2(b.build());
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
                    if (recent.size() > settings.lateArrivalMaxKeys()) {
                        recent.poll();
                    }
                }
            }
            token = Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null;
        } while (token != null && !stopped);
        errors.success(S3Operation.LIST_OBJECTS);
        List<WindowJournal.Line> lines = new ArrayList<>();
        long horizon = newest - settings.lateArrivalWindow().toMillis();
        for (S3Object o : recent) {
            long lm = o.lastModified() == null ? 0 : o.lastModified().toEpochMilli();
            if (lm >= horizon && !o.key().endsWith("/")) {
                window.restore(new LateWindow.Entry(o.key(), lm, 0, 'd'));
            }
        }
        window.expire();
        window.cursor(last);
        initialCursor = last;
        for (LateWindow.Entry e : window.entries()) {
            lines.add(new WindowJournal.Line(0, e.lastModified(), 'd', e.key()));
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

    /** Reads the listed objects in order, downloading ahead. False when stopping. */
    private boolean process(InputContext ctx, List<Listed> objects) throws LogshipException, InterruptedException {
        Deque<Slot> ahead = new ArrayDeque<>();
        long aheadBytes = 0;
        int next = 0;
        try {
            for (int i = 0; i < objects.size(); i++) {
                while (next < objects.size() && ahead.size() < settings.workers() * 2) {
                    Listed o = objects.get(next);
                    boolean small = o.size() > 0 && o.size() <= PREFETCH_MAX_OBJECT;
                    if (small && aheadBytes + o.size() > PREFETCH_BUDGET && !ahead.isEmpty()) {
                        break;
                    }
                    ahead.add(new Slot(o, small ? pool.submit(() -> download(o)) : null));
                    if (small) {
                        aheadBytes += o.size();
                    }
                    next++;
                }
                Slot slot = ahead.pollFirst();
                if (slot.body() != null) {
                    aheadBytes -= slot.object().size();
                }
                if (stopped || ctx.isStopping()) {
                    return false;
                }
                if (!readListed(ctx, slot.object(), slot.body())) {
                    return false;
                }
            }
            return true;
        } finally {
            for (Slot s : ahead) {
                if (s.body() != null) {
                    s.body().cancel(true);
                }
            }
        }
    }

    /** An object in the read-ahead queue, with its download when it is small enough to hold. */
    private record Slot(Listed object, Future<byte[]> body) {
    }

    private byte[] download(Listed o) throws IOException {
        long t0 = System.nanoTime();
        try (ResponseInputStream<GetObjectResponse> in = client.getObject(
                GetObjectRequest.builder().bucket(settings.s3().bucket()).key(o.key()).build())) {
            byte[] b = in.readAllBytes();
            metrics.recordNanos("s3.get", System.nanoTime() - t0);
            return b;
        }
    }

    /** One listed object: empty, prefetched, or streamed. False when stopping. */
    private boolean readListed(InputContext ctx, Listed o, Future<byte[]> prefetched)
            throws LogshipException, InterruptedException {
        if (o.size() == 0) {
            metrics.counter("objects_skipped_empty").increment();
            finish(o.key(), o.lastModified(), 'e');
            return true;
        }
        InputStream body;
        Instant lm = o.lastModified();
        try {
            if (prefetched != null) {
                byte[] bytes;
                try {
                    bytes = prefetched.get();
                } catch (ExecutionException e) {
                    throw e.getCause();
                } catch (CancellationException e) {
                    return false;
                }
                metrics.counter("bytes_downloaded").add(bytes.length);
                body = new ByteArrayInputStream(bytes);
            } else {
                body = openStreaming(o.key(), o.etag());
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Throwable t) {
            return objectError(o.key(), o.lastModified(), t, 0);
        }
        return readBody(ctx, o.key(), lm, body, 0, 0, prefetched == null, o.size());
    }

    private InputStream openStreaming(String key, String etag) {
        long t0 = System.nanoTime();
        ResponseInputStream<GetObjectResponse> first = client.getObject(
                GetObjectRequest.builder().bucket(settings.s3().bucket()).key(key).build());
        metrics.recordNanos("s3.get", System.nanoTime() - t0);
        String pinned = etag != null ? etag : first.response().eTag();
        return new ResumingObjectStream(first, offset -> client.getObject(GetObjectRequest.builder()
                .bucket(settings.s3().bucket()).key(key).range("bytes=" + offset + "-")
                .ifMatch(pinned).build()), settings.s3().maxRetries() + 2);
    }

    /** Continues the object named by a committed position that was not finished. False when stopping. */
    private boolean resumeObject(InputContext ctx, S3Position r) throws LogshipException, InterruptedException {
        InputStream body;
        Instant lm;
        try {
            long t0 = System.nanoTime();
            ResponseInputStream<GetObjectResponse> first = client.getObject(
                    GetObjectRequest.builder().bucket(settings.s3().bucket()).key(r.key()).build());
            metrics.recordNanos("s3.get", System.nanoTime() - t0);
            lm = first.response().lastModified();
            String etag = first.response().eTag();
            body = new ResumingObjectStream(first, offset -> client.getObject(GetObjectRequest.builder()
                    .bucket(settings.s3().bucket()).key(r.key()).range("bytes=" + offset + "-")
                    .ifMatch(etag).build()), settings.s3().maxRetries() + 2);
        } catch (SdkException e) {
            if (S3Errors.isRetriable(e)) {
                resume = r;
            }
            Instant guess = window.newest() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(window.newest());
            return objectError(r.key(), guess, e, r.line());
        }
        log.info("{}: resuming s3://{}/{} after line {}", settings.instance(), settings.s3().bucket(), r.key(),
                r.line());
        return readBody(ctx, r.key(), lm, body, r.line(), r.piece(), true, -1);
    }

    /**
     * Handles a failure to get an object: transient ones end this read (the object is tried again at the
     * next), others are recorded and the object is finished as failed.
     */
    private boolean objectError(String key, Instant lastModified, Throwable t, long lines) throws LogshipException {
        String code = code(t);
        metrics.counter("failures." + code).increment();
        if (S3Errors.isRetriable(t) || t instanceof ResumingObjectStream.TransientReadException) {
            String advice = errors.report(t, S3Operation.GET_OBJECT, key);
            passActive = false;
            continuation = null;
            throw new RetriableException(settings.instance() + ": " + advice, t);
        }
        String reason = t instanceof SdkException ? errors.report(t, S3Operation.GET_OBJECT, key)
                : String.valueOf(t);
        metrics.counter("objects_failed").increment();
        recordFailure(key, code, reason, lines);
        finish(key, lastModified, 'f');
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
     * Decodes and posts one object's content from (skipLines, skipPieces) on. Posts each event one record
     * late, so the object's last event carries "done". False when stopping.
     */
    private boolean readBody(InputContext ctx, String key, Instant lastModified, InputStream body, long skipLines,
                             int skipPieces, boolean streaming, long size)
            throws LogshipException, InterruptedException {
        String bucket = settings.s3().bucket();
        String cursorAfter = window.cursor() == null || key.compareTo(window.cursor()) > 0 ? key : window.cursor();
        String keySuffix = S3Position.keySuffix(key, cursorAfter);
        String moduleName = context.moduleName();
        String instance = settings.instance();
        ObjectStats stats = new ObjectStats();
        Event pending = null;
        long pendingLines = 0;
        int pendingPieces = 0;
        long lines = 0;          // lines complete so far (all entries)
        int pieces = 0;          // pieces of the current line so far
        long entryLine = 0;      // 1-based line number within the current entry
        String entryName = null;
        String problem = null;
        String problemCode = null;
        if (streaming) {
            current = body;
        }
        try (ObjectContent content = ObjectContent.open(body, key, size)) {
            for (String note : content.notes()) {
                log.info("{}: s3://{}/{}: {}", instance, bucket, key, note);
            }
            while (content.nextEntry()) {
                entryName = content.entryName();
                entryLine = 0;
                LineReader reader = new LineReader(content.entryStream(), settings.maxLineLength(),
                        content.compression() == Compression.NONE && !content.isArchive() && size >= 0
                                ? (int) Math.min(size + 1, 1 << 16) : 1 << 16);
                while (reader.next()) {
                    int piece = reader.piece();
                    boolean endsLine = reader.endsLine();
                    if (piece == 0) {
                        entryLine++;
                    }
                    boolean skip = lines < skipLines || (lines == skipLines && pieces < skipPieces);
                    if (endsLine) {
                        lines++;
                        pieces = 0;
                    } else {
                        pieces++;
                    }
                    if (skip) {
                        continue;
                    }
                    int len = reader.length();
                    if (len == 0) {
                        continue;
                    }
                    String text = utf8.decode(reader.buffer(), reader.offset(), len);
                    if (utf8.lastWasInvalid()) {
                        stats.invalidUtf8++;
                        if (stats.firstInvalidLine == 0) {
                            stats.firstInvalidLine = entryLine;
                        }
                    }
                    boolean split = piece > 0 || !endsLine;
                    if (split && piece == 0) {
                        stats.splitLines++;
                        if (stats.firstSplitLine == 0) {
                            stats.firstSplitLine = entryLine;
                        }
                    }
                    Event e = null;
                    if (settings.json() && !split) {
                        try {
                            e = EventJson.decode(text);
                        } catch (IllegalArgumentException ex) {
                            stats.jsonErrors++;
                            if (stats.firstJsonError == null) {
                                stats.firstJsonError = "line " + entryLine + ": " + ex.getMessage();
                            }
                        }
                    }
                    if (e == null) {
                        e = new Event().set(Fields.RAW_EVENT, text);
                    }
                    if (!e.has(Fields.EVENT_RECEIVED_TIME)) {
                        e.set(Fields.EVENT_RECEIVED_TIME, context.clock().instant());
                    }
                    if (!e.has(Fields.SOURCE_MODULE_NAME)) {
                        e.set(Fields.SOURCE_MODULE_NAME, instance);
                    }
                    if (!e.has(Fields.SOURCE_MODULE_TYPE)) {
                        e.set(Fields.SOURCE_MODULE_TYPE, moduleName);
                    }
                    e.set(F_BUCKET, bucket);
                    e.set(F_KEY, key);
                    if (lastModified != null) {
                        e.set(F_LAST_MODIFIED, lastModified);
                    }
                    e.set(F_LINE, entryLine);
                    if (entryName != null) {
                        e.set(F_ENTRY, entryName);
                    }
                    if (pending != null) {
                        pending.position(new Position("", S3Position.value(seq, pendingLines, pendingPieces, false, keySuffix)));
                        if (!post(ctx, pending, stats)) {
                            return false;
                        }
                    }
                    pending = e;
                    pendingLines = lines;
                    pendingPieces = pieces;
                }
            }
        } catch (ResumingObjectStream.TransientReadException ex) {
            if (stopped) {
                return false;
            }
            // post what was read; the rest is read again from there at the next read
            if (pending != null) {
                pending.position(new Position("", S3Position.value(seq, pendingLines, pendingPieces, false, keySuffix)));
                if (!post(ctx, pending, stats)) {
                    return false;
                }
                resume = new S3Position(seq, pendingLines, pendingPieces, false, key, cursorAfter);
            } else {
                resume = new S3Position(seq, skipLines, skipPieces, false, key, cursorAfter);
            }
            stats.flush(metrics);
            boolean nonRetriable = ex.getCause() instanceof SdkException && !S3Errors.isRetriable(ex.getCause());
            if (nonRetriable) {
                resume = null;
                return objectError(key, lastModified, ex.getCause(), lines);
            }
            return objectError(key, lastModified, ex, lines);
        } catch (IOException | RuntimeException ex) {
            if (stopped) {
                return false;
            }
            problemCode = "corrupt";
            metrics.counter("objects_failed").increment();
            problem = "cannot decompress/read: " + ex + " (" + lines + " lines delivered before)";
            stats.decompressionError = true;
        } finally {
            current = null;
        }
        if (body instanceof ResumingObjectStream rs) {
            stats.bytes += rs.offset();
        }
        // the object is finished: record it, then post its last event with done
        String summary = stats.summary(problem);
        if (summary != null) {
            recordFailure(key, problemCode != null ? problemCode : stats.code(), summary, lines);
        }
        // an object with any recorded problem is left in place by AfterRead
        finish(key, lastModified, summary != null ? 'f' : 'r');
        if (pending != null) {
            pending.position(new Position("", S3Position.value(seq, pendingLines, pendingPieces, true, keySuffix)));
            if (!post(ctx, pending, stats)) {
                return false;
            }
        }
        if (problem == null) {
            metrics.counter("objects_read").increment();
            errors.success(S3Operation.GET_OBJECT);
        }
        stats.flush(metrics);
        return true;
    }

    private boolean post(InputContext ctx, Event e, ObjectStats stats) throws InterruptedException {
        if (stopped) {
            return false;
        }
        if (!ctx.post(e)) {
            return false;
        }
        stats.events++;
        if (stats.events >= 4096) {
            stats.flushEvents(metrics);
        }
        return true;
    }

    /** Per-object counts, added to the metrics in batches. */
    private static final class ObjectStats {
        long events;
        long bytes;
        long invalidUtf8;
        long firstInvalidLine;
        long splitLines;
        long firstSplitLine;
        long jsonErrors;
        String firstJsonError;
        boolean decompressionError;

        void flushEvents(Metrics m) {
            m.counter("events").add(events);
            events = 0;
        }

        void flush(Metrics m) {
            flushEvents(m);
            if (bytes > 0) {
                m.counter("bytes_downloaded").add(bytes);
                bytes = 0;
            }
            if (invalidUtf8 > 0) {
                m.counter("lines_invalid_utf8").add(invalidUtf8);
                invalidUtf8 = 0;
            }
            if (splitLines > 0) {
                m.counter("lines_split").add(splitLines);
                splitLines = 0;
            }
            if (jsonErrors > 0) {
                m.counter("json_errors").add(jsonErrors);
                jsonErrors = 0;
            }
            if (decompressionError) {
                m.counter("decompression_errors").increment();
                decompressionError = false;
            }
        }

        String code() {
            if (invalidUtf8 > 0) {
                return "invalid-utf8";
            }
            if (splitLines > 0) {
                return "long-line";
            }
            return "decode";
        }

        /** One sentence for the log and the failed-objects list, or null when nothing went wrong. */
        String summary(String problem) {
            List<String> parts = new ArrayList<>();
            if (problem != null) {
                parts.add(problem);
            }
            if (invalidUtf8 > 0) {
                parts.add(invalidUtf8 + " line(s) with invalid UTF-8 (first at line " + firstInvalidLine
                        + "), replaced with U+FFFD");
            }
            if (splitLines > 0) {
                parts.add(splitLines + " line(s) longer than MaxLineLength (first at line " + firstSplitLine
                        + "), split into pieces");
            }
            if (jsonErrors > 0) {
                parts.add(jsonErrors + " line(s) not JSON (" + firstJsonError + "), kept as raw_event");
            }
            return parts.isEmpty() ? null : String.join("; ", parts);
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
