package io.logship.s3.output;

import io.logship.api.Metrics;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Batched mode: one spool entry is one object. A compressed object file is uploaded as it is; a sealed
 * segment (its build while writing failed, or it was left by an earlier run) is first compressed into an
 * object file from disk. When the object's key is taken by another writer, the object file is renamed to
 * the next key's sequence number before the next attempt, so that a crash keeps the new key.
 */
final class BatchedUploads {
    private final Codec codec;
    private final Spool spool;
    private final KeyFormat keys;
    private final ObjectPuts puts;
    private final KeyCollisions collisions;
    private final Metrics metrics;

    BatchedUploads(Codec codec, Spool spool, KeyFormat keys, ObjectPuts puts, KeyCollisions collisions,
                   Metrics metrics) {
        this.codec = codec;
        this.spool = spool;
        this.keys = keys;
        this.puts = puts;
        this.collisions = collisions;
        this.metrics = metrics;
    }

    /** Uploads one spool entry; {@code current[0]} always names the entry's file as it is now. */
    void upload(Spool.Entry[] current) throws UploadFailure, IOException, InterruptedException {
        if (!current[0].isObject()) {
            current[0] = compress(current[0]);
        }
        uploadObjectFile(current);
    }

    /** Compresses a sealed segment into an object file (synced), then deletes the segment. */
    private Spool.Entry compress(Spool.Entry seg) throws IOException {
        Path tmp = spool.objectTemp(seg.seq());
        long[] millis = {-1};
        try (FileOutputStream fos = new FileOutputStream(tmp.toFile())) {
            BufferedOutputStream buf = new BufferedOutputStream(fos, 256 * 1024);
            try (OutputStream z = codec.compress(new FilterOutputStream(buf) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            })) {
                SegmentFormat.readRecords(seg.path(), r -> {
                    if (millis[0] < 0) {
                        millis[0] = r.millis();
                    }
                    codec.writeRecord(z, r.payload());
                });
            }
            buf.flush();
            fos.getFD().sync();
        }
        long len = Files.size(tmp);
        Path obj = spool.objectPath(seg.seq(), Math.max(0, millis[0]), len);
        Files.move(tmp, obj, StandardCopyOption.ATOMIC_MOVE);
        spool.added(len);
        spool.syncDir();
        spool.remove(seg.path());
        return new Spool.Entry(seg.seq(), obj, true, Math.max(0, millis[0]), len);
    }

    private void uploadObjectFile(Spool.Entry[] current) throws UploadFailure, IOException, InterruptedException {
        Spool.Entry obj = current[0];
        long seq = obj.seq();
        long millis = obj.millis();
        Path path = obj.path();
        for (int attempt = 0; ; attempt++) {
            String key = keys.render(seq, millis);
            boolean created = puts.putFile(path, obj.length(), key, seq);
            if (collisions.settled(created, attempt, key, seq)) {
                metrics.counter("objects").increment();
                metrics.counter("bytes").add(obj.length());
                spool.remove(path);
                return;
            }
            long[] a = collisions.nextKey(key, attempt);
            Path moved = spool.objectPath(a[0], a[1], obj.length());
            Files.move(path, moved, StandardCopyOption.ATOMIC_MOVE);
            spool.syncDir();
            path = moved;
            seq = a[0];
            millis = a[1];
            current[0] = new Spool.Entry(seq, path, true, millis, obj.length());
        }
    }
}
