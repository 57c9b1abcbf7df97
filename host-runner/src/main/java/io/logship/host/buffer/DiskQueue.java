package io.logship.host.buffer;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

/**
 * A bounded first-in first-out queue of records in segment files ({@link Segments}), written by one thread
 * ({@link #append}, {@link #sync}), read by another ({@link #next}), and trimmed as the reader's positions are
 * committed ({@link #commit}).
 *
 * <p>What it promises: a record is visible to the reader only once {@link #sync} has fsynced it, so a committed
 * read position never points past durable data; a record stays on disk until a position at or after it is
 * committed, so a crash at any moment loses no record whose sync returned. The bound: {@link #append} waits
 * while the records not yet committed take {@code maxBytes} or more (except when the queue is empty, so one
 * record larger than the bound still passes, and while {@code stopping}, so a stop can write what is queued in
 * front of the buffer). A position is {@code "<segment id>:<offset after the record>"}.
 */
final class DiskQueue implements Closeable {
    /** A record: its payload, its segment and the offset just after it. */
    record Record(byte[] payload, long segment, long offsetAfter) {
        /** The position to commit once the record is delivered. */
        String position() {
            return segment + ":" + offsetAfter;
        }
    }

    private final Segments segments;
    private final long maxBytes;
    private final long segmentBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition space = lock.newCondition();
    private final Condition data = lock.newCondition();
    /** Per segment: the length the reader may read (fsynced), and the final length of closed segments. */
    private final TreeMap<Long, Long> synced;
    private long live;
    private long committedId;
    private long committedOff;
    // writer thread
    private FileChannel writeChannel;
    private long writeId;
    private long written;
    // reader thread
    private FileChannel readChannel;
    private long readChannelId = -1;
    private long readId;
    private long readOff;
    private volatile boolean closed;

    private DiskQueue(Segments segments, long maxBytes, TreeMap<Long, Long> synced) {
        this.segments = segments;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(4096, Math.min(maxBytes / 4, 64L << 20));
        this.synced = synced;
    }

    /**
     * Recovers the segments ({@link Segments#recover}), drops those wholly before {@code committed} (the position
     * the host committed for the reader, null on a first run), and opens a new segment to write to.
     *
     * @throws IOException naming the file that cannot be read, created or deleted
     */
    static DiskQueue open(Segments segments, long maxBytes, String committed, Logger log) throws IOException {
        TreeMap<Long, Long> lengths = segments.recover(log);
        DiskQueue q = new DiskQueue(segments, maxBytes, lengths);
        long[] c = parse(committed);
        long newest = lengths.isEmpty() ? 0 : lengths.lastKey();
        q.writeId = Math.max(newest, c == null ? 0 : c[0]) + 1;
        if (c == null || !lengths.containsKey(c[0])) {
            // nothing committed, or the committed segment is gone (consumed): read from the oldest one after it
            long from = c == null ? Long.MIN_VALUE : c[0];
            Long first = lengths.higherKey(from);
            q.committedId = first == null ? q.writeId : first;
            q.committedOff = Segments.HEADER.length;
        } else {
            q.committedId = c[0];
            q.committedOff = Math.min(c[1], lengths.get(c[0])); // a segment cut at a torn tail ends sooner
        }
        for (Long id : lengths.headMap(q.committedId, false).keySet().toArray(Long[]::new)) {
            Files.deleteIfExists(segments.path(id));
            lengths.remove(id);
        }
        q.writeChannel = segments.create(q.writeId);
        q.written = Segments.HEADER.length;
        lengths.put(q.writeId, q.written);
        q.readId = q.committedId;
        q.readOff = q.committedOff;
        for (Map.Entry<Long, Long> e : lengths.entrySet()) {
            q.live += e.getValue() - Segments.HEADER.length;
        }
        q.live -= q.committedOff - Segments.HEADER.length;
        return q;
    }

    private static long[] parse(String position) {
        if (position == null) {
            return null;
        }
        int colon = position.indexOf(':');
        try {
            return new long[] {Long.parseLong(position.substring(0, colon)),
                    Long.parseLong(position.substring(colon + 1))};
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a pm_buffer position: '" + position + "'");
        }
    }

    /** Where segment {@code id} is. */
    java.nio.file.Path path(long id) {
        return segments.path(id);
    }

    /** Bytes of records not yet committed (the fill MaxSize bounds). */
    long size() {
        lock.lock();
        try {
            return live;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a record of {@code payloadBytes} waits for room now. */
    boolean isFull(int payloadBytes) {
        lock.lock();
        try {
            return live > 0 && live + payloadBytes + Segments.RECORD_OVERHEAD > maxBytes;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends a record, waiting while the queue is full (see the class); not visible to the reader before
     * {@link #sync}.
     */
    void append(byte[] payload, BooleanSupplier stopping) throws IOException, InterruptedException {
        int bytes = payload.length + Segments.RECORD_OVERHEAD;
        lock.lock();
        try {
            while (live > 0 && live + bytes > maxBytes && !stopping.getAsBoolean() && !closed) {
                space.await(100, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
        if (closed) {
            throw new IOException("the buffer is closed");
        }
        if (written >= segmentBytes) {
            roll();
        }
        ByteBuffer buf = ByteBuffer.allocate(bytes);
        buf.putInt(payload.length).putInt(Segments.crc(payload)).put(payload).flip();
        long pos = written;
        while (buf.hasRemaining()) {
            pos += writeChannel.write(buf, pos);
        }
        written = pos;
        lock.lock();
        try {
            live += bytes;
        } finally {
            lock.unlock();
        }
    }

    /** Fsyncs what was appended and makes it visible to the reader. */
    void sync() throws IOException {
        writeChannel.force(false);
        publish();
    }

    private void publish() {
        lock.lock();
        try {
            synced.put(writeId, written);
            data.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void roll() throws IOException {
        sync();
        writeChannel.close();
        FileChannel next = segments.create(writeId + 1);
        lock.lock();
        try {
            writeId++;
            writeChannel = next;
            written = Segments.HEADER.length;
            synced.put(writeId, written);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next durable record after the last one returned, waiting up to {@code waitNanos} for one; null when
     * none came.
     *
     * @throws IOException naming the file and offset of a record that cannot be read back
     */
    Record next(long waitNanos) throws IOException, InterruptedException {
        long id;
        long off;
        lock.lock();
        try {
            long wait = waitNanos;
            while (true) {
                Long len = synced.get(readId);
                if (len != null && readOff < len) {
                    break;
                }
                Long after = synced.higherKey(readId);
                if (after != null && (len == null || readId != writeId)) {
                    readId = after; // this segment is done: on to the next
                    readOff = Segments.HEADER.length;
                    continue;
                }
                if (wait <= 0 || closed) {
                    return null;
                }
                wait = data.awaitNanos(wait);
            }
            id = readId;
            off = readOff;
        } finally {
            lock.unlock();
        }
        FileChannel ch = readChannel(id);
        ByteBuffer head = ByteBuffer.allocate(Segments.RECORD_OVERHEAD);
        try {
            Segments.readFully(ch, head, off);
            int len = head.getInt(0);
            ByteBuffer payload = ByteBuffer.allocate(len);
            Segments.readFully(ch, payload, off + Segments.RECORD_OVERHEAD);
            if (Segments.crc(payload.array()) != head.getInt(4)) {
                throw new IOException("checksum mismatch");
            }
            readOff = off + Segments.RECORD_OVERHEAD + len;
            return new Record(payload.array(), id, readOff);
        } catch (IOException | RuntimeException e) {
            throw new IOException(segments.path(id) + ": cannot read the record at offset " + off + ": "
                    + e.getMessage(), e);
        }
    }

    private FileChannel readChannel(long id) throws IOException {
        if (readChannelId != id) {
            if (readChannel != null) {
                readChannel.close();
            }
            readChannel = FileChannel.open(segments.path(id), StandardOpenOption.READ);
            readChannelId = id;
        }
        return readChannel;
    }

    /**
     * Records that the reader's position {@code position} is committed: every record up to it leaves the bound,
     * and the segments wholly before it are deleted.
     */
    void commit(String position) throws IOException {
        long[] c = parse(position);
        java.util.List<Long> gone = new java.util.ArrayList<>();
        lock.lock();
        try {
            if (c[0] < committedId || c[0] == committedId && c[1] <= committedOff || !synced.containsKey(c[0])) {
                return;
            }
            live -= bytesBetween(committedId, committedOff, c[0], c[1]);
            committedId = c[0];
            committedOff = c[1];
            for (Map.Entry<Long, Long> e : synced.headMap(committedId, true).entrySet()) {
                boolean consumed = e.getKey() < committedId
                        || e.getKey() != writeId && committedOff >= e.getValue();
                if (consumed) {
                    gone.add(e.getKey());
                }
            }
            gone.forEach(synced::remove);
            space.signalAll();
        } finally {
            lock.unlock();
        }
        for (Long id : gone) {
            Files.deleteIfExists(segments.path(id));
        }
    }

    private long bytesBetween(long fromId, long fromOff, long toId, long toOff) {
        if (fromId == toId) {
            return toOff - fromOff;
        }
        long n = synced.getOrDefault(fromId, fromOff) - fromOff;
        for (Map.Entry<Long, Long> e : synced.subMap(fromId, false, toId, false).entrySet()) {
            n += e.getValue() - Segments.HEADER.length;
        }
        return n + toOff - Segments.HEADER.length;
    }

    /** Wakes a waiting {@link #append} or {@link #next} so it returns. */
    void wakeUp() {
        lock.lock();
        try {
            space.signalAll();
            data.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        wakeUp();
        try {
            if (writeChannel != null) {
                writeChannel.close();
            }
        } finally {
            if (readChannel != null) {
                readChannel.close();
            }
        }
    }
}
