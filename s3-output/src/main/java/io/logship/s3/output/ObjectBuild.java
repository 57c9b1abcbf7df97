package io.logship.s3.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * One object being built by {@link ObjectCompressor} from the lines of the open segment: chunks go to the
 * compression threads, compressed fragments are appended in order to the object's temporary spool file,
 * which becomes the object when the segment is sealed and its last fragment is in. {@link #line} and
 * {@link #seal} are called by the writer only.
 */
final class ObjectBuild {
    private final ObjectCompressor owner;
    private final Spool spool;
    private final Codec.Compression compression;
    private final BlockingQueue<ObjectCompressor.Slot> free;
    private final AtomicInteger building;
    private final BooleanSupplier stopping;
    private final long seq;
    private final long millis;
    private final Path tmp;
    private final Consumer<Spool.Entry> done;
    private final Consumer<Spool.Entry> fallback;
    private final Consumer<String> warn;
    private final FileChannel channel;
    // writer side
    private ObjectCompressor.Slot current;
    private final byte[] tail = new byte[ObjectCompressor.WINDOW];
    private int tailLen;
    private volatile boolean abandoned;
    // guarded by this
    private final ArrayDeque<ObjectCompressor.Slot> inFlight = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private long inBytes;
    private long outBytes;
    private Spool.Entry segment;
    private boolean discarded;
    private boolean finished;
    private Throwable failure;

    ObjectBuild(ObjectCompressor owner, long seq, long millis, Consumer<Spool.Entry> done, Consumer<Spool.Entry> fallback,
                  Consumer<String> warn) throws IOException {
        this.owner = owner;
        this.spool = owner.spool();
        this.compression = owner.compression();
        this.free = owner.free();
        this.building = owner.buildingCounter();
        this.stopping = owner.stopping();
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
                writeFully(ByteBuffer.wrap(ObjectCompressor.GZIP_HEADER));
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
        ObjectCompressor.Slot s = current;
        if (s != null && s.len + len < ObjectCompressor.CHUNK) {
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
            int n = Math.min(len, ObjectCompressor.CHUNK - current.len);
            System.arraycopy(b, off, current.in, current.len, n);
            current.len += n;
            off += n;
            len -= n;
            if (current.len == ObjectCompressor.CHUNK) {
                submit();
            }
        }
        return true;
    }

    private ObjectCompressor.Slot take() {
        try {
            while (true) {
                ObjectCompressor.Slot s = free.poll(50, TimeUnit.MILLISECONDS);
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
        ObjectCompressor.Slot s = current;
        current = null;
        if (compression == Codec.Compression.GZIP) {
            System.arraycopy(tail, 0, s.dict, 0, tailLen);
            s.dictLen = tailLen;
            if (s.len >= ObjectCompressor.WINDOW) {
                System.arraycopy(s.in, s.len - ObjectCompressor.WINDOW, tail, 0, ObjectCompressor.WINDOW);
                tailLen = ObjectCompressor.WINDOW;
            } else {
                int keep = Math.min(tailLen, ObjectCompressor.WINDOW - s.len);
                System.arraycopy(tail, tailLen - keep, tail, 0, keep);
                System.arraycopy(s.in, 0, tail, keep, s.len);
                tailLen = keep + s.len;
            }
        }
        synchronized (this) {
            inFlight.add(s);
        }
        try {
            owner.execute(() -> {
                owner.compress(s);
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
            ObjectCompressor.Slot s = inFlight.poll();
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
            writeFully(ByteBuffer.allocate(ObjectCompressor.DEFLATE_END.length + 8).order(ByteOrder.LITTLE_ENDIAN)
                    .put(ObjectCompressor.DEFLATE_END).putInt((int) crc.getValue()).putInt((int) inBytes).flip());
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

    private static final byte[] NEWLINE = {'\n'};
}
