package io.logship.host.buffer;

import io.logship.api.Event;
import io.logship.api.InputModule;
import io.logship.api.OutputModule;
import io.logship.api.ProcessorModule;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A {@code pm_buffer} instance, as the host runs it: not a synchronous processor but a bounded queue that splits
 * its route's path in two, so that a burst, or outputs that are down for a while, fill the buffer before they
 * make the inputs wait (or drop, with {@code FlowControl FALSE}).
 *
 * <ul>
 * <li>{@code Type Disk}: the path before the buffer writes to {@link #diskWriter()} (run as an output: an event
 * is appended to segment files under {@code Directory}, fsynced at each flush), and {@link #diskReader()} (run
 * as an input) feeds the path after it. The guarantee: an input's position is committed once its events are
 * fsynced in the buffer; the buffer keeps each event on disk until the outputs after it have flushed it and its
 * buffer position is committed, and replays from there after a restart or a crash. Nothing acknowledged is lost
 * by kill -9; events after the buffer's last commit may arrive twice.</li>
 * <li>{@code Type Mem}: a bounded queue in memory that the host's thread for the buffer empties into the path
 * after it. It holds the inputs' own positions: they are committed only once the outputs after the buffer have
 * flushed the events, so a crash loses nothing either (the inputs read those events again).</li>
 * </ul>
 *
 * {@link #process} just passes events on: the host never calls it.
 */
public final class PmBuffer implements ProcessorModule {
    private final String instance;
    private final boolean disk;
    private final long maxBytes;
    private final long warnBytes;
    private final DiskBuffer diskBuffer;
    private final DiskWriter writer;
    private final DiskReader reader;

    PmBuffer(String instance, boolean disk, long maxBytes, long warnBytes, Path directory, boolean createDir) {
        this.instance = instance;
        this.disk = disk;
        this.maxBytes = maxBytes;
        this.warnBytes = warnBytes;
        this.diskBuffer = disk ? new DiskBuffer(instance, directory, createDir, maxBytes, warnBytes) : null;
        this.writer = disk ? new DiskWriter(diskBuffer) : null;
        this.reader = disk ? new DiskReader(diskBuffer) : null;
    }

    public String instanceName() {
        return instance;
    }

    /** {@code Type Disk}. */
    public boolean isDisk() {
        return disk;
    }

    /** MaxSize in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /** WarnLimit in bytes, 0 for none. */
    public long warnBytes() {
        return warnBytes;
    }

    /** Disk: the output the path before the buffer writes to. */
    public OutputModule diskWriter() {
        return writer;
    }

    /** Disk: the input that feeds the path after the buffer. */
    public InputModule diskReader() {
        return reader;
    }

    /** Disk: whether the queue holds records the reader has not read yet (for --once). */
    public boolean hasUnread() {
        DiskQueue q = diskBuffer == null ? null : diskBuffer.queueOrNull();
        return q != null && q.hasUnread();
    }

    /** Disk: the reader's position the host committed before (null on a first run); before start. */
    public void committedAtStart(String position) {
        if (diskBuffer != null) {
            diskBuffer.committedAtStart(position);
        }
    }

    /** Mem: the warnings of a memory buffer, for the host's queue to call. */
    public MemFill memFill(org.slf4j.Logger log) {
        return new MemFill(new FillWarnings(instance, log, warnBytes, maxBytes, System::nanoTime));
    }

    /** How a memory buffer reports its fill: {@code WarnLimit} crossed, full. */
    public static final class MemFill {
        private final FillWarnings w;

        MemFill(FillWarnings w) {
            this.w = w;
        }

        public void filled(long bytes) {
            w.filled(bytes);
        }

        public void full(long bytes) {
            w.full(bytes);
        }

        /** What the buffer counts for one event against MaxSize (its encoded size, estimated). */
        public static int size(Event e) {
            return EventCodec.estimate(e) + 8;
        }
    }

    @Override
    public void process(Event event, Consumer<Event> emit) {
        emit.accept(event);
    }
}
