package io.logship.demo;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Counts what is in a bucket under a prefix with the plain SDK, independently of om_s3 and im_s3: objects,
 * and lines after decompression (gzip and zstd detected from their magic bytes).
 */
final class S3Inventory {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3Inventory(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /** What a listing found. */
    record Counts(long objects, long lines, long bytes) {
    }

    /** Number of objects under the prefix (one listing, no downloads). */
    long objects() {
        return s3.listObjectsV2Paginator(request()).contents().stream().count();
    }

    /** Objects, decompressed lines and stored bytes under the prefix. */
    Counts count() {
        long objects = 0;
        long lines = 0;
        long bytes = 0;
        for (S3Object o : s3.listObjectsV2Paginator(request()).contents()) {
            if (o.key().endsWith("/")) {
                continue;
            }
            objects++;
            bytes += o.size();
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(o.key()))) {
                lines += countLines(in);
            } catch (IOException e) {
                throw new UncheckedIOException("reading s3://" + bucket + "/" + o.key(), e);
            }
        }
        return new Counts(objects, lines, bytes);
    }

    private ListObjectsV2Request request() {
        return ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
    }

    /** Every object's decompressed bytes, concatenated in key order (for tests on small data). */
    byte[] contents() {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (S3Object o : s3.listObjectsV2Paginator(request()).contents()) {
            if (o.key().endsWith("/")) {
                continue;
            }
            try (InputStream in = decoded(s3.getObject(b -> b.bucket(bucket).key(o.key())))) {
                in.transferTo(all);
            } catch (IOException e) {
                throw new UncheckedIOException("reading s3://" + bucket + "/" + o.key(), e);
            }
        }
        return all.toByteArray();
    }

    /** Lines in a possibly compressed stream: newlines, plus one for a last line without one. */
    static long countLines(InputStream raw) throws IOException {
        return countLinesPlain(decoded(raw));
    }

    /** The stream decompressed when it starts with gzip's or zstd's magic bytes, else as it is. */
    static InputStream decoded(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            return new ZstdInputStream(in);
        }
        return in;
    }

    static long countLinesPlain(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 16];
        long lines = 0;
        int last = '\n';
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    lines++;
                }
            }
            last = buf[n - 1];
        }
        return last == '\n' ? lines : lines + 1;
    }
}
