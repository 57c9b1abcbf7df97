package io.logship.s3.output;

import io.logship.api.Metrics;
import io.logship.s3.S3Access;
import io.logship.s3.S3Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The S3 requests that create objects, each with {@code If-None-Match: *} so that an existing key is never
 * overwritten: a PutObject of bytes or of a spool file, or a multipart upload of a spool file larger than
 * PartSize. Every object carries the writer id and its sequence number in its metadata (see
 * {@link KeyCollisions}), the Content-Type and Content-Encoding of the codec, SSE and storage class.
 */
final class ObjectPuts {
    private final OutputSettings cfg;
    private final String writerId;
    private final S3Access access;
    private final Metrics metrics;
    private final Logger log;

    ObjectPuts(OutputSettings cfg, String writerId, S3Access access, Metrics metrics, Logger log) {
        this.cfg = cfg;
        this.writerId = writerId;
        this.access = access;
        this.metrics = metrics;
        this.log = log;
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
            if (KeyCollisions.isPreconditionFailed(e)) {
                return false;
            }
            throw new UploadFailure(S3Operation.PUT_OBJECT, key, e);
        }
    }

    /** Uploads a spool file of {@code length} bytes; true when created, false when the key existed (412). */
    boolean putFile(Path path, long length, String key, long originSeq) throws UploadFailure, InterruptedException, IOException {
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
                if (KeyCollisions.isPreconditionFailed(e)) {
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
            if (KeyCollisions.isPreconditionFailed(e)) {
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
            ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
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

    private static InputStream slice(Path path, long offset, long length) {
        try {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
            ch.position(offset);
            return new BoundedInputStream(Channels.newInputStream(ch), length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
