package io.logship.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;
import org.slf4j.Logger;

/**
 * A network output's bounded, crash-surviving disk spool: the wire bytes of events, in order, in segment files
 * ({@code seg-<position>.spool}, named by the logical byte position of their first byte). The writer
 * ({@link #append}) gathers events in memory and writes them as one <em>chunk</em> (header: length, event count,
 * CRC-32; then the bytes) when the buffer is full, when the sender finds nothing else to send, or at
 * {@link #sync}. The sender reads chunks back ({@link #read}) and, once a position can no longer be needed for a
 * resend, {@link #release}s it: whole segments before it are deleted and the position is saved in {@code cursor}
 * (written to a temporary file and renamed), where the next start begins.
 *
 * <p>Bounded: {@link #append} blocks while the segments kept plus the buffer would exceed the limit (the inputs slow
 * down; nothing is dropped). {@link #sync} makes everything appended so far durable (fsync). At open, a chunk cut
 * short or corrupted by a crash at the end of the newest segment (bytes never synced) is cut off and logged.
 * Thread-safe: one writer thread and one sender thread.
 */
final class NetSpool implements AutoCloseable {
    static final int HEADER = 12;
    static final int MAX_CHUNK = 64 << 20;
    private static final String CURSOR = "cursor";

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final Logger log;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition data = lock.newCondition();
    private final Condition space = lock.newCondition();
    /** Segment base position to its file; the last one is being appended to. */
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    private FileChannel appendChannel;
    private long end;          // logical end of the chunks in files
    private long synced;       // everything before it is fsync'ed
    private long released;     // the start position kept (sender's floor)
    private long savedCursor = -1;
    private long savedAtNanos;
    private final ByteBuffer pending;
    private int pendingEvents;
    private long pendingSinceNanos;
    private boolean closed;
    private final CRC32 crc = new CRC32();

    /** One chunk read back: its position, the position after it, its events and bytes (in the caller's buffer). */
    record Chunk(long position, long next, int events, int length) {
    }

    private NetSpool(Path dir, long maxBytes, int bufferBytes, Logger log, String name) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(1 << 20, Math.min(16L << 20, maxBytes / 8));
        this.log = log;
        this.name = name;
        this.pending = ByteBuffer.allocate(bufferBytes);
    }

    /** Opens (or creates) the spool in {@code dir}, recovering what a previous run left. */
    static NetSpool open(Path dir, long maxBytes, int bufferBytes, Logger log, String name) throws IOException {
        Files.createDirectories(dir);
        NetSpool s = new NetSpool(dir, maxBytes, bufferBytes, log, name);
        s.recover();
        return s;
    }

    private void recover() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "seg-*.spool")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                segments.put(Long.parseLong(n.substring(4, n.length() - 6)), p);
            }
        }
        if (segments.isEmpty()) {
            newSegment(0);
        } else {
            Map.Entry<Long, Path> last = segments.lastEntry();
            long valid = NetSpoolChunks.validLength(last.getValue());
            appendChannel = FileChannel.open(last.getValue(), StandardOpenOption.WRITE, StandardOpenOption.READ);
            long size = appendChannel.size();
            if (valid < size) {
                log.warn("{}: spool {}: cut off {} bytes at the end of {} (written but not yet synced when the agent "
                        + "stopped; events were flushed only up to there)", name, dir, size - valid, last.getValue());
                appendChannel.truncate(valid);
            }
            appendChannel.position(valid);
            end = last.getKey() + valid;
        }
        synced = end;
        long first = segments.firstKey();
        long cursor = readCursor();
        released = cursor >= first && cursor <= end ? cursor : first;
    }

    private long readCursor() {
        try {
            return Long.parseLong(Files.readString(dir.resolve(CURSOR), StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private void newSegment(long base) throws IOException {
        Path p = dir.resolve(String.format("seg-%020d.spool", base));
        appendChannel = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING);
        segments.put(base, p);
    }

    /**
     * Appends the bytes of one event (given as up to two parts, e.g. a frame prefix and the payload). Blocks while
     * the spool is full.
     *
     * @throws InterruptedException when interrupted while waiting for space
     * @throws IOException          when the spool cannot be written, or it was closed
     */
    void append(byte[] a, int aLen, byte[] b, int bLen) throws IOException, InterruptedException {
        int need = aLen + bLen;
        lock.lock();
        try {
            while (!closed && end - segments.firstKey() + pending.position() + need > maxBytes
                    && end + pending.position() > released) {
                space.await(200, TimeUnit.MILLISECONDS); // full: the writer (and the inputs) wait for the sender
            }
            if (closed) {
                throw new IOException("the spool is closed");
            }
            if (pending.remaining() < need) {
                drainLocked();
                if (pending.capacity() < need) {
                    writeChunk(ByteBuffer.wrap(concat(a, aLen, b, bLen)), 1);
                    return;
                }
            }
            if (pending.position() == 0) {
                pendingSinceNanos = System.nanoTime();
            }
            pending.put(a, 0, aLen);
            pending.put(b, 0, bLen);
            pendingEvents++;
        } finally {
            lock.unlock();
        }
    }

    private static byte[] concat(byte[] a, int aLen, byte[] b, int bLen) {
        byte[] out = new byte[aLen + bLen];
        System.arraycopy(a, 0, out, 0, aLen);
        System.arraycopy(b, 0, out, aLen, bLen);
        return out;
    }

    /** Writes the in-memory events as one chunk (caller holds the lock). */
    private void drainLocked() throws IOException {
        if (pending.position() == 0) {
            return;
        }
        pending.flip();
        writeChunk(pending, pendingEvents);
        pending.clear();
        pendingEvents = 0;
    }

    private void writeChunk(ByteBuffer body, int events) throws IOException {
        if (end - segments.lastKey() >= segmentBytes) {
            appendChannel.force(false);
            appendChannel.close();
            synced = Math.max(synced, end);
            newSegment(end);
        }
        crc.reset();
        crc.update(body.array(), body.position(), body.remaining());
        ByteBuffer h = ByteBuffer.allocate(HEADER).putInt(body.remaining()).putInt(events)
                .putInt((int) crc.getValue()).flip();
        long at = end - segments.lastKey();
        int len = body.remaining();
        ByteBuffer[] both = {h, body};
        long written = 0;
        while (written < HEADER + len) {
            written += appendChannel.write(both);
        }
        end += HEADER + len;
        data.signalAll();
        assert at >= 0;
    }

    /** Makes everything appended so far durable (the in-memory events written and fsync'ed). */
    void sync() throws IOException {
        lock.lock();
        try {
            drainLocked();
            if (synced < end) {
                appendChannel.force(false);
                synced = end;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The logical position after everything appended so far, the in-memory events included. */
    long appended() {
        lock.lock();
        try {
            return end + (pending.position() == 0 ? 0 : HEADER + pending.position());
        } finally {
            lock.unlock();
        }
    }

    /** The position the next start begins at (the oldest one kept). */
    long released() {
        lock.lock();
        try {
            return released;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a chunk starts at or after {@code position} in the files, writing out the in-memory events once
     * they are {@code lingerNanos} old (so a slow trickle still goes out promptly while a stream is batched).
     *
     * @return {@code position} once a chunk starts there, or -1 when the wait timed out or the spool was closed
     */
    long awaitData(long position, long lingerNanos, long timeoutNanos) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        lock.lock();
        try {
            while (!closed) {
                if (position < end) {
                    return position; // a chunk starts there (a segment's base when it is the end of the one before)
                }
                long now = System.nanoTime();
                if (pending.position() > 0 && now - pendingSinceNanos >= lingerNanos) {
                    drainLocked();
                    continue;
                }
                long wait = Math.min(deadline - now, pending.position() > 0
                        ? lingerNanos - (now - pendingSinceNanos) : deadline - now);
                if (deadline - now <= 0) {
                    return -1;
                }
                data.awaitNanos(Math.max(wait, 1000));
            }
            return -1;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads the chunk at {@code position} (a chunk start returned by {@link #awaitData} or an earlier
     * {@link Chunk#next}) into {@code buf}, growing it when needed.
     *
     * @return the chunk; its bytes are in {@code holder[0]}
     */
    Chunk read(long position, byte[][] holder) throws IOException {
        Path file;
        long base;
        lock.lock();
        try {
            Map.Entry<Long, Path> seg = segments.floorEntry(position);
            if (seg == null) {
                throw new IOException("spool position " + position + " was already released");
            }
            file = seg.getValue();
            base = seg.getKey();
        } finally {
            lock.unlock();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(HEADER);
            NetSpoolChunks.readFully(ch, h, position - base);
            int len = h.getInt(0);
            int events = h.getInt(4);
            if (holder[0].length < len) {
                holder[0] = new byte[len];
            }
            ByteBuffer body = ByteBuffer.wrap(holder[0], 0, len);
            NetSpoolChunks.readFully(ch, body, position - base + HEADER);
            return new Chunk(position, position + HEADER + len, events, len);
        }
    }

    /**
     * Where reading goes on after the chunk at {@code position} could not be read: the next segment's base, or the
     * end of what was written when it is the newest segment (the bytes skipped are logged by the caller).
     */
    long skipDamaged(long position) {
        lock.lock();
        try {
            Long next = segments.higherKey(position);
            return next != null ? next : end;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Nothing before {@code position} will be read again: segments that end at or before it are deleted (space
     * frees up for {@link #append}) and the position is saved for the next start (at most every half second unless
     * {@code now}).
     */
    void release(long position, boolean now) throws IOException {
        lock.lock();
        try {
            if (position < released) {
                return;
            }
            released = position;
            boolean freed = false;
            while (segments.size() > 1) {
                Map.Entry<Long, Path> first = segments.firstEntry();
                Long second = segments.higherKey(first.getKey());
                if (second > position) {
                    break;
                }
                Files.deleteIfExists(first.getValue());
                segments.remove(first.getKey());
                freed = true;
            }
            if (freed || end + pending.position() <= released) {
                space.signalAll();
            }
            if (now || freed || System.nanoTime() - savedAtNanos > TimeUnit.MILLISECONDS.toNanos(500)) {
                saveCursor();
            }
        } finally {
            lock.unlock();
        }
    }

    private void saveCursor() throws IOException {
        if (savedCursor == released) {
            return;
        }
        Path tmp = dir.resolve(CURSOR + ".tmp");
        Files.writeString(tmp, Long.toString(released), StandardCharsets.US_ASCII);
        Files.move(tmp, dir.resolve(CURSOR), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        savedCursor = released;
        savedAtNanos = System.nanoTime();
    }

    /** Bytes kept on disk (segments not yet released) and in memory. */
    long usedBytes() {
        lock.lock();
        try {
            return end - segments.firstKey() + pending.position();
        } finally {
            lock.unlock();
        }
    }

    Path dir() {
        return dir;
    }

    /** Writes out and syncs the in-memory events, saves the cursor, and wakes every waiter. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            try {
                drainLocked();
                appendChannel.force(false);
                saveCursor();
            } finally {
                closed = true;
                appendChannel.close();
                data.signalAll();
                space.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }
}
