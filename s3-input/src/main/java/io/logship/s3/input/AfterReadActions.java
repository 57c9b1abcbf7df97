package io.logship.s3.input;

import io.logship.api.InputContext;
import io.logship.api.Metrics;
import io.logship.api.RetriableException;
import io.logship.s3.S3Errors;
import io.logship.s3.S3Operation;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * AfterRead: deletes, or moves under MoveTo (CopyObject then DeleteObject), each object read once the host
 * has committed the position of its last event. Objects that failed are never in the queue; an action that
 * fails for good is recorded in the failed-objects list and the object left in place.
 */
final class AfterReadActions {
    private final InputSettings settings;
    private final S3Client client;
    private final S3Errors errors;
    private final Metrics metrics;
    private final Logger log;
    private final FailedObjects failed;

    AfterReadActions(InputSettings settings, S3Client client, S3Errors errors, Metrics metrics, Logger log,
                     FailedObjects failed) {
        this.settings = settings;
        this.client = client;
        this.errors = errors;
        this.metrics = metrics;
        this.log = log;
        this.failed = failed;
    }

    /**
     * Acts on every finished object the committed position covers, oldest first.
     *
     * @throws RetriableException when S3 fails transiently (the action is tried again at the next read)
     */
    void run(InputContext ctx, ReadProgress progress, BooleanSupplier stopped) throws RetriableException {
        if (!progress.actionsPending()) {
            return;
        }
        long committedSeq;
        try {
            S3Location here = S3Location.of(settings);
            // a position saved for another location (until the first commit here) covers nothing here
            committedSeq = ctx.committedPosition().map(S3Position::decode)
                    .filter(p -> p.location() == null || p.location().equals(here))
                    .map(S3Position::seq).orElse(-1L);
        } catch (IllegalArgumentException e) {
            return;
        }
        ReadProgress.Pending p;
        while (!stopped.getAsBoolean() && (p = progress.nextAction(committedSeq)) != null) {
            act(p.key());
            try {
                progress.actioned(p);
            } catch (IOException e) {
                log.warn("{}: cannot append to {}: {}", settings.instance(), progress.journalFile(), e.toString());
            }
        }
    }

    private void act(String key) throws RetriableException {
        String bucket = settings.s3().bucket();
        S3Operation op = S3Operation.DELETE_OBJECT;
        try {
            if ("move".equals(settings.afterRead())) {
                String rel = key.startsWith(settings.prefix()) ? key.substring(settings.prefix().length()) : key;
                String target = settings.moveTo() + rel;
                op = S3Operation.COPY_OBJECT;
                client.copyObject(b -> b.sourceBucket(bucket).sourceKey(key)
                        .destinationBucket(bucket).destinationKey(target));
                op = S3Operation.DELETE_OBJECT;
            }
            client.deleteObject(b -> b.bucket(bucket).key(key));
            metrics.counter("objects_after_read_" + settings.afterRead()).increment();
        } catch (SdkException e) {
            String advice = errors.report(e, op, key);
            if (S3Errors.isRetriable(e)) {
                throw new RetriableException(advice, e);
            }
            failed.report(key, FailedObjects.code(e), "AfterRead " + settings.afterRead() + " failed: " + advice, 0);
        }
    }
}
