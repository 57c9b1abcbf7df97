package io.logship.s3.output;

import io.logship.api.Metrics;
import io.logship.s3.S3Access;
import io.logship.s3.S3Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The S3 requests that create objects, each with {@code If-None-Match: *} so that an existing key is never
 * overwritten: a PutObject of bytes or of a spool file (the synchronous client), or, for a spool file larger
 * than PartSize, a multipart upload by the SDK's multipart client (built at the first such file). Every
 * object carries the writer id and its sequence number in its metadata (see {@link KeyCollisions}), the
 * Content-Type and Content-Encoding of the codec, SSE and storage class.
 */
final class ObjectPuts implements AutoCloseable {
    /** Parts of one multipart upload being sent at once. */
    static final int PARTS_IN_FLIGHT = 2;
    /** Bytes per read of a spool file being sent as parts. */
    static final int READ_CHUNK = 256 * 1024;
    /** How long close waits for the aborts of uploads that stop interrupted. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    /** Set on a multipart upload's request (the SDK hands it to each of its calls): its first failed call. */
    private static final ExecutionAttribute<AtomicReference<String>> FAILED_CALL =
            new ExecutionAttribute<>("logship.om_s3.failedCall");

    private final OutputSettings cfg;
    private final String writerId;
    private final S3Access access;
    private final Metrics metrics;
    private final InFlight inFlight = new InFlight();
    // guarded by this
    private S3AsyncClient multipart;
    private boolean closed;

    ObjectPuts(OutputSettings cfg, String writerId, S3Access access, Metrics metrics) {
        this.cfg = cfg;
        this.writerId = writerId;
        this.access = access;
        this.metrics = metrics;
    }

    private PutObjectRequest.Builder putRequest(String key, long originSeq) {
        PutObjectRequest.Builder b = PutObjectRequest.builder().bucket(cfg.s3().bucket()).key(key).ifNoneMatch("*")
                .contentType(cfg.codec().contentType())
                .metadata(Map.of("logship-writer", writerId, "logship-seq", Long.toString(originSeq)));
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
    boolean putBytes(byte[] body, String key, long originSeq) throws UploadFailure {
        long t0 = System.nanoTime();
        PutObjectRequest.Builder b = putRequest(key, originSeq);
        if (checksumHeader()) {
            CRC32 crc = new CRC32();
            crc.update(body);
            b.checksumCRC32(crc32Base64(crc.getValue()));
        }
        return putOnce(b.build(), RequestBody.fromBytes(body), key, t0);
    }

    /** Uploads a spool file of {@code length} bytes; true when created, false when the key existed (412). */
    boolean putFile(Path path, long length, String key, long originSeq) throws UploadFailure, InterruptedException, IOException {
        long t0 = System.nanoTime();
        if (length > cfg.partSize()) {
            return putLarge(path, key, originSeq, t0);
        }
        PutObjectRequest.Builder b = putRequest(key, originSeq);
        if (checksumHeader()) {
            b.checksumCRC32(crc32Base64(crc32(path)));
        }
        return putOnce(b.build(), RequestBody.fromContentProvider(() -> newInputStream(path), length,
                cfg.codec().contentType()), key, t0);
    }

    /** One PutObject; true when created, false when the key existed (412). */
    private boolean putOnce(PutObjectRequest request, RequestBody body, String key, long t0) throws UploadFailure {
        try {
            access.client().putObject(request, body);
        } catch (RuntimeException e) {
            if (KeyCollisions.isPreconditionFailed(e)) {
                return false;
            }
            throw new UploadFailure(S3Operation.PUT_OBJECT, key, e);
        }
        metrics.recordNanos("s3.put", System.nanoTime() - t0);
        return true;
    }

    /**
     * A spool file larger than PartSize, through the SDK's multipart client: CreateMultipartUpload, the parts
     * read from the file ({@link #PARTS_IN_FLIGHT} at a time), CompleteMultipartUpload; the SDK aborts the
     * upload when a step fails.
     * The request's {@code If-None-Match: *} goes to CompleteMultipartUpload, so a taken key answers 412 there
     * and nothing is overwritten. No CRC-32 field here: it would stand for the whole object, and the SDK
     * checksums each part itself (ChecksumMode when_supported).
     */
    private boolean putLarge(Path path, String key, long originSeq, long t0) throws UploadFailure, InterruptedException {
        AtomicReference<String> failedCall = new AtomicReference<>();
        PutObjectRequest request = putRequest(key, originSeq)
                .overrideConfiguration(o -> o.putExecutionAttribute(FAILED_CALL, failedCall)).build();
        CompletableFuture<PutObjectResponse> upload;
        try {
            upload = multipartClient().putObject(request, body(path));
        } catch (RuntimeException e) {
            throw new UploadFailure(S3Operation.PUT_OBJECT, key, e);
        }
        try {
            upload.get();
        } catch (InterruptedException e) {
            upload.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException ce && ce.getCause() != null ? ce.getCause()
                    : e.getCause();
            if (KeyCollisions.isPreconditionFailed(cause)) {
                return false;
            }
            S3Operation op = Arrays.stream(S3Operation.values()).filter(x -> x.apiName().equals(failedCall.get()))
                    .findFirst().orElse(S3Operation.PUT_OBJECT);
            throw new UploadFailure(op, key, cause);
        }
        metrics.recordNanos("s3.multipart", System.nanoTime() - t0);
        metrics.counter("multipart").increment();
        return true;
    }

    /**
     * The multipart settings of the client: parts of PartSize from PartSize up, and at most
     * {@link #PARTS_IN_FLIGHT} parts of an upload in flight. The SDK bounds the parts of a file being sent by
     * its buffer over the file body's read chunk ({@link #body}); left to its defaults (a buffer of four parts
     * over 16 KiB reads) it sends every part of an object at once.
     */
    static void multipartSettings(S3AsyncClientBuilder b, long partSize) {
        b.multipartEnabled(true).multipartConfiguration(m -> m.thresholdInBytes(partSize)
                .minimumPartSizeInBytes(partSize).apiCallBufferSizeInBytes((long) PARTS_IN_FLIGHT * READ_CHUNK));
    }

    /** A spool file as the body of a multipart upload, read in chunks of {@link #READ_CHUNK}. */
    static AsyncRequestBody body(Path path) {
        return AsyncRequestBody.fromFile(c -> c.path(path).chunkSizeInBytes(READ_CHUNK));
    }

    /** The multipart client, built at the first object larger than PartSize. */
    private synchronized S3AsyncClient multipartClient() {
        if (closed) {
            throw new IllegalStateException("om_s3 " + cfg.instance() + " is stopping");
        }
        if (multipart == null) {
            // A connection for every part in flight of UploadConcurrency uploads, and some for the other calls:
            // no part waits for a connection (a wait that counts against RequestTimeout on a slow link).
            multipart = cfg.s3().openAsync(access, PARTS_IN_FLIGHT * cfg.uploadConcurrency() + 4, b -> {
                multipartSettings(b, cfg.partSize());
                b.overrideConfiguration(b.overrideConfiguration().toBuilder().addExecutionInterceptor(inFlight).build());
            });
        }
        return multipart;
    }

    /**
     * Closes the multipart client, if one was built. An upload interrupted by stop is aborted by the SDK
     * asynchronously: the abort gets up to {@link #CLOSE_GRACE} to finish before the client closes.
     */
    @Override
    public void close() {
        S3AsyncClient c;
        synchronized (this) {
            closed = true;
            c = multipart;
            multipart = null;
        }
        if (c != null) {
            try {
                inFlight.awaitNone(CLOSE_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            c.close();
        }
    }

    /**
     * Watches the multipart client's calls. It counts the AbortMultipartUpload calls under way: the SDK
     * starts one when an upload fails or is cancelled (by stop), and close lets them finish so that no upload
     * is left open in S3. And it notes in {@link #FAILED_CALL} which call of an upload failed first
     * (CreateMultipartUpload, UploadPart, CompleteMultipartUpload), for the error advice.
     */
    private static final class InFlight implements ExecutionInterceptor {
        private static final String ABORT = S3Operation.ABORT_MULTIPART_UPLOAD.apiName();
        private int count;

        @Override
        public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (ABORT.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                count++;
            }
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            ended(attributes);
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            AtomicReference<String> failed = attributes.getAttribute(FAILED_CALL);
            String call = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            if (failed != null && !ABORT.equals(call)) {
                failed.compareAndSet(null, call);
            }
            ended(attributes);
        }

        private synchronized void ended(ExecutionAttributes attributes) {
            if (ABORT.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                count--;
                notifyAll();
            }
        }

        synchronized void awaitNone(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (count > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
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

    private static InputStream newInputStream(Path path) {
        try {
            return Files.newInputStream(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long crc32(Path path) throws IOException {
        CRC32 crc = new CRC32();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
            while (ch.read(buf) >= 0) {
                buf.flip();
                crc.update(buf);
                buf.clear();
            }
        }
        return crc.getValue();
    }
}
