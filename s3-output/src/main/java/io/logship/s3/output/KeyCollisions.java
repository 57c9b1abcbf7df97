package io.logship.s3.output;

import io.logship.api.Metrics;
import io.logship.s3.S3Access;
import io.logship.s3.S3Errors;
import io.logship.s3.S3Operation;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * What happens when a key is taken (412 to {@code If-None-Match: *}): the object is ours when an earlier
 * attempt of this very upload created it (its metadata names this writer and sequence number); otherwise
 * another writer has the key and the upload moves to the next key, jumping the sequence ahead further with
 * each collision in a row so that two writers with the same Server stop meeting on the same numbers.
 */
final class KeyCollisions {
    static final int MAX_COLLISIONS = 1000;

    private final String bucket;
    private final String instance;
    private final Spool spool;
    private final S3Access access;
    private final Metrics metrics;
    private final Logger log;
    private final Clock clock;
    private final AtomicInteger streak = new AtomicInteger();

    KeyCollisions(String bucket, String instance, Spool spool, S3Access access, Metrics metrics, Logger log,
                  Clock clock) {
        this.bucket = bucket;
        this.instance = instance;
        this.spool = spool;
        this.access = access;
        this.metrics = metrics;
        this.log = log;
        this.clock = clock;
    }

    /**
     * After attempt {@code attempt} of an upload to {@code key}: true when the data is in S3 (created now, or
     * found there from an earlier attempt), false when the key belongs to someone else.
     */
    boolean settled(boolean created, int attempt, String key, long originSeq) throws UploadFailure {
        if (created && attempt == 0) {
            streak.set(0);
        }
        return created || isOurs(key, originSeq);
    }

    /** The sequence number and time of the next key to try after {@code key} was taken: {seq, millis}. */
    long[] nextKey(String key, int attempt) throws IOException {
        if (attempt >= MAX_COLLISIONS) {
            throw new IOException("no free key after " + MAX_COLLISIONS + " collisions (last " + key + ")");
        }
        metrics.counter("collisions").increment();
        long[] a = spool.allocate(clock.millis());
        // Jump ahead, further with each collision in a row, so that two writers with the same Server
        // stop meeting on the same numbers (and leave a range the other writer has used).
        int n = Math.min(16, streak.incrementAndGet());
        spool.skipPast(a[0] + ThreadLocalRandom.current().nextLong(1L << (4 + n)));
        log.info("{}: key {} already exists (another writer with the same Server?): using the next free key",
                instance, key);
        return a;
    }

    /** After a 412: the existing object is ours when an earlier attempt of this very upload created it. */
    private boolean isOurs(String key, long originSeq) throws UploadFailure {
        try {
            HeadObjectResponse h = access.client().headObject(b -> b.bucket(bucket).key(key));
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

    static boolean isPreconditionFailed(Throwable e) {
        return S3Errors.statusCode(e) == 412 || "PreconditionFailed".equals(S3Errors.errorCode(e));
    }
}
