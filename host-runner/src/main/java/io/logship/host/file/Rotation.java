package io.logship.host.file;

import io.logship.api.Metrics;
import io.logship.host.file.FileIdentity.FileStat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Rotation as im_file sees it at every poll: a followed path whose identity changed or vanished (the file
 * was renamed away or deleted: read through its handle to its end), a file that shrank or whose first bytes
 * changed (copytruncate: read again from the start, after the lines before the truncation are read from the
 * copy), and files retired once rotated away and idle.
 */
final class Rotation {
    private final String instance;
    private final Logger log;
    private final TrackedFiles files;
    private final FileHandles handles;
    private final FileIdentity identity;
    private final Fingerprints fingerprints;
    private final Metrics.Counter rotations;
    private final Metrics.Counter truncations;

    Rotation(String instance, Logger log, TrackedFiles files, FileHandles handles, FileIdentity identity,
             Fingerprints fingerprints, Metrics metrics) {
        this.instance = instance;
        this.log = log;
        this.files = files;
        this.handles = handles;
        this.identity = identity;
        this.fingerprints = fingerprints;
        this.rotations = metrics.counter("rotations");
        this.truncations = metrics.counter("truncations");
    }

    /** Checks every followed path: rotated away (identity changed or gone), or truncated. */
    void checkLive(long now, Discovery discovery) throws InterruptedException {
        if (files.live.isEmpty()) {
            return;
        }
        for (TrackedFile f : new ArrayList<>(files.live.values())) {
            if (files.live.get(f.path) != f) {
                continue;
            }
            FileStat st = FileIdentity.statQuiet(f.path);
            if (st != null && st.id().equals(f.id)) {
                f.statSize = st.size();
                f.statMtime = st.mtimeMs();
                if (st.size() < f.offset) {
                    truncated(f, "shrank below the read position (copytruncate?)", now);
                }
                continue;
            }
            detach(f, st == null ? "was deleted or renamed" : "was replaced by a new file (rotation)");
            if (st != null) {
                TrackedFile known = files.byId.get(st.id());
                if (known != null) {
                    files.attach(known, f.path, st, log, instance);
                } else {
                    discovery.discover(f.path, st, false, now);
                }
            }
        }
    }

    private void detach(TrackedFile f, String why) {
        files.live.remove(f.path);
        f.detached = true;
        rotations.increment();
        log.info("{}: {} {}; reading the old file to its end", instance, f.pathText, why);
    }

    /** copytruncate: the file shrank or its first bytes changed. Reads the lost tail from the copy if found. */
    TrackedFile truncated(TrackedFile f, String why, long now) throws InterruptedException {
        truncations.increment();
        long oldOffset = f.offset;
        log.info("{}: {} {}; reading it again from the start", instance, f.pathText, why);
        TrackedFile copy = adoptCopy(f.path, f.id, oldOffset, f.fpLen, f.fpCrc, now);
        f.offset = 0;
        f.scanned = -1;
        f.inLongLine = false;
        f.setFingerprint(0, 0);
        return copy;
    }

    /**
     * Looks next to a truncated file for its copy (same first bytes, at least oldOffset long, not followed)
     * and follows it from oldOffset, ahead of every other file, so the lines written between our last read
     * and the truncation are delivered before the file's new lines.
     */
    TrackedFile adoptCopy(Path path, String id, long oldOffset, int fpLen, long fpCrc, long now)
            throws InterruptedException {
        if (oldOffset <= 0 || fpLen <= 0 || path.getParent() == null) {
            return null;
        }
        TrackedFile[] copy = new TrackedFile[1];
        long[] copyMtime = {Long.MIN_VALUE};
        identity.forEachInDir(path.getParent(), (p, st) -> {
            if (st.id().equals(id) || files.byId.containsKey(st.id()) || st.size() < oldOffset
                    || st.mtimeMs() < copyMtime[0]) {
                return false;
            }
            if (fingerprints.prefixMatches(p, fpLen, fpCrc)) {
                copy[0] = new TrackedFile(st.id(), p);
                copyMtime[0] = st.mtimeMs();
            }
            return false;
        });
        TrackedFile c = copy[0];
        if (c != null) {
            // the copy may have been read further already (before a restart): its own position wins
            long from = oldOffset;
            SavedPosition own = files.saved(c.id);
            if (own != null && own.offset() > from && own.fpLen() >= fpLen) {
                from = own.offset();
            }
            c.detached = true;
            c.offset = from;
            c.lastDataMs = now;
            c.setFingerprint(fpLen, fpCrc);
            files.putFirst(List.of(c));
            log.info("{}: reading the lines written before {} was truncated from its copy {} (offset {})",
                    instance, path, c.pathText, from);
        }
        return c;
    }

    /** Stops following a file (rotated away and idle, or gone). */
    void retire(TrackedFile f, String why, long now) {
        handles.close(f);
        files.forget(f, now);
        log.info("{}: no longer following {} ({}) at offset {}", instance, f.pathText, why, f.offset);
    }
}
