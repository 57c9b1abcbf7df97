package io.logship.host.buffer;

import io.logship.api.LogshipException;
import io.logship.api.ModuleContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the two sides of one disk pm_buffer share: its directory, its queue (opened by the writer), its warnings. */
final class DiskBuffer {
    private final String instance;
    private final Segments segments;
    private final boolean createDir;
    private final long maxBytes;
    private final long warnBytes;
    private volatile String committedAtStart;
    private volatile DiskQueue queue;
    private volatile FillWarnings warnings;
    private volatile io.logship.api.InputContext reader;

    DiskBuffer(String instance, Path dir, boolean createDir, long maxBytes, long warnBytes) {
        this.instance = instance;
        this.segments = new Segments(dir, instance);
        this.createDir = createDir;
        this.maxBytes = maxBytes;
        this.warnBytes = warnBytes;
    }

    void committedAtStart(String position) {
        committedAtStart = position;
    }

    /** Recovers what the last run left and opens the queue; a failure stops the agent at start, with the file. */
    synchronized void open(ModuleContext ctx) throws LogshipException {
        Path dir = segments.dir();
        try {
            if (!Files.isDirectory(dir)) {
                if (!createDir) {
                    throw new LogshipException("pm_buffer " + instance + ": Directory " + dir + " does not exist "
                            + "(create it, or set CreateDir TRUE)");
                }
                Files.createDirectories(dir);
            }
            warnings = new FillWarnings(instance, ctx.logger(), warnBytes, maxBytes, System::nanoTime);
            queue = DiskQueue.open(segments, maxBytes, committedAtStart, ctx.logger());
        } catch (IOException | IllegalArgumentException e) {
            throw new LogshipException("pm_buffer " + instance + ": cannot open its disk buffer in " + dir + ": "
                    + e.getMessage(), e);
        }
        long held = queue.size();
        if (held > 0) {
            ctx.logger().info("pm_buffer {}: {} KiB buffered by the last run in {}, sent on first", instance,
                    (held + 1023) / 1024, dir);
        }
        warnings.filled(held);
    }

    DiskQueue queue() throws LogshipException {
        DiskQueue q = queue;
        if (q == null) {
            throw new LogshipException("pm_buffer " + instance + ": its disk buffer is not open");
        }
        return q;
    }

    DiskQueue queueOrNull() {
        return queue;
    }

    FillWarnings warnings() {
        return warnings;
    }

    Segments segments() {
        return segments;
    }

    /** The replaying side's context, whose committed position {@link #close} applies last. */
    void reader(io.logship.api.InputContext ctx) {
        reader = ctx;
    }

    /**
     * Applies the reader's last committed position (the host commits after the reader stopped and before the
     * writer stops), then closes.
     */
    synchronized void close() throws LogshipException {
        DiskQueue q = queue;
        if (q != null) {
            try {
                String c = reader == null ? null : reader.committedPositions().get("");
                if (c != null) {
                    q.commit(c);
                }
                q.close();
            } catch (IOException e) {
                throw new LogshipException("pm_buffer " + instance + ": closing " + segments.dir() + ": "
                        + e.getMessage(), e);
            }
        }
    }
}
