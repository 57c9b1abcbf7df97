package io.logship.s3.input;

import io.logship.api.Metrics;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Gets objects' bodies: a small object whole in one GetObject, a large one as a stream that resumes with a
 * ranged GetObject pinned to the ETag when the connection breaks ({@link ResumingObjectStream}).
 *
 * <p>Requests per object: one GetObject, whatever its size. The listing already gave size, LastModified and
 * ETag and the GetObject response gives Content-Encoding, so no HeadObject is made; only a broken connection
 * adds a ranged GetObject (one per break). With the listing (one ListObjectsV2 per MaxKeys keys, and one
 * catch-up listing per pass that found objects) that is 1 + about 1/MaxKeys requests per object: 250
 * one-line objects with MaxKeys 100 took 250 GetObject and 4 ListObjectsV2 (RequestsPerObjectIT).
 */
final class ObjectFetch {
    /** Objects up to this size are downloaded whole by the workers; larger ones are streamed as they decode. */
    static final long PREFETCH_MAX_OBJECT = 1L << 20;

    /** An object's body opened as a stream, and what its GetObject response said. */
    record Opened(InputStream body, Instant lastModified, String contentEncoding) {
    }

    private final InputSettings settings;
    private final S3Client client;
    private final Metrics metrics;
    private final ObjectDecoder.Settings decoderSettings;

    ObjectFetch(InputSettings settings, S3Client client, Metrics metrics, ObjectDecoder.Settings decoderSettings) {
        this.settings = settings;
        this.client = client;
        this.metrics = metrics;
        this.decoderSettings = decoderSettings;
    }

    /** A decoder for one object. */
    ObjectDecoder decoder() {
        return new ObjectDecoder(decoderSettings);
    }

    /** On a download worker: fetches one listed object and decodes it into the job. */
    ObjectDecoder.Outcome fetchAndDecode(ReadAhead.Job job) throws InterruptedException {
        Listed o = job.object();
        InputStream body;
        String encoding;
        long fetched = 0;
        try {
            // the object's one request: a GetObject (no HeadObject; see the class comment)
            if (o.size() > 0 && o.size() <= PREFETCH_MAX_OBJECT) {
                // small: downloaded whole, so the connection goes back to the pool at once
                long t0 = System.nanoTime();
                GetObjectRequest.Builder rb = GetObjectRequest.builder().bucket(settings.s3().bucket()).key(o.key());
                if (settings.s3().checksumsWhenSupported()) {
                    rb.checksumMode(ChecksumMode.ENABLED); // as the S3Client does: the body is checked
                }
                ResponseInputStream<GetObjectResponse> in = client.getObject(rb.build());
                job.stream(in);
                byte[] b;
                try (in) {
                    b = in.readAllBytes();
                }
                metrics.recordNanos("s3.get", System.nanoTime() - t0);
                encoding = in.response().contentEncoding();
                fetched = b.length;
                body = new ByteArrayInputStream(b);
            } else {
                Opened opened = openStreaming(o.key(), o.etag());
                body = opened.body();
                encoding = opened.contentEncoding();
                job.stream(body);
            }
        } catch (Exception e) {
            ObjectDecoder.Outcome out = new ObjectDecoder.Outcome();
            out.end = job.cancelled() ? ObjectDecoder.End.STOPPED : ObjectDecoder.End.NOT_FETCHED;
            out.fetchError = e;
            return out;
        }
        ObjectDecoder.Outcome out = decoder().decode(body, o.key(), o.lastModified(),
                o.size(), encoding, job.seq(), job.cursorAfter(), 0, 0, job, job::cancelled);
        out.stats.bytes += fetched;
        return out;
    }

    /**
     * Opens {@code key} as a resuming stream; {@code etag} pins the ranged resumes (null: the first
     * response's).
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when the first GetObject fails
     */
    Opened openStreaming(String key, String etag) {
        long t0 = System.nanoTime();
        ResponseInputStream<GetObjectResponse> first = client.getObject(
                GetObjectRequest.builder().bucket(settings.s3().bucket()).key(key).build());
        metrics.recordNanos("s3.get", System.nanoTime() - t0);
        String pinned = etag != null ? etag : first.response().eTag();
        InputStream body = new ResumingObjectStream(first, offset -> client.getObject(GetObjectRequest.builder()
                .bucket(settings.s3().bucket()).key(key).range("bytes=" + offset + "-")
                .ifMatch(pinned).build()), settings.s3().maxRetries() + 2);
        return new Opened(body, first.response().lastModified(), first.response().contentEncoding());
    }
}
