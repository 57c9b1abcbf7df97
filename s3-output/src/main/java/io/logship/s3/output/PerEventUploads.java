package io.logship.s3.output;

import io.logship.api.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Per-event mode (MaxEventsPerObject 1): every record of a sealed segment becomes its own object, uploaded
 * concurrently, at most UploadConcurrency at a time. A segment is removed when all its records are in S3;
 * after a failure only the records not yet uploaded are retried.
 */
final class PerEventUploads implements AutoCloseable {
    private final Codec codec;
    private final Spool spool;
    private final KeyFormat keys;
    private final ObjectPuts puts;
    private final KeyCollisions collisions;
    private final Metrics metrics;
    private final ExecutorService pool;
    /** Per segment (by first seq): the records already uploaded by an earlier, partly failed pass. */
    private final Map<Long, Set<Long>> doneRecords = new HashMap<>();

    PerEventUploads(OutputSettings cfg, Spool spool, KeyFormat keys, ObjectPuts puts, KeyCollisions collisions,
                    Metrics metrics, ThreadFactory threads) {
        this.codec = cfg.codec();
        this.spool = spool;
        this.keys = keys;
        this.puts = puts;
        this.collisions = collisions;
        this.metrics = metrics;
        this.pool = Executors.newFixedThreadPool(cfg.uploadConcurrency(), threads);
    }

    /** Uploads every record of the segment not uploaded yet, then removes the segment. */
    void upload(Spool.Entry seg) throws UploadFailure, IOException, InterruptedException {
        Set<Long> done;
        synchronized (doneRecords) {
            done = doneRecords.computeIfAbsent(seg.seq(), k -> new HashSet<>());
        }
        List<SegmentFormat.Record> todo = new ArrayList<>();
        SegmentFormat.readRecords(seg.path(), r -> {
            synchronized (doneRecords) {
                if (!done.contains(r.seq())) {
                    todo.add(r);
                }
            }
        });
        List<Future<?>> running = new ArrayList<>(todo.size());
        for (SegmentFormat.Record r : todo) {
            running.add(pool.submit(() -> {
                uploadRecord(r);
                synchronized (doneRecords) {
                    done.add(r.seq());
                }
                return null;
            }));
        }
        Exception first = null;
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException ee) {
                if (first == null && ee.getCause() instanceof Exception c) {
                    first = c;
                }
            } catch (InterruptedException ie) {
                running.forEach(x -> x.cancel(true));
                throw ie;
            }
        }
        if (first instanceof UploadFailure uf) {
            throw uf;
        } else if (first instanceof IOException io) {
            throw io;
        } else if (first instanceof InterruptedException ie) {
            throw ie;
        } else if (first != null) {
            throw new IOException(first);
        }
        spool.remove(seg.path());
        synchronized (doneRecords) {
            doneRecords.remove(seg.seq());
        }
    }

    private void uploadRecord(SegmentFormat.Record r) throws UploadFailure, IOException {
        byte[] body = compressOne(r.payload());
        long seq = r.seq();
        long millis = r.millis();
        for (int attempt = 0; ; attempt++) {
            String key = keys.render(seq, millis);
            boolean created = puts.putBytes(body, key, r.seq());
            if (collisions.settled(created, attempt, key, r.seq())) {
                break;
            }
            long[] a = collisions.nextKey(key, attempt);
            seq = a[0];
            millis = a[1];
        }
        metrics.counter("objects").increment();
        metrics.counter("bytes").add(body.length);
    }

    private byte[] compressOne(byte[] payload) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(payload.length + 64);
        try (OutputStream z = codec.compress(b)) {
            codec.writeRecord(z, payload);
        }
        return b.toByteArray();
    }

    /** Interrupts the uploads under way (stop). */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
