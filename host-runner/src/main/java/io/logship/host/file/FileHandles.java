package io.logship.host.file;

import io.logship.api.Metrics;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open read handles of one im_file instance: at most ActiveFiles at a time, least recently used closed
 * first (followed files before rotated-away ones, which must be read to their end). {@link #closeAll} may
 * come from another thread (stop) and makes every later {@link #ensureOpen} fail.
 */
final class FileHandles {
    private final int activeFiles;
    private final Metrics.Counter opened;
    private final LinkedHashSet<TrackedFile> lru = new LinkedHashSet<>();
    private final Set<FileChannel> channels = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private int maxOpen;

    FileHandles(int activeFiles, Metrics.Counter opened) {
        this.activeFiles = activeFiles;
        this.opened = opened;
    }

    /** Opens the file's channel unless it is open, closing the least recently used one beyond ActiveFiles. */
    void ensureOpen(TrackedFile f) throws IOException {
        if (f.channel != null) {
            lru.remove(f);
            lru.add(f);
            return;
        }
        while (lru.size() >= activeFiles) {
            TrackedFile victim = null;
            for (TrackedFile o : lru) {
                if (!o.detached) {
                    victim = o;
                    break;
                }
            }
            if (victim == null) {
                victim = lru.iterator().next();
            }
            close(victim);
        }
        FileChannel ch = FileChannel.open(f.path, StandardOpenOption.READ);
        if (closed) {
            closeQuietly(ch);
            throw new ClosedChannelException();
        }
        f.channel = ch;
        channels.add(ch);
        lru.add(f);
        maxOpen = Math.max(maxOpen, lru.size());
        opened.increment();
    }

    void close(TrackedFile f) {
        lru.remove(f);
        if (f.channel != null) {
            channels.remove(f.channel);
            closeQuietly(f.channel);
            f.channel = null;
        }
    }

    /** Closes every channel (from any thread); later opens fail with ClosedChannelException. */
    void closeAll() {
        closed = true;
        for (FileChannel ch : channels) {
            closeQuietly(ch);
        }
        channels.clear();
    }

    int open() {
        return lru.size();
    }

    /** The most files held open at the same time. */
    int maxOpen() {
        return maxOpen;
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
