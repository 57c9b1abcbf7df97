package io.logship.s3.output;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
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
import java.util.zip.CRC32;
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
    private static final int WINDOW = 32 * 1024;
    /** gzip header: deflate, no name, no mtime, OS unknown. */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** An empty final block with fixed codes: ends the deflate stream after the last sync-flushed fragment. */
    private static final byte[] DEFLATE_END = {3, 0};

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
    Build start(long seq, long millis, Consumer<Spool.Entry> done, Consumer<Spool.Entry> fallback,
                Consumer<String> warn) throws IOException {
        return new Build(seq, millis, done, fallback, warn);
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
    private static final class Slot {
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

    private void compress(Slot s) {
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

    /** One object being built. {@link #line} and {@link #seal} are called by the writer only. */
    final class Build {
        private final long seq;
        private final long millis;
        private final Path tmp;
        private final Consumer<Spool.Entry> done;
        private final Consumer<Spool.Entry> fallback;
        private final Consumer<String> warn;
        private final FileChannel channel;
        // writer side
        private Slot current;
        private final byte[] tail = new byte[WINDOW];
        private int tailLen;
        private volatile boolean abandoned;
        // guarded by this
        private final ArrayDeque<Slot> inFlight = new ArrayDeque<>();
        private final CRC32 crc = new CRC32();
        private long inBytes;
        private long outBytes;
        private Spool.Entry segment;
        private boolean discarded;
        private boolean finished;
        private Throwable failure;

        private Build(long seq, long millis, Consumer<Spool.Entry> done, Consumer<Spool.Entry> fallback,
                      Consumer<String> warn) throws IOException {
            this.seq = seq;
            this.millis = millis;
            this.done = done;
            this.fallback = fallback;
            this.warn = warn;
            this.tmp = spool.objectTemp(seq);
            this.channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            building.incrementAndGet();
            if (compression == Codec.Compression.GZIP) {
                try {
                    writeFully(ByteBuffer.wrap(GZIP_HEADER));
                } catch (IOException e) {
                    building.decrementAndGet();
                    closeQuietly();
                    throw e;
                }
            }
        }

        /** Appends one line (the payload and a newline). Never throws: a failure abandons the build. */
        void line(byte[] payload, int len) {
            if (abandoned) {
                return;
            }
            Slot s = current;
            if (s != null && s.len + len < CHUNK) {
                System.arraycopy(payload, 0, s.in, s.len, len);
                s.len += len;
                s.in[s.len++] = '\n';
                return;
            }
            if (copy(payload, len)) {
                copy(NEWLINE, 1);
            }
        }

        private boolean copy(byte[] b, int len) {
            int off = 0;
            while (len > 0) {
                if (current == null) {
                    current = take();
                    if (current == null) {
                        return false;
                    }
                }
                int n = Math.min(len, CHUNK - current.len);
                System.arraycopy(b, off, current.in, current.len, n);
                current.len += n;
                off += n;
                len -= n;
                if (current.len == CHUNK) {
                    submit();
                }
            }
            return true;
        }

        private Slot take() {
            try {
                while (true) {
                    Slot s = free.poll(50, TimeUnit.MILLISECONDS);
                    if (s != null) {
                        return s;
                    }
                    if (stopping.getAsBoolean() || abandoned) {
                        abandon(new IOException("output stopping"));
                        return null;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandon(e);
                return null;
            }
        }

        private void submit() {
            Slot s = current;
            current = null;
            if (compression == Codec.Compression.GZIP) {
                System.arraycopy(tail, 0, s.dict, 0, tailLen);
                s.dictLen = tailLen;
                if (s.len >= WINDOW) {
                    System.arraycopy(s.in, s.len - WINDOW, tail, 0, WINDOW);
                    tailLen = WINDOW;
                } else {
                    int keep = Math.min(tailLen, WINDOW - s.len);
                    System.arraycopy(tail, tailLen - keep, tail, 0, keep);
                    System.arraycopy(s.in, 0, tail, keep, s.len);
                    tailLen = keep + s.len;
                }
            }
            synchronized (this) {
                inFlight.add(s);
            }
            try {
                pool.execute(() -> {
                    compress(s);
                    s.done = true;
                    drain();
                });
            } catch (RuntimeException e) { // rejected: the pool is shut down
                s.error = e;
                s.done = true;
                drain();
            }
        }

        /** The segment is sealed: compresses what is left and finishes the object when the last fragment is in. */
        void seal(Spool.Entry sealed) {
            if (current != null) {
                if (abandoned || current.len == 0) {
                    releaseCurrent();
                } else {
                    submit();
                }
            }
            synchronized (this) {
                segment = sealed;
            }
            drain();
        }

        /**
         * The segment could not be sealed: drops the build without handing anything on (the segment stays in
         * the spool and is recovered at the next start).
         */
        void discard() {
            abandon(new IOException("spool segment not sealed"));
            if (current != null) {
                releaseCurrent();
            }
            synchronized (this) {
                discarded = true;
            }
            drain();
        }

        /** Returns the chunk being filled, unsent, to the free slots. */
        private void releaseCurrent() {
            current.clear();
            free.offer(current);
            current = null;
        }

        /** Gives the build up; the sealed segment goes to {@code fallback}. */
        void abandon(Throwable why) {
            abandoned = true;
            synchronized (this) {
                if (failure == null) {
                    failure = why;
                }
            }
        }

        /** Appends the fragments that are ready, in order; finishes the object after the last one. */
        private synchronized void drain() {
            while (!inFlight.isEmpty() && inFlight.peek().done) {
                Slot s = inFlight.poll();
                if (failure == null) {
                    try {
                        if (s.error != null) {
                            throw s.error instanceof IOException io ? io : new IOException(s.error);
                        }
                        crc.update(s.in, 0, s.len);
                        inBytes += s.len;
                        byte[] data = compression == Codec.Compression.NONE ? s.in : s.out;
                        writeFully(ByteBuffer.wrap(data, 0, s.outLen));
                    } catch (IOException e) {
                        failure = e;
                        abandoned = true;
                    }
                }
                s.clear();
                free.offer(s);
            }
            if ((segment != null || discarded) && inFlight.isEmpty() && !finished) {
                finished = true;
                finish();
            }
        }

        private void finish() {
            try {
                if (failure == null) {
                    try {
                        complete();
                        return;
                    } catch (IOException | RuntimeException e) {
                        failure = e;
                    }
                }
                closeQuietly();
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // removed at the next start's recovery
                }
                if (discarded) {
                    return;
                }
                if (!(failure instanceof InterruptedException) && !stopping.getAsBoolean()) {
                    warn.accept("compressing " + tmp.getFileName() + " while writing failed (" + failure
                            + "); compressing it again from the spool segment");
                }
                fallback.accept(segment);
            } finally {
                building.decrementAndGet();
            }
        }

        /** Ends the stream, syncs and renames the object, deletes the segment, hands the object on. */
        private void complete() throws IOException {
            if (compression == Codec.Compression.GZIP) {
                // gzip trailer after the end block: CRC-32 and length mod 2^32, little-endian
                writeFully(ByteBuffer.allocate(DEFLATE_END.length + 8).order(ByteOrder.LITTLE_ENDIAN)
                        .put(DEFLATE_END).putInt((int) crc.getValue()).putInt((int) inBytes).flip());
            }
            channel.force(false);
            channel.close();
            long len = outBytes;
            Path obj = spool.objectPath(seq, millis, len);
            Files.move(tmp, obj, StandardCopyOption.ATOMIC_MOVE);
            spool.added(len);
            // From here the object stands for the segment (recovery drops a segment shadowed by its object).
            try {
                spool.syncDir();
                spool.remove(segment.path());
            } catch (IOException e) {
                warn.accept("cannot remove spool segment " + segment.path() + " after compressing it (" + e
                        + "); it is dropped at the next start");
            }
            done.accept(new Spool.Entry(seq, obj, true, millis, len));
        }

        private void writeFully(ByteBuffer b) throws IOException {
            outBytes += b.remaining();
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }

        private void closeQuietly() {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing to keep
            }
        }
    }

    private static final byte[] NEWLINE = {'\n'};
}
