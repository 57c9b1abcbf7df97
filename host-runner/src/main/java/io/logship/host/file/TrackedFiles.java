package io.logship.host.file;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * What one im_file instance follows: every tracked file by identity in reading order, the file at each
 * followed path, the positions of files it stopped following (so a file that comes back resumes), and the
 * positions committed by the previous run.
 */
final class TrackedFiles {
    static final int RETIRED_MAX = 4096;
    /**
     * On a restart, a file without a saved position counts as unchanged (ReadFromLast skips it) only when it
     * was last modified this long before the newest saved position was read: covers clock skew between the
     * file system and the host, and lines read but not yet committed when logship stopped. Errs towards
     * reading the file again (duplicates) rather than skipping lines.
     */
    static final long UNCHANGED_MARGIN_MS = 300_000;

    /** Tracked files by identity: rotated-away ones first where they must be read before their successors. */
    final LinkedHashMap<String, TrackedFile> byId = new LinkedHashMap<>();
    /** The tracked file at each followed path. */
    final Map<Path, TrackedFile> live = new HashMap<>();
    private final LinkedHashMap<String, SavedPosition> retired = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SavedPosition> eldest) {
            return size() > RETIRED_MAX;
        }
    };
    private final boolean savePos;
    private Map<String, SavedPosition> committed = Map.of();
    private boolean firstRun = true;
    private long maxCommittedT = Long.MIN_VALUE;

    TrackedFiles(boolean savePos) {
        this.savePos = savePos;
    }

    /** Reads the previous run's committed positions (when SavePos is on). */
    void init(Map<String, String> positions, Logger log, String instance) {
        Map<String, SavedPosition> parsed = new HashMap<>();
        if (savePos) {
            for (Map.Entry<String, String> e : positions.entrySet()) {
                SavedPosition sp = SavedPosition.parse(e.getValue());
                if (sp != null) {
                    parsed.put(e.getKey(), sp);
                    maxCommittedT = Math.max(maxCommittedT, sp.t());
                } else {
                    log.debug("{}: ignoring unrecognised saved position {}={}", instance, e.getKey(),
                            e.getValue());
                }
            }
        }
        committed = parsed;
        firstRun = parsed.isEmpty();
    }

    Map<String, SavedPosition> committed() {
        return committed;
    }

    /** Where to resume a file found again: its position when it was retired, else the committed one. */
    SavedPosition takeSaved(String id) {
        SavedPosition sp = retired.remove(id);
        if (sp == null && savePos) {
            sp = committed.get(id);
        }
        return sp;
    }

    /** A file's own saved position (retired or committed), left in place. */
    SavedPosition saved(String id) {
        SavedPosition own = retired.get(id);
        if (own == null && savePos) {
            own = committed.get(id);
        }
        return own;
    }

    /**
     * True when a file without a saved position may be taken as already read by an earlier run (this is
     * the first run, or it was last modified well before the newest committed position).
     */
    boolean unchangedSinceLastRun(long mtimeMs) {
        return firstRun || mtimeMs <= maxCommittedT - UNCHANGED_MARGIN_MS;
    }

    /** Starts tracking a file at the end of the reading order, followed at its path. */
    void follow(TrackedFile f) {
        byId.put(f.id, f);
        live.put(f.path, f);
    }

    /** Puts files at the front of the reading order (they hold lines older than every other file's). */
    void putFirst(List<TrackedFile> files) {
        LinkedHashMap<String, TrackedFile> rest = new LinkedHashMap<>(byId);
        byId.clear();
        for (TrackedFile f : files) {
            byId.put(f.id, f);
        }
        byId.putAll(rest);
    }

    /** A known file found at path p (again, or after a rename): follow it there. */
    void attach(TrackedFile f, Path p, FileIdentity.FileStat st, Logger log, String instance) {
        if (!f.detached && live.get(f.path) == f) {
            live.remove(f.path);
        }
        if (!p.equals(f.path)) {
            log.info("{}: {} was renamed to {}; following it there", instance, f.pathText, p);
            f.setPath(p);
        }
        f.detached = false;
        f.statSize = st.size();
        f.statMtime = st.mtimeMs();
        live.put(p, f);
    }

    /** Stops tracking a file, remembering where it was read to in case it comes back. */
    void forget(TrackedFile f, long now) {
        byId.remove(f.id);
        if (live.get(f.path) == f) {
            live.remove(f.path);
        }
        retired.put(f.id, new SavedPosition(f.offset, f.fpLen, f.fpCrc, now, f.pathText));
    }

    int size() {
        return byId.size();
    }
}
