package io.logship.host.file;

import io.logship.api.Event;
import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import io.logship.api.Position;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * im_file: follows the files matching its patterns and posts one event per line.
 *
 * <p>Each file is one position stream named after its identity (device and inode). Lines are found by a
 * byte scan over a fixed buffer; the read offset always sits at the start of a line, so a final line without
 * its newline is simply read again at the next poll until it is complete. Rotation is detected at every
 * poll by comparing the identity at each followed path: a file renamed away (or deleted) keeps being read
 * through its open handle until it has been idle for a while; a file that shrinks (copytruncate) or whose
 * first bytes change is read again from the start.
 */
final class FileInput implements InputModule {
    record Settings(String instance, List<FilePattern> patterns, boolean savePos, boolean readFromLast,
                    Duration poll, Duration dirCheck, int activeFiles, boolean closeWhenIdle, int maxLine) {
    }

    static final int FP_MAX = 256;
    static final String FILE_NAME_FIELD = "FileName";
    static final long PASS_BUDGET = 32L << 20;
    static final long FILE_BUDGET = 8L << 20;
    static final long WARN_EVERY_MS = 60_000;
    static final int DIR_SEARCH_LIMIT = 10_000;
    static final int RETIRED_MAX = 4096;
    static final int TAIL_WINDOW = 64 * 1024;
    /** A rotated-away file is dropped after this long without new data (at least; see retireIdleMs). */
    static final long RETIRE_IDLE_MIN_MS = 5_000;
    /**
     * File systems keep mtime with a coarse clock: a closed file modified this recently may have changed again
     * without its mtime moving, so it is verified at every poll until its mtime is older than this.
     */
    static final long MTIME_GRANULARITY_MS = 2_000;
    /**
     * On a restart, a file without a saved position counts as unchanged (ReadFromLast skips it) only when it
     * was last modified this long before the newest saved position was read: covers clock skew between the
     * file system and the host, and lines read but not yet committed when logship stopped. Errs towards
     * reading the file again (duplicates) rather than skipping lines.
     */
    static final long UNCHANGED_MARGIN_MS = 300_000;

    /** Thrown inside a read to unwind when post returned false (the host is stopping). */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    private static final Stop STOP = new Stop();

    private final Settings s;
    private final byte[] buf;
    private final byte[] fpBuf = new byte[FP_MAX];
    private final long retireIdleMs;
    private final LinkedHashMap<String, TrackedFile> tracked = new LinkedHashMap<>();
    private final Map<Path, TrackedFile> live = new HashMap<>();
    private final LinkedHashSet<TrackedFile> openLru = new LinkedHashSet<>();
    private final Set<FileChannel> channels = ConcurrentHashMap.newKeySet();
    private final LinkedHashMap<String, SavedPosition> retired = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SavedPosition> eldest) {
            return size() > RETIRED_MAX;
        }
    };
    private volatile boolean stopped;
    private boolean initialized;
    private long lastScanMs;
    private Map<String, SavedPosition> committed = Map.of();
    private boolean firstRun = true;
    private long maxCommittedT = Long.MIN_VALUE;
    private int maxOpen;
    private boolean passMore;
    private long passCount;
    private long passMs;
    private InputContext ctx;
    private Logger log = LoggerFactory.getLogger(FileInput.class);
    private Metrics.Counter cEvents;
    private Metrics.Counter cBytes;
    private Metrics.Counter cSplit;
    private Metrics.Counter cInvalid;
    private Metrics.Counter cRotations;
    private Metrics.Counter cTruncations;
    private Metrics.Counter cOpened;
    private long pendingEvents;
    private long pendingBytes;

    FileInput(Settings settings) {
        this.s = settings;
        this.buf = new byte[(int) Math.min(Integer.MAX_VALUE - 16L, settings.maxLine() + 256L * 1024)];
        this.retireIdleMs = Math.max(RETIRE_IDLE_MIN_MS, settings.poll().toMillis() * 2);
    }

    Settings settings() {
        return s;
    }

    /** The most files this instance has held open at the same time (for tests). */
    int maxOpenFiles() {
        return maxOpen;
    }

    int openFiles() {
        return openLru.size();
    }

    int trackedFiles() {
        return tracked.size();
    }

    @Override
    public void start(ModuleContext context) {
        bind(context);
    }

    private void bind(ModuleContext context) {
        if (cEvents != null) {
            return;
        }
        log = context.logger();
        Metrics m = context.metrics();
        cEvents = m.counter("events");
        cBytes = m.counter("bytes");
        cSplit = m.counter("lines_split");
        cInvalid = m.counter("invalid_utf8_lines");
        cRotations = m.counter("rotations");
        cTruncations = m.counter("truncations");
        cOpened = m.counter("files_opened");
    }

    @Override
    public void stop() {
        stopped = true;
        for (FileChannel ch : channels) {
            closeQuietly(ch);
        }
        channels.clear();
    }

    @Override
    public void read(InputContext context) throws InterruptedException {
        if (stopped) {
            return;
        }
        bind(context);
        this.ctx = context;
        long now = context.clock().millis();
        passMs = now;
        passMore = false;
        boolean first = !initialized;
        if (first) {
            init(context);
            initialized = true;
        }
        boolean posted;
        try {
            pass(now, first);
        } catch (Stop e) {
            return;
        } finally {
            posted = pendingEvents > 0;
            flushCounters();
            if (stopped) {
                stop();
            }
        }
        // A pass that posted reads again at once: lines written meanwhile are not left for PollInterval, and
        // the pass that finds nothing tells the host this input is caught up (`--once` ends then, instead
        // of PollInterval after the last line).
        context.scheduleRead(passMore || posted ? Duration.ZERO : s.poll());
    }

    private void init(InputContext context) {
        Map<String, SavedPosition> parsed = new HashMap<>();
        if (s.savePos()) {
            for (Map.Entry<String, String> e : context.committedPositions().entrySet()) {
                SavedPosition sp = SavedPosition.parse(e.getValue());
                if (sp != null) {
                    parsed.put(e.getKey(), sp);
                    maxCommittedT = Math.max(maxCommittedT, sp.t());
                } else {
                    log.debug("{}: ignoring unrecognised saved position {}={}", s.instance(), e.getKey(),
                            e.getValue());
                }
            }
        }
        committed = parsed;
        firstRun = parsed.isEmpty();
    }

    private void pass(long now, boolean first) throws InterruptedException {
        checkLive(now);
        if (first || now - lastScanMs >= s.dirCheck().toMillis()) {
            scan(now, first);
            lastScanMs = now;
            if (first && !committed.isEmpty()) {
                recoverRotated(now);
            }
        }
        List<TrackedFile> order = new ArrayList<>(tracked.size());
        for (TrackedFile f : tracked.values()) {
            if (f.detached) {
                order.add(f);
            }
        }
        int firstLive = order.size();
        for (TrackedFile f : tracked.values()) {
            if (!f.detached) {
                order.add(f);
            }
        }
        // start with a different followed file at every pass, so busy files cannot starve the others of
        // the per-read budget (rotated-away files always go first: their successors must wait for them)
        int liveCount = order.size() - firstLive;
        if (liveCount > 1) {
            java.util.Collections.rotate(order.subList(firstLive, order.size()), -(int) (passCount % liveCount));
        }
        passCount++;
        long budget = PASS_BUDGET;
        for (TrackedFile f : order) {
            if (stopped || ctx.isStopping()) {
                throw STOP;
            }
            if (tracked.get(f.id) != f) {
                continue;
            }
            if (budget <= 0) {
                passMore = true;
                break;
            }
            try {
                budget -= service(f, now, Math.min(budget, FILE_BUDGET));
            } catch (java.nio.channels.ClosedByInterruptException e) {
                close(f);
                throw new InterruptedException("interrupted while reading " + f.pathText);
            } catch (ClosedChannelException e) {
                if (stopped) {
                    throw STOP;
                }
                close(f);
            } catch (IOException e) {
                close(f);
                if (now - f.lastErrorWarnMs >= WARN_EVERY_MS) {
                    f.lastErrorWarnMs = now;
                    log.warn("{}: cannot read {}: {}; will retry", s.instance(), f.pathText, e.toString());
                }
            }
        }
    }

    // ---------------------------------------------------------------- discovery and rotation

    /** Checks every followed path: rotated away (identity changed or gone), or truncated. */
    private void checkLive(long now) throws InterruptedException {
        if (live.isEmpty()) {
            return;
        }
        for (TrackedFile f : new ArrayList<>(live.values())) {
            if (live.get(f.path) != f) {
                continue;
            }
            FileStat st = statQuiet(f.path);
            if (st != null && st.id().equals(f.id)) {
                f.statSize = st.size();
                f.statMtime = st.mtimeMs();
                if (st.size() < f.offset) {
                    truncated(f, "shrank below the read position (copytruncate?)");
                }
                continue;
            }
            detach(f, st == null ? "was deleted or renamed" : "was replaced by a new file (rotation)");
            if (st != null) {
                TrackedFile known = tracked.get(st.id());
                if (known != null) {
                    attach(known, f.path, st);
                } else {
                    discover(f.path, st, false, now);
                }
            }
        }
    }

    private void detach(TrackedFile f, String why) {
        live.remove(f.path);
        f.detached = true;
        cRotations.increment();
        log.info("{}: {} {}; reading the old file to its end", s.instance(), f.pathText, why);
    }

    private void attach(TrackedFile f, Path p, FileStat st) {
        if (!f.detached && live.get(f.path) == f) {
            live.remove(f.path);
        }
        if (!p.equals(f.path)) {
            log.info("{}: {} was renamed to {}; following it there", s.instance(), f.pathText, p);
            f.setPath(p);
        }
        f.detached = false;
        f.statSize = st.size();
        f.statMtime = st.mtimeMs();
        live.put(p, f);
    }

    private void scan(long now, boolean initial) throws InterruptedException {
        LinkedHashSet<Path> found = new LinkedHashSet<>();
        for (FilePattern p : s.patterns()) {
            try {
                p.list(found::add);
            } catch (IOException e) {
                log.warn("{}: cannot list {}: {}", s.instance(), p, e.toString());
            }
        }
        for (Path p : found) {
            if (live.containsKey(p)) {
                continue;
            }
            FileStat st = statQuiet(p);
            if (st == null) {
                continue;
            }
            TrackedFile known = tracked.get(st.id());
            if (known != null) {
                attach(known, p, st);
            } else {
                discover(p, st, initial, now);
            }
        }
    }

    /** Starts following a file not followed yet: saved position, ReadFromLast, or the beginning. */
    private void discover(Path p, FileStat st, boolean initial, long now) throws InterruptedException {
        TrackedFile f = new TrackedFile(st.id(), p);
        f.lastDataMs = now;
        f.statSize = st.size();
        f.statMtime = st.mtimeMs();
        tracked.put(f.id, f);
        live.put(p, f);
        SavedPosition sp = retired.remove(st.id());
        if (sp == null && s.savePos()) {
            sp = committed.get(st.id());
        }
        long start = -1;
        try {
            boolean same = sp != null && prefixMatches(f, sp.fpLen(), sp.fpCrc());
            if (same && st.size() >= sp.offset()) {
                start = sp.offset();
                f.setFingerprint(sp.fpLen(), sp.fpCrc());
                log.info("{}: {}: resuming at offset {}", s.instance(), p, start);
            } else if (sp != null && adoptCopy(p, st.id(), sp.offset(), sp.fpLen(), sp.fpCrc()) != null) {
                start = 0;
                log.info("{}: {} was truncated while not followed (copytruncate); reading it from the start",
                        s.instance(), p);
            } else if (same) {
                start = 0;
                log.info("{}: {} is shorter ({} bytes) than its saved position {}; reading it from the start",
                        s.instance(), p, st.size(), sp.offset());
            } else if (initial && s.readFromLast() && (firstRun || st.mtimeMs() <= maxCommittedT - UNCHANGED_MARGIN_MS)) {
                start = lastLineStart(f, st.size());
                log.debug("{}: {}: ReadFromLast, starting at offset {}", s.instance(), p, start);
            }
        } catch (IOException e) {
            log.warn("{}: cannot read {}: {}; will retry", s.instance(), p, e.toString());
            if (initial && s.readFromLast() && sp == null && (firstRun || st.mtimeMs() <= maxCommittedT - UNCHANGED_MARGIN_MS)) {
                start = st.size();
            }
        }
        f.offset = Math.max(0, start);
        if (start < 0 && !initial) {
            log.info("{}: new file {}: reading it from the start", s.instance(), p);
        }
    }

    /** After a restart: finds files that were followed but have been renamed away while we were stopped. */
    private void recoverRotated(long now) throws InterruptedException {
        Map<Path, Map<String, SavedPosition>> byDir = new HashMap<>();
        for (Map.Entry<String, SavedPosition> e : committed.entrySet()) {
            if (tracked.containsKey(e.getKey())) {
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
            forEachInDir(d.getKey(), (p, st) -> {
                SavedPosition sp = wanted.get(st.id());
                if (sp == null || tracked.containsKey(st.id()) || st.size() <= sp.offset()) {
                    return false;
                }
                if (!prefixMatches(p, sp.fpLen(), sp.fpCrc())) {
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
        LinkedHashMap<String, TrackedFile> rest = new LinkedHashMap<>(tracked);
        tracked.clear();
        for (TrackedFile f : recovered) {
            tracked.put(f.id, f);
        }
        tracked.putAll(rest);
    }

    /** copytruncate: the file shrank or its first bytes changed. Reads the lost tail from the copy if found. */
    private TrackedFile truncated(TrackedFile f, String why) throws InterruptedException {
        cTruncations.increment();
        long oldOffset = f.offset;
        log.info("{}: {} {}; reading it again from the start", s.instance(), f.pathText, why);
        TrackedFile copy = adoptCopy(f.path, f.id, oldOffset, f.fpLen, f.fpCrc);
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
    private TrackedFile adoptCopy(Path path, String id, long oldOffset, int fpLen, long fpCrc)
            throws InterruptedException {
        if (oldOffset <= 0 || fpLen <= 0 || path.getParent() == null) {
            return null;
        }
        TrackedFile[] copy = new TrackedFile[1];
        long[] copyMtime = {Long.MIN_VALUE};
        forEachInDir(path.getParent(), (p, st) -> {
            if (st.id().equals(id) || tracked.containsKey(st.id()) || st.size() < oldOffset
                    || st.mtimeMs() < copyMtime[0]) {
                return false;
            }
            if (prefixMatches(p, fpLen, fpCrc)) {
                copy[0] = new TrackedFile(st.id(), p);
                copyMtime[0] = st.mtimeMs();
            }
            return false;
        });
        TrackedFile c = copy[0];
        if (c != null) {
            // the copy may have been read further already (before a restart): its own position wins
            long from = oldOffset;
            SavedPosition own = retired.get(c.id);
            if (own == null && s.savePos()) {
                own = committed.get(c.id);
            }
            if (own != null && own.offset() > from && own.fpLen() >= fpLen) {
                from = own.offset();
            }
            c.detached = true;
            c.offset = from;
            c.lastDataMs = passMs;
            c.setFingerprint(fpLen, fpCrc);
            LinkedHashMap<String, TrackedFile> rest = new LinkedHashMap<>(tracked);
            tracked.clear();
            tracked.put(c.id, c);
            tracked.putAll(rest);
            log.info("{}: reading the lines written before {} was truncated from its copy {} (offset {})",
                    s.instance(), path, c.pathText, from);
        }
        return c;
    }

    private void retire(TrackedFile f, String why) {
        close(f);
        tracked.remove(f.id);
        if (live.get(f.path) == f) {
            live.remove(f.path);
        }
        retired.put(f.id, new SavedPosition(f.offset, f.fpLen, f.fpCrc, passMs, f.pathText));
        log.info("{}: no longer following {} ({}) at offset {}", s.instance(), f.pathText, why, f.offset);
    }

    // ---------------------------------------------------------------- reading

    /** Reads what is new in one file, at most budget bytes. Returns the bytes consumed. */
    private long service(TrackedFile f, long now, long budget) throws IOException, InterruptedException {
        if (f.channel == null && f.detached) {
            FileStat[] st = new FileStat[1];
            Path np = locate(f.id, f.path, st);
            if (np == null) {
                log.warn("{}: {} was closed, then renamed out of its directory or deleted before logship read "
                        + "past offset {}; anything written after that offset is not read", s.instance(),
                        f.pathText, f.offset);
                retire(f, "it is gone");
                return 0;
            }
            f.setPath(np);
            f.statSize = st[0].size();
            f.statMtime = st[0].mtimeMs();
        }
        long size = f.channel != null ? f.channel.size() : f.statSize;
        if (size < f.offset) {
            readCopyFirst(truncated(f, "shrank below the read position (copytruncate?)"), now);
        }
        boolean hasNew = !(size == f.offset || (size <= f.scanned && f.scanned >= f.offset));
        // verify the first bytes whenever there is new data, at every poll for open files (cheap: one small
        // read) and for closed ones when their mtime changed: a file truncated and rewritten to the same
        // length or longer between two polls is only visible this way
        if (hasNew || f.channel != null || f.statMtime != f.verifiedMtime
                || f.verifiedWallMs - f.verifiedMtime < MTIME_GRANULARITY_MS) {
            if (f.channel == null) {
                ensureOpen(f);
            }
            f.verifiedMtime = f.statMtime;
            // file times are wall-clock times: compare them with the wall clock, not the injected one
            f.verifiedWallMs = System.currentTimeMillis();
            if (!checkFingerprint(f, size)) {
                readCopyFirst(truncated(f, "was replaced (its first bytes changed)"), now);
                ensureOpen(f);
                checkFingerprint(f, size);
                hasNew = size > 0;
            }
        }
        if (!hasNew) {
            idle(f, now, size);
            return 0;
        }
        ensureOpen(f);
        return readLines(f, now, budget);
    }

    /** The copy of a truncated file holds the lines before the truncation: deliver them before the new ones. */
    private void readCopyFirst(TrackedFile copy, long now) throws IOException, InterruptedException {
        if (copy != null) {
            service(copy, now, Long.MAX_VALUE);
        }
    }

    private void idle(TrackedFile f, long now, long size) throws IOException, InterruptedException {
        if (f.detached) {
            if (now - f.lastDataMs >= retireIdleMs) {
                if (size > f.offset) {
                    emitFinalPartial(f, size);
                }
                retire(f, "rotated away and idle");
            }
        } else if (s.closeWhenIdle() && f.channel != null) {
            close(f);
        }
    }

    /** A rotated-away file ends with a line without newline: deliver it as the file's last event. */
    private void emitFinalPartial(TrackedFile f, long size) throws IOException, InterruptedException {
        ensureOpen(f);
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, size - f.offset));
        while (bb.hasRemaining()) {
            if (f.channel.read(bb, f.offset + bb.position()) <= 0) {
                break;
            }
        }
        int n = bb.position();
        if (n <= 0) {
            return;
        }
        int end = n;
        if (buf[end - 1] == '\r') {
            end--;
        }
        int from = 0;
        long base = f.offset;
        while (end - from > s.maxLine()) {
            int piece = pieceLen(buf, from, s.maxLine());
            split(f);
            post(f, buf, from, from + piece, base + from + piece);
            from += piece;
        }
        post(f, buf, from, end, base + n);
        f.inLongLine = false;
    }

    private long readLines(TrackedFile f, long now, long budget) throws IOException, InterruptedException {
        final byte[] b = buf;
        final int cap = b.length;
        final int max = s.maxLine();
        final FileChannel ch = f.channel;
        long off = f.offset;
        long used = 0;
        while (true) {
            int n = readAt(ch, b, off);
            if (n <= 0) {
                f.scanned = off;
                break;
            }
            int start = 0;
            int nl;
            while ((nl = indexOfNewline(b, start, n)) >= 0) {
                int end = nl;
                if (end > start && b[end - 1] == '\r') {
                    end--;
                }
                while (end - start > max) {
                    int piece = pieceLen(b, start, max);
                    split(f);
                    post(f, b, start, start + piece, off + start + piece);
                    start += piece;
                }
                post(f, b, start, end, off + nl + 1);
                f.inLongLine = false;
                start = nl + 1;
            }
            // the rest has no newline yet: split it only when it is already longer than the maximum
            int tailEnd = n;
            if (tailEnd > start && b[tailEnd - 1] == '\r') {
                tailEnd--;
            }
            while (tailEnd - start > max) {
                int piece = pieceLen(b, start, max);
                split(f);
                post(f, b, start, start + piece, off + start + piece);
                start += piece;
            }
            off += start;
            used += start;
            f.offset = off;
            if (start > 0) {
                f.lastDataMs = now;
            }
            if (n < cap) {
                f.scanned = off + (n - start);
                break;
            }
            if (used >= budget) {
                passMore = true;
                break;
            }
        }
        return used;
    }

    private void split(TrackedFile f) {
        if (f.inLongLine) {
            return;
        }
        f.inLongLine = true;
        cSplit.increment();
        f.splitSinceWarn++;
        if (passMs - f.lastSplitWarnMs >= WARN_EVERY_MS) {
            log.warn("{}: {}: line at offset {} is longer than MaxLineLength ({} bytes); split into several "
                    + "events ({} such line(s) since the last warning)", s.instance(), f.pathText, f.offset,
                    s.maxLine(), f.splitSinceWarn);
            f.lastSplitWarnMs = passMs;
            f.splitSinceWarn = 0;
        }
    }

    private void post(TrackedFile f, byte[] b, int from, int to, long offsetAfter) throws InterruptedException {
        int len = to - from;
        String line = new String(b, from, len, StandardCharsets.UTF_8);
        if (hasHighBit(b, from, to) && !Utf8.isValid(b, from, to)) {
            invalidUtf8(f);
        }
        Event e = new Event();
        e.set(io.logship.api.Fields.RAW_EVENT, line);
        e.set(FILE_NAME_FIELD, f.pathText);
        e.position(new Position(f.id, f.positionValue(offsetAfter, passMs)));
        if (!ctx.post(e)) {
            throw STOP;
        }
        f.offset = offsetAfter;
        pendingEvents++;
        pendingBytes += len;
    }

    private void invalidUtf8(TrackedFile f) {
        cInvalid.increment();
        f.invalidSinceWarn++;
        if (passMs - f.lastInvalidWarnMs >= WARN_EVERY_MS) {
            log.warn("{}: {}: line before offset {} is not valid UTF-8; invalid bytes replaced by U+FFFD "
                    + "({} such line(s) since the last warning)", s.instance(), f.pathText, f.offset,
                    f.invalidSinceWarn);
            f.lastInvalidWarnMs = passMs;
            f.invalidSinceWarn = 0;
        }
    }

    private void flushCounters() {
        if (pendingEvents > 0) {
            cEvents.add(pendingEvents);
            cBytes.add(pendingBytes);
            pendingEvents = 0;
            pendingBytes = 0;
        }
    }

    static boolean hasHighBit(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return true;
            }
        }
        return false;
    }

    static int indexOfNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Length of the next piece of a too-long line: max bytes, less up to 3 so a UTF-8 character is not cut. */
    static int pieceLen(byte[] b, int from, int max) {
        int k = from + max;
        int floor = Math.max(from + 1, from + max - 3);
        while (k > floor && (b[k] & 0xC0) == 0x80) {
            k--;
        }
        return (b[k] & 0xC0) == 0x80 ? max : k - from;
    }

    /** Reads as much as fits at the offset; 0 at end of file. */
    private static int readAt(FileChannel ch, byte[] b, long off) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b);
        while (bb.hasRemaining()) {
            int r = ch.read(bb, off + bb.position());
            if (r <= 0) {
                break;
            }
        }
        return bb.position();
    }

    /** Verifies the first bytes against the fingerprint, extending the fingerprint while the file is young. */
    private boolean checkFingerprint(TrackedFile f, long size) throws IOException {
        int want = (int) Math.min(FP_MAX, size);
        if (want == 0) {
            return f.fpLen == 0;
        }
        int n = readPrefix(f.channel, want);
        if (n < f.fpLen) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(fpBuf, 0, f.fpLen);
        if (f.fpLen > 0 && crc.getValue() != f.fpCrc) {
            return false;
        }
        if (n > f.fpLen) {
            crc.update(fpBuf, f.fpLen, n - f.fpLen);
            f.setFingerprint(n, crc.getValue());
        }
        return true;
    }

    /** Opens the file (if needed) and compares its first len bytes with a fingerprint. */
    private boolean prefixMatches(TrackedFile f, int len, long crcValue) throws IOException {
        if (len == 0) {
            return true;
        }
        ensureOpen(f);
        int n = readPrefix(f.channel, len);
        if (n < len) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(fpBuf, 0, len);
        return crc.getValue() == crcValue;
    }

    /** Compares the first len bytes of a file that is not followed (briefly opened outside ActiveFiles). */
    private boolean prefixMatches(Path p, int len, long crcValue) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            int n = readPrefix(ch, len);
            if (n < len) {
                return false;
            }
            CRC32 crc = new CRC32();
            crc.update(fpBuf, 0, len);
            return crc.getValue() == crcValue;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private int readPrefix(FileChannel ch, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(fpBuf, 0, len);
        while (bb.hasRemaining()) {
            if (ch.read(bb, bb.position()) <= 0) {
                break;
            }
        }
        return bb.position();
    }

    /** For ReadFromLast: the offset just after the last newline near the end (so a partial line is kept). */
    private long lastLineStart(TrackedFile f, long size) throws IOException {
        if (size == 0) {
            return 0;
        }
        ensureOpen(f);
        int window = (int) Math.min(TAIL_WINDOW, size);
        long from = size - window;
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, window);
        while (bb.hasRemaining()) {
            if (f.channel.read(bb, from + bb.position()) <= 0) {
                break;
            }
        }
        for (int i = bb.position() - 1; i >= 0; i--) {
            if (buf[i] == '\n') {
                return from + i + 1;
            }
        }
        return from == 0 ? 0 : size;
    }

    // ---------------------------------------------------------------- handles

    private void ensureOpen(TrackedFile f) throws IOException {
        if (f.channel != null) {
            openLru.remove(f);
            openLru.add(f);
            return;
        }
        while (openLru.size() >= s.activeFiles()) {
            TrackedFile victim = null;
            for (TrackedFile o : openLru) {
                if (!o.detached) {
                    victim = o;
                    break;
                }
            }
            if (victim == null) {
                victim = openLru.iterator().next();
            }
            close(victim);
        }
        FileChannel ch = FileChannel.open(f.path, StandardOpenOption.READ);
        if (stopped) {
            closeQuietly(ch);
            throw new ClosedChannelException();
        }
        f.channel = ch;
        channels.add(ch);
        openLru.add(f);
        maxOpen = Math.max(maxOpen, openLru.size());
        if (cOpened != null) {
            cOpened.increment();
        }
    }

    private void close(TrackedFile f) {
        openLru.remove(f);
        if (f.channel != null) {
            channels.remove(f.channel);
            closeQuietly(f.channel);
            f.channel = null;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    // ---------------------------------------------------------------- file identity

    record FileStat(String id, long size, long mtimeMs) {
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

    interface DirVisitor {
        /** Returns true to stop. */
        boolean visit(Path p, FileStat st) throws InterruptedException;
    }

    private void forEachInDir(Path dir, DirVisitor v) throws InterruptedException {
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
            log.debug("{}: cannot list {}: {}", s.instance(), dir, e.toString());
        }
    }

    /** Finds the file with this identity in the directory of its last known path. */
    private Path locate(String id, Path lastPath, FileStat[] out) throws InterruptedException {
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

    @Override
    public String toString() {
        return "im_file[" + s.instance() + ": " + s.patterns() + "]";
    }
}
