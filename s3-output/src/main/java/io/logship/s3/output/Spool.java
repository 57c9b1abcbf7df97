package io.logship.s3.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The om_s3 disk spool: one directory per output instance, locked against a second user. It holds
 * <ul>
 *   <li>{@code seg-SEQ.open}: the segment being written (records appended, fsynced by {@link #sync});</li>
 *   <li>{@code seg-SEQ.rec}: sealed segments of records not yet uploaded (batched mode: not yet compressed);</li>
 *   <li>{@code obj-SEQ-MILLIS-LENGTH.obj}: a compressed object ready to upload (batched mode);</li>
 *   <li>{@code state.properties}: the writer id and the reserved sequence numbers, so keys never repeat.</li>
 * </ul>
 * Segments hold records in {@link SegmentFormat}: a segment cut short by a crash is truncated after its last
 * whole record on recovery ({@link SpoolRecovery}; those events were never acknowledged by flush).
 * Sizes count against SpoolMaxSize; {@link #awaitSpace} blocks writers while the spool is full.
 */
final class Spool implements AutoCloseable {
    static final Pattern SEG = Pattern.compile("seg-(\\d{20})\\.(open|rec)");
    static final Pattern OBJ = Pattern.compile("obj-(\\d{20})-(\\d+)-(\\d+)\\.obj");
    private static final long RESERVE = 1000;

    /** A spool file awaiting upload: a segment of records or a compressed object. */
    record Entry(long seq, Path path, boolean isObject, long millis, long length) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            return Long.compare(seq, o.seq);
        }
    }

    private final Path dir;
    private final long maxSize;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final String writerId;
    private final AtomicLong used = new AtomicLong();
    private final ReentrantLock spaceLock = new ReentrantLock();
    private final Condition spaceFreed = spaceLock.newCondition();
    private final Object seqLock = new Object();
    private long nextSeq;
    private long reservedUpTo;
    private long lastMillis;

    private Spool(Path dir, long maxSize, FileChannel lockChannel, FileLock lock, String writerId, long nextSeq,
                  long lastMillis) {
        this.dir = dir;
        this.maxSize = maxSize;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.writerId = writerId;
        this.nextSeq = nextSeq;
        this.reservedUpTo = nextSeq - 1;
        this.lastMillis = lastMillis;
    }

    /**
     * Opens (creating) the spool directory, takes its lock and reads the state.
     *
     * @throws IOException when the directory is unusable or locked by another instance or process
     */
    static Spool open(Path dir, long maxSize) throws IOException {
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IOException("spool directory " + dir + " is in use by another om_s3 instance or logship"
                    + " process; give each output its own SpoolDir");
        }
        try {
            Properties p = new Properties();
            Path state = dir.resolve("state.properties");
            if (Files.exists(state)) {
                try (InputStream in = Files.newInputStream(state)) {
                    p.load(in);
                }
            }
            String writer = p.getProperty("writer");
            if (writer == null || !writer.matches("[0-9a-f]{8}")) {
                byte[] b = new byte[4];
                new SecureRandom().nextBytes(b);
                writer = HexFormat.of().formatHex(b);
            }
            long next = Long.parseLong(p.getProperty("nextSeq", "1"));
            long last = Long.parseLong(p.getProperty("lastMillis", "0"));
            Spool s = new Spool(dir, maxSize, ch, lock, writer, next, last);
            for (Path f : s.list()) {
                s.used.addAndGet(Files.size(f));
            }
            s.persistState(next);
            return s;
        } catch (IOException | RuntimeException e) {
            lock.release();
            ch.close();
            throw e;
        }
    }

    String writerId() {
        return writerId;
    }

    Path dir() {
        return dir;
    }

    /**
     * The next sequence number and the time for its key: the clock, but never earlier than a key already
     * handed out (so keys keep their order when the clock steps back). Reserves numbers on disk in blocks.
     */
    long[] allocate(long nowMillis) throws IOException {
        synchronized (seqLock) {
            if (nextSeq > reservedUpTo) {
                persistState(nextSeq + RESERVE);
            }
            long seq = nextSeq++;
            lastMillis = Math.max(lastMillis, nowMillis);
            return new long[] {seq, lastMillis};
        }
    }

    /** Moves the counter past {@code seq + jump} (after a key collision with another writer). */
    void skipPast(long seq) throws IOException {
        synchronized (seqLock) {
            if (nextSeq <= seq) {
                nextSeq = seq + 1;
                if (nextSeq > reservedUpTo) {
                    persistState(nextSeq + RESERVE);
                }
            }
        }
    }

    /** Records the current counter and time (at flush, so a restart continues after them). */
    void saveState() throws IOException {
        synchronized (seqLock) {
            persistState(Math.max(nextSeq, reservedUpTo + 1));
        }
    }

    private void persistState(long reserveTo) throws IOException {
        Properties p = new Properties();
        p.setProperty("writer", writerId);
        p.setProperty("nextSeq", Long.toString(reserveTo));
        p.setProperty("lastMillis", Long.toString(lastMillis));
        Path tmp = dir.resolve("state.properties.tmp");
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING); OutputStream out = Channels.newOutputStream(c)) {
            p.store(out, "om_s3 writer state: do not edit");
            out.flush();
            c.force(true);
        }
        Files.move(tmp, dir.resolve("state.properties"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        syncDir();
        reservedUpTo = reserveTo - 1;
    }

    /** Every spool data file (segments and objects). */
    List<Path> list() throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (SEG.matcher(n).matches() || OBJ.matcher(n).matches()) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** See {@link SpoolRecovery}: what waits for upload after a start, oldest first. */
    List<Entry> recover(Consumer<String> warn) throws IOException {
        return SpoolRecovery.recover(this, warn);
    }

    /** A new open segment whose first record has this sequence number. */
    SegmentWriter openSegment(long firstSeq) throws IOException {
        return new SegmentWriter(this, dir.resolve(String.format("seg-%020d.open", firstSeq)), firstSeq);
    }

    Path sealedSegmentPath(long firstSeq) {
        return dir.resolve(String.format("seg-%020d.rec", firstSeq));
    }

    Path objectTemp(long seq) {
        return dir.resolve(String.format("obj-%020d.tmp", seq));
    }

    Path objectPath(long seq, long millis, long length) {
        return dir.resolve(String.format("obj-%020d-%d-%d.obj", seq, millis, length));
    }

    /** Blocks while the spool is full; false when {@code stop} became true first. */
    boolean awaitSpace(BooleanSupplier stop) throws InterruptedException {
        if (used.get() < maxSize) {
            return true;
        }
        spaceLock.lock();
        try {
            while (used.get() >= maxSize) {
                if (stop.getAsBoolean()) {
                    return false;
                }
                spaceFreed.await(100, TimeUnit.MILLISECONDS);
            }
            return true;
        } finally {
            spaceLock.unlock();
        }
    }

    boolean isFull() {
        return used.get() >= maxSize;
    }

    long used() {
        return used.get();
    }

    void added(long bytes) {
        used.addAndGet(bytes);
    }

    /** Deletes a spool file and frees its space. */
    void remove(Path p) throws IOException {
        long size;
        try {
            size = Files.size(p);
        } catch (NoSuchFileException e) {
            return;
        }
        Files.deleteIfExists(p);
        used.addAndGet(-size);
        spaceLock.lock();
        try {
            spaceFreed.signalAll();
        } finally {
            spaceLock.unlock();
        }
    }

    /** Forces a spool file to disk; a file already gone (uploaded or compressed) needs nothing. */
    static void force(Path p) throws IOException {
        try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
            c.force(false);
        } catch (NoSuchFileException e) {
            // uploaded and removed meanwhile
        }
    }

    void syncDir() throws IOException {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the data files themselves are synced.
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }

    @Override
    public String toString() {
        return "Spool[" + dir + ", used=" + used.get() + "/" + maxSize + "]";
    }
}
