package io.logship.s3.input;

import io.logship.api.Event;
import io.logship.api.LogshipException;
import io.logship.api.Metrics;
import io.logship.api.Position;
import io.logship.api.RetriableException;
import io.logship.s3.S3Errors;
import io.logship.s3.S3Operation;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Ends each object once its events but the last were posted: reports its problems (log line, failed-objects
 * list), records it as finished ({@link ReadProgress#finish}) and posts its last event with the "done"
 * position. An object that could not be fetched, or whose connection was lost for good, ends here too: a
 * transient failure ends the read with a {@link RetriableException} and the object is tried again (from the
 * line reached: {@link #takeResume}); any other is a failed object.
 */
final class ObjectCompletion {
    /** Posts one event; false when reading stops. */
    interface Poster {
        boolean post(Event e) throws InterruptedException;
    }

    private final InputSettings settings;
    private final Logger log;
    private final Metrics metrics;
    private final S3Errors errors;
    private final FailedObjects failed;
    private final ReadProgress progress;
    private final Listing listing;
    private final BooleanSupplier stopped;
    private final S3Location location;
    /** The object to continue before listing (a committed position inside it, or a lost connection). */
    private S3Position resume;

    ObjectCompletion(InputSettings settings, Logger log, Metrics metrics, S3Errors errors, FailedObjects failed,
                     ReadProgress progress, Listing listing, BooleanSupplier stopped) {
        this.settings = settings;
        this.log = log;
        this.metrics = metrics;
        this.errors = errors;
        this.failed = failed;
        this.progress = progress;
        this.listing = listing;
        this.stopped = stopped;
        this.location = S3Location.of(settings);
        this.resume = progress.unfinished();
    }

    /** The object to continue before the next listing, once (null when none). */
    S3Position takeResume() {
        S3Position r = resume;
        resume = null;
        return r;
    }

    /**
     * Handles a failure to get an object: transient ones end this read (the object is tried again at the
     * next; {@code retry}, when not null, is where it continues), others are recorded and the object is
     * finished as failed.
     */
    boolean objectError(String key, Instant lastModified, Throwable t, long lines, String floor, S3Position retry)
            throws LogshipException {
        String code = FailedObjects.code(t);
        metrics.counter("failures." + code).increment();
        if (S3Errors.isRetriable(t) || t instanceof ResumingObjectStream.TransientReadException) {
            String advice = errors.report(t, S3Operation.GET_OBJECT, key);
            resume = retry;
            listing.restartPass(); // the retry lists the whole window again
            throw new RetriableException(settings.instance() + ": " + advice, t);
        }
        String reason = t instanceof SdkException ? errors.report(t, S3Operation.GET_OBJECT, key)
                : String.valueOf(t);
        metrics.counter("objects_failed").increment();
        failed.report(key, code, reason, lines);
        progress.finish(key, lastModified, 'f', floor);
        return true;
    }

    /**
     * After an object's events (all but its last) were posted: records it as finished in the journal and
     * the window, then posts its last event, whose position says "done". When the connection was lost for
     * good, posts the last event read as not done and ends the read (the object is resumed from there at the
     * next). False when stopping.
     */
    boolean complete(Poster poster, String key, Instant lastModified, ObjectDecoder.Outcome out,
                     String cursorAfter, long skipLines, int skipPieces, String floor)
            throws LogshipException, InterruptedException {
        for (String note : out.notes) {
            log.info("{}: s3://{}/{}: {}", settings.instance(), settings.s3().bucket(), key, note);
        }
        for (String warning : out.warnings) {
            log.warn("{}: s3://{}/{}: {}", settings.instance(), settings.s3().bucket(), key, warning);
        }
        ObjectDecoder.ObjectStats stats = out.stats;
        long seq = progress.seq();
        switch (out.end) {
            case STOPPED:
                return false;
            case NOT_FETCHED:
                return objectError(key, lastModified, out.fetchError, 0, floor, null);
            case TRANSIENT: {
                if (stopped.getAsBoolean()) {
                    return false;
                }
                // post what was read; the rest is read again from there at the next read
                S3Position from;
                if (out.last != null) {
                    out.last.position(new ObjectDecoder.Positions(location, seq, key, cursorAfter)
                            .of(out.lastLines, out.lastPieces));
                    if (!poster.post(out.last)) {
                        return false;
                    }
                    from = new S3Position(seq, out.lastLines, out.lastPieces, false, key, cursorAfter, location);
                } else {
                    from = new S3Position(seq, skipLines, skipPieces, false, key, cursorAfter, location);
                }
                stats.flush(metrics);
                Throwable cause = out.transientCause.getCause();
                if (cause instanceof SdkException && !S3Errors.isRetriable(cause)) {
                    return objectError(key, lastModified, cause, out.lines, floor, null);
                }
                return objectError(key, lastModified, out.transientCause, out.lines, floor, from);
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
            failed.report(key, problem != null ? "corrupt" : stats.code(), summary, out.lines);
        }
        // an object with any recorded problem is left in place by AfterRead
        progress.finish(key, lastModified, summary != null ? 'f' : 'r', floor);
        if (out.last != null) {
            out.last.position(new Position("", S3Position.value(progress.seq(), out.lastLines, out.lastPieces,
                    true, S3Position.keySuffix(location, key, cursorAfter))));
            if (!poster.post(out.last)) {
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
}
