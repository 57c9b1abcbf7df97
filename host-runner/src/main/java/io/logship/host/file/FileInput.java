package io.logship.host.file;

import io.logship.api.ConfigException;
import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.api.InputType;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * im_file: follows the files matching its patterns and posts one event per line.
 *
 * <p>Each file is one position stream named after its identity (device and inode). A poll checks the
 * followed paths for rotation ({@link Rotation}), lists the patterns for new files every DirCheckInterval
 * ({@link Discovery}), then reads what is new in each file ({@link LineReader}) within a per-poll budget,
 * rotated-away files first and the followed ones in turn; a rotated-away file is retired once it has been
 * idle for a while. {@link TrackedFiles} holds what is followed, {@link FileHandles} the open handles.
 */
final class FileInput implements InputModule {
    /**
     * @param inputType      the extension instance named by InputType, or null for LineBased
     * @param inputTypeWhere "file:line" of the InputType directive (for the error when it names no InputType)
     */
    record Settings(String instance, List<FilePattern> patterns, boolean savePos, boolean readFromLast,
                    Duration poll, Duration dirCheck, int activeFiles, boolean closeWhenIdle, int maxLine,
                    String inputType, String inputTypeWhere) {
        Settings(String instance, List<FilePattern> patterns, boolean savePos, boolean readFromLast, Duration poll,
                 Duration dirCheck, int activeFiles, boolean closeWhenIdle, int maxLine) {
            this(instance, patterns, savePos, readFromLast, poll, dirCheck, activeFiles, closeWhenIdle, maxLine, null,
                    null);
        }
    }

    static final long PASS_BUDGET = 32L << 20;
    static final long FILE_BUDGET = 8L << 20;
    static final long WARN_EVERY_MS = LineReader.WARN_EVERY_MS;
    /** A rotated-away file is dropped after this long without new data (at least; see retireIdleMs). */
    static final long RETIRE_IDLE_MIN_MS = 5_000;
    /**
     * File systems keep mtime with a coarse clock: a closed file modified this recently may have changed again
     * without its mtime moving, so it is verified at every poll until its mtime is older than this.
     */
    static final long MTIME_GRANULARITY_MS = 2_000;

    private final Settings s;
    private final long retireIdleMs;
    private final TrackedFiles files;
    private volatile boolean stopped;
    private boolean initialized;
    private long lastScanMs;
    private boolean passMore;
    private long passCount;
    private InputContext ctx;
    private Logger log = LoggerFactory.getLogger(FileInput.class);
    private FileHandles handles;
    private FileIdentity identity;
    private Fingerprints fingerprints;
    private LineReader reader;
    private Rotation rotation;
    private Discovery discovery;

    FileInput(Settings settings) {
        this.s = settings;
        this.retireIdleMs = Math.max(RETIRE_IDLE_MIN_MS, settings.poll().toMillis() * 2);
        this.files = new TrackedFiles(settings.savePos());
    }

    Settings settings() {
        return s;
    }

    /** The most files this instance has held open at the same time (for tests). */
    int maxOpenFiles() {
        return handles == null ? 0 : handles.maxOpen();
    }

    int openFiles() {
        return handles == null ? 0 : handles.open();
    }

    int trackedFiles() {
        return files.size();
    }

    @Override
    public void start(ModuleContext context) throws ConfigException {
        bind(context);
    }

    private void bind(ModuleContext context) throws ConfigException {
        if (reader != null) {
            return;
        }
        InputType type = null;
        if (s.inputType() != null) {
            try {
                type = context.extension(s.inputType(), InputType.class);
            } catch (ConfigException e) {
                throw new ConfigException(s.inputTypeWhere() + ": " + s.instance() + ": InputType " + s.inputType()
                        + ": " + e.getMessage());
            }
        }
        log = context.logger();
        Metrics m = context.metrics();
        handles = new FileHandles(s.activeFiles(), m.counter("files_opened"));
        identity = new FileIdentity(s.instance(), log);
        fingerprints = new Fingerprints(handles);
        reader = new LineReader(s, log, handles, m);
        reader.useInputType(type);
        rotation = new Rotation(s.instance(), log, files, handles, identity, fingerprints, m);
        discovery = new Discovery(s, log, files, identity, fingerprints, rotation, reader);
    }

    @Override
    public void stop() {
        stopped = true;
        if (handles != null) {
            handles.closeAll();
        }
    }

    @Override
    public void read(InputContext context) throws InterruptedException, ConfigException {
        if (stopped) {
            return;
        }
        bind(context);
        this.ctx = context;
        long now = context.clock().millis();
        reader.beginPass(context, now);
        passMore = false;
        boolean first = !initialized;
        if (first) {
            files.init(context.committedPositions(), log, s.instance());
            initialized = true;
        }
        boolean posted;
        try {
            pass(now, first);
        } catch (LineReader.Stop e) {
            return;
        } finally {
            posted = reader.endPass();
            if (stopped) {
                stop();
            }
        }
        // A pass that posted reads again at once: lines written meanwhile are not left for PollInterval, and
        // the pass that finds nothing tells the host this input is caught up (`--once` ends then, instead
        // of PollInterval after the last line).
        boolean more = passMore || reader.budgetExhausted();
        context.scheduleRead(more || posted ? Duration.ZERO : s.poll());
        if (holdsRecordsUntilIdle()) {
            context.holdsRecordsUntilIdle(); // `--once` waits the PollInterval that flushes them
        }
    }

    private boolean holdsRecordsUntilIdle() {
        for (TrackedFile f : files.byId.values()) {
            if (f.splitter != null && f.splitter.holding() && f.splitter.flushesWhenIdle()) {
                return true;
            }
        }
        return false;
    }

    private void pass(long now, boolean first) throws InterruptedException {
        rotation.checkLive(now, discovery);
        if (first || now - lastScanMs >= s.dirCheck().toMillis()) {
            discovery.scan(now, first);
            lastScanMs = now;
            if (first && !files.committed().isEmpty()) {
                discovery.recoverRotated(now);
            }
        }
        List<TrackedFile> order = new ArrayList<>(files.size());
        for (TrackedFile f : files.byId.values()) {
            if (f.detached) {
                order.add(f);
            }
        }
        int firstLive = order.size();
        for (TrackedFile f : files.byId.values()) {
            if (!f.detached) {
                order.add(f);
            }
        }
        // start with a different followed file at every pass, so busy files cannot starve the others of
        // the per-read budget (rotated-away files always go first: their successors must wait for them)
        int liveCount = order.size() - firstLive;
        if (liveCount > 1) {
            Collections.rotate(order.subList(firstLive, order.size()), -(int) (passCount % liveCount));
        }
        passCount++;
        long budget = PASS_BUDGET;
        for (TrackedFile f : order) {
            if (stopped || ctx.isStopping()) {
                throw LineReader.STOP;
            }
            if (files.byId.get(f.id) != f) {
                continue;
            }
            if (budget <= 0) {
                passMore = true;
                break;
            }
            try {
                budget -= service(f, now, Math.min(budget, FILE_BUDGET));
            } catch (ClosedByInterruptException e) {
                handles.close(f);
                throw new InterruptedException("interrupted while reading " + f.pathText);
            } catch (ClosedChannelException e) {
                if (stopped) {
                    throw LineReader.STOP;
                }
                handles.close(f);
            } catch (IOException e) {
                handles.close(f);
                if (now - f.lastErrorWarnMs >= WARN_EVERY_MS) {
                    f.lastErrorWarnMs = now;
                    log.warn("{}: cannot read {}: {}; will retry", s.instance(), f.pathText, e.toString());
                }
            }
        }
    }

    /** Reads what is new in one file, at most budget bytes. Returns the bytes consumed. */
    private long service(TrackedFile f, long now, long budget) throws IOException, InterruptedException {
        if (f.channel == null && f.detached) {
            FileIdentity.FileStat[] st = new FileIdentity.FileStat[1];
            Path np = identity.locate(f.id, f.path, st);
            if (np == null) {
                log.warn("{}: {} was closed, then renamed out of its directory or deleted before logship read "
                        + "past offset {}; anything written after that offset is not read", s.instance(),
                        f.pathText, f.offset);
                reader.endRecords(f);
                rotation.retire(f, "it is gone", now);
                return 0;
            }
            f.setPath(np);
            f.statSize = st[0].size();
            f.statMtime = st[0].mtimeMs();
        }
        long size = f.channel != null ? f.channel.size() : f.statSize;
        if (size < f.offset) {
            reader.endRecords(f);
            readCopyFirst(rotation.truncated(f, "shrank below the read position (copytruncate?)", now), now);
        }
        boolean hasNew = !(size == f.offset || (size <= f.scanned && f.scanned >= f.offset));
        // verify the first bytes whenever there is new data, at every poll for open files (cheap: one small
        // read) and for closed ones when their mtime changed: a file truncated and rewritten to the same
        // length or longer between two polls is only visible this way
        if (hasNew || f.channel != null || f.statMtime != f.verifiedMtime
                || f.verifiedWallMs - f.verifiedMtime < MTIME_GRANULARITY_MS) {
            if (f.channel == null) {
                handles.ensureOpen(f);
            }
            f.verifiedMtime = f.statMtime;
            // file times are wall-clock times: compare them with the wall clock, not the injected one
            f.verifiedWallMs = System.currentTimeMillis();
            if (!fingerprints.check(f, size)) {
                reader.endRecords(f);
                readCopyFirst(rotation.truncated(f, "was replaced (its first bytes changed)", now), now);
                handles.ensureOpen(f);
                fingerprints.check(f, size);
                hasNew = size > 0;
            }
        }
        if (!hasNew) {
            idle(f, now, size);
            return 0;
        }
        handles.ensureOpen(f);
        return reader.readLines(f, now, budget);
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
                    reader.emitFinalPartial(f, size);
                }
                reader.endRecords(f);
                rotation.retire(f, "rotated away and idle", now);
                return;
            }
        }
        if (now - f.lastDataMs >= s.poll().toMillis()) {
            reader.idleRecords(f); // NXLog flushes a held record once a poll found no new data in the file
        }
        if (!f.detached && s.closeWhenIdle() && f.channel != null) {
            handles.close(f);
        }
    }

    @Override
    public String toString() {
        return "im_file[" + s.instance() + ": " + s.patterns() + "]";
    }
}
