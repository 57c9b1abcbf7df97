package io.logship.s3.input;

import io.logship.api.Metrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The listing passes: which ListObjectsV2 page comes next, and which of its objects are to be read.
 *
 * <p>A pass lists its pages in turn; the page after the current one is listed in the background while the
 * current one's objects are read. A pass that found objects to read is followed at once by a catch-up pass
 * that lists only after the cursor; a pass that found nothing waits PollInterval, and the next is a full pass
 * from the late-arrival floor (as is one at least every PollInterval). Objects are filtered by Include,
 * Exclude, ModifiedAfter, MoveTo and directory markers, then classified by the {@link LateWindow}.
 */
final class Listing implements AutoCloseable {
    /** One listed page: its objects to read, its last key (null when empty), whether more pages follow. */
    record Page(List<Listed> toRead, String lastKey, String nextToken) {
        boolean more() {
            return nextToken != null;
        }
    }

    /** What ReadFromLast found on a first run: every key taken as read. */
    record Existing(String lastKey, long count, List<LateWindow.Entry> recent) {
    }

    private final InputSettings settings;
    private final S3Client client;
    private final Metrics metrics;
    private final Logger log;
    private final LateWindow window;
    private final String moveToPrefix;
    private final ExecutorService lister;

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
    /** The last key listed in the current pass ("" before its first, when it lists from the start). */
    private String passPrevious = "";

    Listing(InputSettings settings, S3Client client, Metrics metrics, Logger log, LateWindow window) {
        this.settings = settings;
        this.client = client;
        this.metrics = metrics;
        this.log = log;
        this.window = window;
        this.moveToPrefix = "move".equals(settings.afterRead()) ? settings.moveTo() : null;
        this.lister = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "im_s3-" + settings.instance() + "-list");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Lists the next page of the current pass (or the first of a new one) and classifies its objects; the
     * page after it is listed in the background.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when listing fails: the pass then starts
     *                                                            again at the next call
     */
    Page next() throws InterruptedException {
        ListObjectsV2Response page;
        try {
            page = listPage();
        } catch (RuntimeException e) {
            continuation = null;
            throw e;
        }
        String token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        if (token != null) {
            prefetchPage(token);
        }
        List<Listed> toRead = classify(page.contents());
        passFound += toRead.size();
        List<S3Object> contents = page.contents();
        return new Page(toRead, contents.isEmpty() ? null : contents.get(contents.size() - 1).key(), token);
    }

    /**
     * After every object of {@code page} was read: moves the cursor past the page (everything up to its last
     * key was read or deliberately skipped) and says how long to wait before the next {@link #next}.
     */
    Duration pageDone(Page page) {
        String last = page.lastKey();
        if (last != null && (window.cursor() == null || last.compareTo(window.cursor()) > 0)) {
            window.cursor(last);
        }
        if (page.more()) {
            continuation = page.nextToken();
            return Duration.ZERO;
        }
        continuation = null;
        if (passFull) {
            lastFullPassEnd = System.nanoTime();
        }
        // found something: list again at once (after the cursor) rather than one PollInterval later
        catchUp = passFound > 0;
        return catchUp ? Duration.ZERO : settings.pollInterval();
    }

    /** Abandons the current pass (an object must be read again): the next is a full pass. */
    void restartPass() {
        continuation = null;
        catchUp = false;
    }

    private ListObjectsV2Request.Builder listRequest() {
        ListObjectsV2Request.Builder b = ListObjectsV2Request.builder().bucket(settings.s3().bucket())
                .maxKeys(settings.maxKeys());
        if (!settings.prefix().isEmpty()) {
            b.prefix(settings.prefix());
        }
        return b;
    }

    private ListObjectsV2Response list(ListObjectsV2Request request) {
        long t0 = System.nanoTime();
        ListObjectsV2Response r = client.listObjectsV2(request);
        metrics.recordNanos("s3.list", System.nanoTime() - t0);
        return r;
    }

    /** Lists the page after {@code token} in the background, while this page's objects are read. */
    private void prefetchPage(String token) {
        ListObjectsV2Request request = listRequest().continuationToken(token).build();
        try {
            nextPage = lister.submit(() -> list(request));
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
        return list(b.build());
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

    /**
     * ReadFromLast on a first run: lists every key there is now; the newest (up to LateArrivalMaxKeys,
     * within the late-arrival window) come back as window entries. Listing ends early when {@code stopped}.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when listing fails
     */
    Existing listExisting(BooleanSupplier stopped) {
        String token = null;
        String last = window.cursor();
        PriorityQueue<S3Object> recent = new PriorityQueue<>(Comparator.comparing(S3Object::lastModified,
                Comparator.nullsFirst(Comparator.naturalOrder())));
        Map<String, String> previous = new HashMap<>();
        String prev = "";
        long existing = 0;
        long newest = Long.MIN_VALUE;
        do {
            ListObjectsV2Request.Builder b = listRequest();
            if (token != null) {
                b.continuationToken(token);
            }
            ListObjectsV2Response r = list(b.build());
            for (S3Object o : r.contents()) {
                if (last == null || o.key().compareTo(last) > 0) {
                    last = o.key();
                }
                newest = Math.max(newest, lastModified(o));
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
        } while (token != null && !stopped.getAsBoolean());
        long horizon = newest - settings.lateArrivalWindow().toMillis();
        List<LateWindow.Entry> entries = new ArrayList<>();
        for (S3Object o : recent) {
            long lm = lastModified(o);
            if (lm >= horizon) {
                entries.add(new LateWindow.Entry(o.key(), lm, 0, 'd', previous.get(o.key())));
            }
        }
        return new Existing(last, existing, entries);
    }

    private static long lastModified(S3Object o) {
        return o.lastModified() == null ? 0 : o.lastModified().toEpochMilli();
    }

    @Override
    public void close() {
        lister.shutdownNow();
    }
}
