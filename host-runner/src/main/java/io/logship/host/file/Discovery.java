package io.logship.host.file;

import io.logship.host.file.FileIdentity.FileStat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Finds the files to follow: the paths the File patterns match (at start and every DirCheckInterval), where
 * to start each new one (its saved position, its end for ReadFromLast, or its beginning), and after a
 * restart the followed files that were rotated away while logship was stopped.
 */
final class Discovery {
    private final FileInput.Settings s;
    private final Logger log;
    private final TrackedFiles files;
    private final FileIdentity identity;
    private final Fingerprints fingerprints;
    private final Rotation rotation;
    private final LineReader reader;

    Discovery(FileInput.Settings s, Logger log, TrackedFiles files, FileIdentity identity,
              Fingerprints fingerprints, Rotation rotation, LineReader reader) {
        this.s = s;
        this.log = log;
        this.files = files;
        this.identity = identity;
        this.fingerprints = fingerprints;
        this.rotation = rotation;
        this.reader = reader;
    }

    /** Lists the patterns and follows every matching path not followed yet. */
    void scan(long now, boolean initial) throws InterruptedException {
        LinkedHashSet<Path> found = new LinkedHashSet<>();
        for (FilePattern p : s.patterns()) {
            try {
                p.list(found::add);
            } catch (IOException e) {
                log.warn("{}: cannot list {}: {}", s.instance(), p, e.toString());
            }
        }
        for (Path p : found) {
            if (files.live.containsKey(p)) {
                continue;
            }
            FileStat st = FileIdentity.statQuiet(p);
            if (st == null) {
                continue;
            }
            TrackedFile known = files.byId.get(st.id());
            if (known != null) {
                files.attach(known, p, st, log, s.instance());
            } else {
                discover(p, st, initial, now);
            }
        }
    }

    /** Starts following a file not followed yet: saved position, ReadFromLast, or the beginning. */
    void discover(Path p, FileStat st, boolean initial, long now) throws InterruptedException {
        TrackedFile f = new TrackedFile(st.id(), p);
        f.lastDataMs = now;
        f.statSize = st.size();
        f.statMtime = st.mtimeMs();
        files.follow(f);
        SavedPosition sp = files.takeSaved(st.id());
        long start = -1;
        try {
            boolean same = sp != null && fingerprints.prefixMatches(f, sp.fpLen(), sp.fpCrc());
            if (same && st.size() >= sp.offset()) {
                start = sp.offset();
                f.setFingerprint(sp.fpLen(), sp.fpCrc());
                log.info("{}: {}: resuming at offset {}", s.instance(), p, start);
            } else if (sp != null && rotation.adoptCopy(p, st.id(), sp.offset(), sp.fpLen(), sp.fpCrc(), now) != null) {
                start = 0;
                log.info("{}: {} was truncated while not followed (copytruncate); reading it from the start",
                        s.instance(), p);
            } else if (same) {
                start = 0;
                log.info("{}: {} is shorter ({} bytes) than its saved position {}; reading it from the start",
                        s.instance(), p, st.size(), sp.offset());
            } else if (initial && s.readFromLast() && files.unchangedSinceLastRun(st.mtimeMs())) {
                start = reader.lastLineStart(f, st.size());
                log.debug("{}: {}: ReadFromLast, starting at offset {}", s.instance(), p, start);
            }
        } catch (IOException e) {
            log.warn("{}: cannot read {}: {}; will retry", s.instance(), p, e.toString());
            if (initial && s.readFromLast() && sp == null && files.unchangedSinceLastRun(st.mtimeMs())) {
                start = st.size();
            }
        }
        f.offset = Math.max(0, start);
        if (start < 0 && !initial) {
            log.info("{}: new file {}: reading it from the start", s.instance(), p);
        }
    }

    /** After a restart: finds files that were followed but have been renamed away while we were stopped. */
    void recoverRotated(long now) throws InterruptedException {
        Map<Path, Map<String, SavedPosition>> byDir = new HashMap<>();
        for (Map.Entry<String, SavedPosition> e : files.committed().entrySet()) {
            if (files.byId.containsKey(e.getKey())) {
                continue;
            }
            Path old;
            try {
                old = Path.of(e.getValue().path());
            } catch (RuntimeException ex) {
                continue;
            }
            if (old.getParent() != null && FilePattern.anyCovers(s.patterns(), old.getParent())) {
                byDir.computeIfAbsent(old.getParent(), k -> new HashMap<>()).put(e.getKey(), e.getValue());
            }
        }
        List<TrackedFile> recovered = new ArrayList<>();
        Map<TrackedFile, Long> mtimes = new HashMap<>();
        for (Map.Entry<Path, Map<String, SavedPosition>> d : byDir.entrySet()) {
            Map<String, SavedPosition> wanted = d.getValue();
            identity.forEachInDir(d.getKey(), (p, st) -> {
                SavedPosition sp = wanted.get(st.id());
                if (sp == null || files.byId.containsKey(st.id()) || st.size() <= sp.offset()) {
                    return false;
                }
                if (!fingerprints.prefixMatches(p, sp.fpLen(), sp.fpCrc())) {
                    return false;
                }
                TrackedFile f = new TrackedFile(st.id(), p);
                f.detached = true;
                f.lastDataMs = now;
                f.statSize = st.size();
                f.offset = sp.offset();
                f.setFingerprint(sp.fpLen(), sp.fpCrc());
                recovered.add(f);
                mtimes.put(f, st.mtimeMs());
                log.info("{}: {} (was {}) was rotated while logship was stopped; reading it from offset {}",
                        s.instance(), p, sp.path(), sp.offset());
                return false;
            });
        }
        recovered.sort(Comparator.comparingLong(mtimes::get));
        if (recovered.isEmpty()) {
            return;
        }
        // detached files are read before live ones, oldest first
        files.putFirst(recovered);
    }
}
