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
 * <p>What it promises: a record stays on disk until a position at or after it is committed, so a crash at any
 * moment loses no record whose {@link #sync} returned. Appended records are gathered in a write buffer and
 * written to the file at each {@link #sync}, or when the buffer fills; the reader sees them once they are in the
 * file, before they are fsynced, so a committed read position may point past what a crash kept of its segment;
 * {@link #open} takes such a segment as read to its end, which loses nothing: the records a crash cut were never
 * acknowledged to the path before the buffer (its inputs send them again), and each start writes to a new
 * segment, so no offset is ever used twice. The bound: {@link #append} waits
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

    private static final int WRITE_BUFFER = 64 * 1024;
    private final Segments segments;
    private final long maxBytes;
    private final long segmentBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition space = lock.newCondition();
    private final Condition data = lock.newCondition();
    /** Per segment: the length the reader may read (every whole record appended), final once it is closed. */
    private final TreeMap<Long, Long> visible;
    private long live;
    private long committedId;
    private long committedOff;
    // writer thread
    private FileChannel writeChannel;
    private long writeId;
    private long written;
    /** Appended records not yet written to the file (writer thread). */
    private final ByteBuffer pending = ByteBuffer.allocate(WRITE_BUFFER);
    // reader thread
    private final RecordReader reader;
    private volatile long readId; // volatile: hasUnread() reads them from the agent thread
    private volatile long readOff;
    private volatile boolean closed;

    private DiskQueue(Segments segments, long maxBytes, TreeMap<Long, Long> visible) {
        this.segments = segments;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(4096, Math.min(maxBytes / 4, 64L << 20));
        this.visible = visible;
        this.reader = new RecordReader(segments);
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
        } else if (c[1] >= lengths.get(c[0])) { // wholly consumed (or cut shorter at a torn tail): the next one
            Long next = lengths.higherKey(c[0]);
            q.committedId = next == null ? q.writeId : next;
            q.committedOff = Segments.HEADER.length;
        } else {
            q.committedId = c[0];
            q.committedOff = c[1];
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

    /** Whether records are visible that {@link #next} has not returned yet. */
    boolean hasUnread() {
        lock.lock();
        try {
            Long len = visible.get(readId);
            if (len != null && readOff < len) {
                return true;
            }
            for (Map.Entry<Long, Long> e : visible.tailMap(readId, false).entrySet()) {
                if (e.getValue() > Segments.HEADER.length) {
                    return true;
                }
            }
            return false;
        } finally {
            lock.unlock();
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

    /** Appends a record, waiting while the queue is full (see the class); durable once {@link #sync} returns. */
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
        if (written + pending.position() >= segmentBytes) {
            roll();
        }
        if (bytes > pending.remaining()) {
            drain();
        }
        if (bytes > pending.capacity()) {
            ByteBuffer big = ByteBuffer.allocate(bytes);
            big.putInt(payload.length).putInt(Segments.crc(payload)).put(payload).flip();
            write(big);
        } else {
            pending.putInt(payload.length).putInt(Segments.crc(payload)).put(payload);
        }
        lock.lock();
        try {
            live += bytes;
        } finally {
            lock.unlock();
        }
    }

    /** Writes the appended records to the file and shows them to the reader (not yet fsynced). */
    private void drain() throws IOException {
        if (pending.position() > 0) {
            write(pending.duplicate().flip()); // pending stays as it is if the write fails: a retry writes it again
            pending.clear();
        }
    }

    private void write(ByteBuffer b) throws IOException {
        long pos = written;
        while (b.hasRemaining()) {
            pos += writeChannel.write(b, pos);
        }
        written = pos;
        lock.lock();
        try {
            visible.put(writeId, written); // whole records only: the reader may have them
            data.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Writes what was appended to the file (the reader sees it from now on) and fsyncs it. */
    void sync() throws IOException {
        drain();
        writeChannel.force(false);
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
            visible.put(writeId, written);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next record after the last one returned, waiting up to {@code waitNanos} for one; null when
     * none came.
     *
     * @throws IOException naming the file and offset of a record that cannot be read back
     */
    Record next(long waitNanos) throws IOException, InterruptedException {
        long id;
        long off;
        long limit;
        lock.lock();
        try {
            long wait = waitNanos;
            while (true) {
                Long len = visible.get(readId);
                if (len != null && readOff < len) {
                    break;
                }
                Long after = visible.higherKey(readId);
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
            limit = visible.get(readId);
        } finally {
            lock.unlock();
        }
        try {
            byte[] payload = reader.read(id, off, limit);
            readOff = off + Segments.RECORD_OVERHEAD + payload.length;
            return new Record(payload, id, readOff);
        } catch (IOException | RuntimeException e) {
            throw new IOException(segments.path(id) + ": cannot read the record at offset " + off + ": "
                    + e.getMessage(), e);
        }
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
            if (c[0] < committedId || c[0] == committedId && c[1] <= committedOff || !visible.containsKey(c[0])) {
                return;
            }
            live -= bytesBetween(committedId, committedOff, c[0], c[1]);
            committedId = c[0];
            committedOff = c[1];
            for (Map.Entry<Long, Long> e : visible.headMap(committedId, true).entrySet()) {
                boolean consumed = e.getKey() < committedId
                        || e.getKey() != writeId && committedOff >= e.getValue();
                if (consumed) {
                    gone.add(e.getKey());
                }
            }
            gone.forEach(visible::remove);
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
        long n = visible.getOrDefault(fromId, fromOff) - fromOff;
        for (Map.Entry<Long, Long> e : visible.subMap(fromId, false, toId, false).entrySet()) {
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
            drain(); // what an aborted writer appended last; never acknowledged, but no reason to lose it
            if (writeChannel != null) {
                writeChannel.close();
            }
        } finally {
            reader.close();
        }
    }
}
