package io.logship.host.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Who a file is, whatever its name: device and inode (or the platform's file key), size and mtime, and the
 * search for a file by identity among the files of a directory (where rotation renames it to).
 */
final class FileIdentity {
    static final int DIR_SEARCH_LIMIT = 10_000;

    record FileStat(String id, long size, long mtimeMs) {
    }

    interface DirVisitor {
        /** Returns true to stop. */
        boolean visit(Path p, FileStat st) throws InterruptedException;
    }

    private final String instance;
    private final Logger log;

    FileIdentity(String instance, Logger log) {
        this.instance = instance;
        this.log = log;
    }

    /** Identity and size of a regular file (links followed), or null when it is missing or not a regular file. */
    static FileStat statQuiet(Path p) {
        try {
            return stat(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static FileStat stat(Path p) throws IOException {
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:dev,ino,size,lastModifiedTime,isRegularFile");
            if (!Boolean.TRUE.equals(a.get("isRegularFile"))) {
                return null;
            }
            return new FileStat("ino:" + a.get("dev") + ":" + a.get("ino"), (Long) a.get("size"),
                    ((FileTime) a.get("lastModifiedTime")).toMillis());
        } catch (NoSuchFileException e) {
            return null;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            BasicFileAttributes b = Files.readAttributes(p, BasicFileAttributes.class);
            if (!b.isRegularFile()) {
                return null;
            }
            Object key = b.fileKey();
            return new FileStat(key != null ? "key:" + key : "path:" + p.toAbsolutePath(), b.size(),
                    b.lastModifiedTime().toMillis());
        }
    }

    /** Visits the regular files of a directory (at most {@link #DIR_SEARCH_LIMIT} entries). */
    void forEachInDir(Path dir, DirVisitor v) throws InterruptedException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        int count = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            Iterator<Path> it = ds.iterator();
            while (it.hasNext() && count++ < DIR_SEARCH_LIMIT) {
                Path p = it.next();
                FileStat st = statQuiet(p);
                if (st != null && v.visit(p, st)) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("{}: cannot list {}: {}", instance, dir, e.toString());
        }
    }

    /** Finds the file with this identity in the directory of its last known path. */
    Path locate(String id, Path lastPath, FileStat[] out) throws InterruptedException {
        FileStat st = statQuiet(lastPath);
        if (st != null && st.id().equals(id)) {
            out[0] = st;
            return lastPath;
        }
        Path dir = lastPath.getParent();
        if (dir == null) {
            return null;
        }
        Path[] found = new Path[1];
        forEachInDir(dir, (p, s2) -> {
            if (s2.id().equals(id)) {
                found[0] = p;
                out[0] = s2;
                return true;
            }
            return false;
        });
        return found[0];
    }
}
