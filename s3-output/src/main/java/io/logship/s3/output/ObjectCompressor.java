package io.logship.s3.output;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.zip.Deflater;

/**
 * Batched mode's compression, off the write thread and overlapped with it. The lines of the open object are
 * copied into chunks of {@link #CHUNK} bytes as they are written (the spool segment still gets every record,
 * for durability); each full chunk is compressed on a pool of threads, one per core, while the next is
 * filled; the compressed fragments are appended in order to the object's temporary spool file, which
 * becomes {@code obj-...obj} (synced, renamed, the segment deleted) when the object is sealed and its last
 * fragment is in. Nothing is read back from the segment.
 * <ul>
 *   <li>gzip: each chunk is raw-deflated on its own, primed with the last 32 KiB of the chunk before it
 *   and ended with a sync flush (as pigz does), so the object is one ordinary gzip member with the ratio of
 *   a serial stream at the same level; the CRC-32 and length trailer is computed as fragments go in.</li>
 *   <li>zstd: one frame per chunk (concatenated frames are one zstd stream).</li>
 *   <li>none: the chunks as they are.</li>
 * </ul>
 * Memory is bounded: a fixed set of chunk slots; a writer waits for a free one. Any failure (a full disk,
 * the output stopping while waiting for a slot) abandons the build: its temporary file is deleted and, once
 * sealed, the segment is handed back to be compressed the slow way, from disk. A crash at any point leaves
 * the segment (or the finished object) in the spool; temporary files are removed at recovery.
 */
final class ObjectCompressor implements AutoCloseable {
    /** Uncompressed bytes per chunk: the unit of parallel work. */
    static final int CHUNK = 1 << 20;
    static final int WINDOW = 32 * 1024;
    /** gzip header: deflate, no name, no mtime, OS unknown. */
    static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** An empty final block with fixed codes: ends the deflate stream after the last sync-flushed fragment. */
    static final byte[] DEFLATE_END = {3, 0};

    private final Codec.Compression compression;
    private final int level;
    private final Spool spool;
    private final BooleanSupplier stopping;
    private final ExecutorService pool;
    private final BlockingQueue<Slot> free;
    private final ConcurrentLinkedQueue<Deflater> deflaters = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ZstdCompressCtx> zstds = new ConcurrentLinkedQueue<>();
    private final AtomicInteger building = new AtomicInteger();

    /**
     * @param threads  compression threads (at least 1)
     * @param stopping true once the output stops: a writer waiting for a free slot gives up the build
     */
    ObjectCompressor(Codec.Compression compression, int level, Spool spool, int threads, BooleanSupplier stopping,
                     ThreadFactory factory) {
        this.compression = compression;
        this.level = level;
        this.spool = spool;
        this.stopping = stopping;
        this.pool = Executors.newFixedThreadPool(threads, factory);
        int slots = 2 * threads + 2;
        this.free = new ArrayBlockingQueue<>(slots);
        for (int i = 0; i < slots; i++) {
            free.add(new Slot());
        }
    }

    /** Objects being built (started and not yet finished or abandoned). */
    int building() {
        return building.get();
    }

    /**
     * Starts the object of the segment whose first record is {@code seq}: creates its temporary file.
     *
     * @param done     called with the finished object (in the spool, synced), from a compression thread
     * @param fallback called with the sealed segment when the build was abandoned: compress it from disk
     */
    ObjectBuild start(long seq, long millis, Consumer<Spool.Entry> done, Consumer<Spool.Entry> fallback,
                      Consumer<String> warn) throws IOException {
        return new ObjectBuild(this, seq, millis, done, fallback, warn);
    }

    /** Runs a chunk's compression on the pool (RejectedExecutionException once closed). */
    void execute(Runnable task) {
        pool.execute(task);
    }

    Spool spool() {
        return spool;
    }

    Codec.Compression compression() {
        return compression;
    }

    /** The free chunk slots, shared by every build. */
    BlockingQueue<Slot> free() {
        return free;
    }

    AtomicInteger buildingCounter() {
        return building;
    }

    BooleanSupplier stopping() {
        return stopping;
    }

    /** Stops the threads (waiting up to the timeout); unfinished builds leave their segments in the spool. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Deflater d;
        while ((d = deflaters.poll()) != null) {
            d.end();
        }
        ZstdCompressCtx z;
        while ((z = zstds.poll()) != null) {
            z.close();
        }
    }

    /** A chunk: its bytes, the dictionary it is compressed with, and the compressed result. */
    static final class Slot {
        final byte[] in = new byte[CHUNK];
        int len;
        final byte[] dict = new byte[WINDOW];
        int dictLen;
        byte[] out = new byte[CHUNK / 4];
        int outLen;
        volatile boolean done;
        Throwable error;

        void clear() {
            len = 0;
            dictLen = 0;
            outLen = 0;
            done = false;
            error = null;
        }
    }

    void compress(Slot s) {
        try {
            switch (compression) {
                case GZIP -> deflate(s);
                case ZSTD -> zstd(s);
                case NONE -> s.outLen = s.len;
            }
        } catch (Throwable t) {
            s.error = t;
        }
    }

    private void deflate(Slot s) {
        Deflater d = deflaters.poll();
        if (d == null) {
            d = new Deflater(level, true);
        }
        try {
            if (s.dictLen > 0) {
                d.setDictionary(s.dict, 0, s.dictLen);
            }
            d.setInput(s.in, 0, s.len);
            int pos = 0;
            byte[] out = s.out;
            while (true) {
                pos += d.deflate(out, pos, out.length - pos, Deflater.SYNC_FLUSH);
                if (pos < out.length) {
                    break;
                }
                out = Arrays.copyOf(out, out.length * 2);
            }
            s.out = out;
            s.outLen = pos;
        } finally {
            d.reset();
            deflaters.offer(d);
        }
    }

    private void zstd(Slot s) {
        ZstdCompressCtx z = zstds.poll();
        if (z == null) {
            z = new ZstdCompressCtx();
            z.setLevel(level);
        }
        try {
            int bound = (int) Zstd.compressBound(s.len);
            if (s.out.length < bound) {
                s.out = new byte[bound];
            }
            s.outLen = z.compressByteArray(s.out, 0, s.out.length, s.in, 0, s.len);
        } finally {
            zstds.offer(z);
        }
    }
}
