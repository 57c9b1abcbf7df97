package io.logship.host.file;

import io.logship.api.InputType;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** What im_file knows about one followed file (one position stream). Used by the read thread only. */
final class TrackedFile {
    /** The stream name: device and inode ("ino:DEV:INO"), or the path where the platform has no inodes. */
    final String id;
    Path path;
    String pathText;
    FileChannel channel;
    /** First byte not yet delivered: always the start of a line (or of the next piece of a split line). */
    long offset;
    /** File size when everything complete had been delivered (bytes past offset are a held partial line). */
    long scanned = -1;
    /** Size seen by the last stat of the path (for files that are closed). */
    long statSize = -1;
    long statMtime = Long.MIN_VALUE;
    /** The mtime at which the fingerprint was last verified (closed files are checked again when it moves). */
    long verifiedMtime = Long.MIN_VALUE;
    long verifiedWallMs = Long.MIN_VALUE;
    int fpLen;
    long fpCrc;
    /** No longer at its path: renamed away or deleted; read to its end, then dropped. */
    boolean detached;
    long lastDataMs;
    boolean inLongLine;
    long lastSplitWarnMs = Long.MIN_VALUE;
    long splitSinceWarn;
    long lastInvalidWarnMs = Long.MIN_VALUE;
    long invalidSinceWarn;
    long lastErrorWarnMs = Long.MIN_VALUE;
    /** The InputType's state for this file (lines held for a record), or null for LineBased. */
    InputType.Splitter splitter;
    private String suffix;
    private long suffixMs = Long.MIN_VALUE;

    TrackedFile(String id, Path path) {
        this.id = id;
        setPath(path);
    }

    void setPath(Path p) {
        this.path = p;
        this.pathText = p.toString();
        this.suffix = null;
    }

    void setFingerprint(int len, long crc) {
        if (len != fpLen || crc != fpCrc) {
            fpLen = len;
            fpCrc = crc;
            suffix = null;
        }
    }

    /** The position value of an event that ends just before {@code offsetAfter}. */
    String positionValue(long offsetAfter, long passMs) {
        if (suffix == null || suffixMs != passMs) {
            suffix = SavedPosition.suffix(fpLen, fpCrc, passMs, pathText);
            suffixMs = passMs;
        }
        return SavedPosition.PREFIX + offsetAfter + suffix;
    }

    @Override
    public String toString() {
        return pathText + (detached ? " (rotated)" : "");
    }
}
