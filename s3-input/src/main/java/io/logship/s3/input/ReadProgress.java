package io.logship.s3.input;

import io.logship.api.LogshipException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * What was read, and the commit journal that keeps it: the journal sequence of finished objects, the
 * {@link LateWindow} (cursor and recent keys) and the {@link WindowJournal} on disk, restored on start from
 * the host's committed {@link S3Position}; and the finished objects whose AfterRead waits for a commit.
 *
 * <p>Every finished object (read, empty or failed) is appended to the journal with the next sequence before
 * the event whose position names that sequence is posted, so a committed position always finds its
 * journal lines.
 */
final class ReadProgress implements AutoCloseable {
    /** An object finished whose AfterRead waits for the commit of its sequence. */
    record Pending(long seq, String key) {
    }

    private final InputSettings settings;
    private final WindowJournal journal;
    private final boolean afterRead;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final LateWindow window;
    private String initialCursor;
    private long seq;
    /** The committed position when it is inside an object (continued first), else null. */
    private final S3Position unfinished;
    /** A first run with ReadFromLast: everything listed now is to be taken as read. */
    private boolean takeExistingAsRead;
    private final String startLine;

    private ReadProgress(InputSettings settings, WindowJournal journal, LateWindow window, S3Position unfinished,
                         String startLine) {
        this.settings = settings;
        this.journal = journal;
        this.window = window;
        this.unfinished = unfinished;
        this.startLine = startLine;
        this.afterRead = !"none".equals(settings.afterRead());
    }

    /**
     * Restores the progress from the host's committed position and the journal file, and rewrites the file
     * with only the lines that position covers (the rest belong to events that were never committed).
     *
     * <p>A position or journal saved for another bucket or prefix than the configured one is set aside (one
     * warning names both locations): the configured location is read as on a first run. A position or
     * journal that does not say its location (written before they did) is taken as the configured one's.
     *
     * @param problems receives what is worth a warning (another location, damaged journal lines skipped)
     */
    static ReadProgress load(InputSettings settings, Path journalFile, Optional<String> committedText,
                             List<String> problems) throws LogshipException {
        String instance = settings.instance();
        S3Location here = S3Location.of(settings);
        S3Position committed = null;
        if (committedText.isPresent()) {
            try {
                committed = S3Position.decode(committedText.get());
            } catch (IllegalArgumentException e) {
                throw new LogshipException(instance + ": the committed position cannot be read ("
                        + e.getMessage() + "); remove the input's position file to start as on a first run");
            }
        }
        WindowJournal.Loaded loaded;
        try {
            loaded = WindowJournal.load(journalFile);
        } catch (IOException e) {
            throw new LogshipException(instance + ": cannot read " + journalFile + ": " + e, e);
        }
        problems.addAll(loaded.problems());
        S3Location saved = committed != null && committed.location() != null ? committed.location()
                : committed == null ? loaded.location() : null;
        if (saved != null && !saved.equals(here)) {
            problems.add("the saved position is for " + saved + " but the configuration names " + here + ": "
                    + here + " is read from its beginning, as on a first run");
            committed = null;
            loaded = new WindowJournal.Loaded(here, null, List.of(), Set.of(), List.of());
        } else if (loaded.location() != null && !loaded.location().equals(here)) {
            problems.add(journalFile + " is for " + loaded.location() + ", not " + here
                    + "; the late-arrival window starts empty");
            loaded = new WindowJournal.Loaded(here, null, List.of(), Set.of(), List.of());
        }
        long committedSeq;
        String cursor;
        String initialCursor;
        boolean fromLast = false;
        if (committed != null) {
            committedSeq = committed.seq();
            cursor = committed.cursor();
            initialCursor = loaded.initialCursor();
        } else if (loaded.initialCursor() != null) {
            committedSeq = 0;
            cursor = loaded.initialCursor();
            initialCursor = cursor;
        } else {
            committedSeq = 0;
            cursor = settings.startAfter() == null || settings.startAfter().isEmpty() ? null : settings.startAfter();
            initialCursor = cursor;
            fromLast = settings.readFromLast();
        }
        int maxKeys = settings.lateArrivalWindow().isZero() ? 0 : settings.lateArrivalMaxKeys();
        LateWindow window = new LateWindow(settings.lateArrivalWindow().toMillis(), maxKeys, cursor);
        String startLine = committed == null ? "the start (first run)" : "committed position after key '"
                + committed.key() + "' line " + committed.line() + (committed.done() ? " (done)" : "");
        ReadProgress p = new ReadProgress(settings, new WindowJournal(journalFile, here), window,
                committed != null && !committed.done() ? committed : null, startLine);
        p.initialCursor = initialCursor;
        p.takeExistingAsRead = fromLast;
        List<WindowJournal.Line> kept = new ArrayList<>();
        for (WindowJournal.Line l : loaded.lines()) {
            if (l.seq() <= committedSeq) {
                char flag = loaded.actioned().contains(l.seq()) ? 'd' : l.flag();
                WindowJournal.Line k = new WindowJournal.Line(l.seq(), l.lastModified(), flag, l.key(), l.floor());
                kept.add(k);
                window.restore(new LateWindow.Entry(k.key(), k.lastModified(), k.seq(), flag, k.floor()));
                if ((flag == 'r' || flag == 'e') && p.afterRead) {
                    p.pending.add(new Pending(k.seq(), k.key()));
                }
            }
        }
        if (committed != null && committed.done() && !window.contains(committed.key())) {
            // the journal lost it: remember it anyway so it is not taken for a late key
            long lm = window.newest() == Long.MIN_VALUE ? 0 : window.newest();
            window.restore(new LateWindow.Entry(committed.key(), lm, committedSeq, 'd', committed.key()));
        }
        window.expire();
        p.seq = committedSeq;
        p.rewrite(kept);
        return p;
    }

    /** Where reading starts, for the start log line. */
    String describeStart() {
        return startLine + (window.size() > 0 ? ", " + window.size() + " keys in the late-arrival window" : "");
    }

    LateWindow window() {
        return window;
    }

    /** Objects finished so far: the sequence the events of the next object carry. */
    long seq() {
        return seq;
    }

    /** The committed position when it was inside an object (to continue it first), else null. */
    S3Position unfinished() {
        return unfinished;
    }

    /** True on a first run with ReadFromLast until {@link #takeAsRead} ran. */
    boolean takeExistingAsRead() {
        return takeExistingAsRead;
    }

    /** The cursor once {@code key} is read: the key, or the current cursor when that sorts after it. */
    String cursorAfter(String key) {
        return window.cursor() == null || key.compareTo(window.cursor()) > 0 ? key : window.cursor();
    }

    /** A floor for an object resumed after a restart (the key listed before it is not known). */
    String resumeFloor() {
        return window.floorFor(initialCursor);
    }

    /** The newest LastModified read, as a stand-in for an object whose own is not known (null if none). */
    Instant newestRead() {
        return window.newest() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(window.newest());
    }

    /**
     * Records a finished object in the journal and the window (before the event that depends on it).
     *
     * @param flag r read, e empty, f failed
     */
    void finish(String key, Instant lastModified, char flag, String floor) throws LogshipException {
        seq++;
        long lm = lastModified == null ? 0 : lastModified.toEpochMilli();
        char stored = flag == 'r' || flag == 'e' ? (afterRead ? flag : 'd') : flag;
        try {
            journal.append(new WindowJournal.Line(seq, lm, stored, key, floor));
            journal.flush();
        } catch (IOException e) {
            throw new LogshipException(settings.instance() + ": cannot append to " + journal.file() + ": " + e, e);
        }
        window.finished(key, lm, seq, stored, floor);
        if (stored == 'r' || stored == 'e') {
            pending.add(new Pending(seq, key));
        }
        if (journal.appended() > 2L * (window.size() + pending.size()) + 4096) {
            compact();
        }
    }

    /** ReadFromLast on a first run: every key listed now counts as read. */
    void takeAsRead(Listing.Existing existing) throws LogshipException {
        for (LateWindow.Entry e : existing.recent()) {
            window.restore(e);
        }
        window.expire();
        window.cursor(existing.lastKey());
        initialCursor = existing.lastKey();
        List<WindowJournal.Line> lines = new ArrayList<>();
        for (LateWindow.Entry e : window.entries()) {
            lines.add(new WindowJournal.Line(0, e.lastModified(), 'd', e.key(), e.floor()));
        }
        rewrite(lines);
        takeExistingAsRead = false;
    }

    /** The oldest finished object whose AfterRead is due once {@code committedSeq} is committed, or null. */
    Pending nextAction(long committedSeq) {
        Pending p = pending.peekFirst();
        return p != null && p.seq() <= committedSeq ? p : null;
    }

    boolean actionsPending() {
        return !pending.isEmpty();
    }

    /**
     * Records that {@link #nextAction}'s object was dealt with (moved, deleted, or failed to be).
     *
     * @throws IOException when the journal cannot note it (the action may then be repeated after a restart)
     */
    void actioned(Pending p) throws IOException {
        pending.remove(p);
        window.actioned(p.key());
        journal.appendAction(p.seq());
        journal.flush();
    }

    private void compact() throws LogshipException {
        List<WindowJournal.Line> lines = new ArrayList<>();
        Set<String> inWindow = new HashSet<>();
        for (LateWindow.Entry e : window.entries()) {
            lines.add(new WindowJournal.Line(e.seq(), e.lastModified(), e.flag(), e.key(), e.floor()));
            inWindow.add(e.key());
        }
        for (Pending p : pending) {
            if (!inWindow.contains(p.key())) {
                lines.add(new WindowJournal.Line(p.seq(), 0, 'r', p.key(), p.key()));
            }
        }
        rewrite(lines);
    }

    private void rewrite(List<WindowJournal.Line> lines) throws LogshipException {
        try {
            journal.rewrite(initialCursor, lines, List.of());
        } catch (IOException e) {
            throw new LogshipException(settings.instance() + ": cannot write " + journal.file() + ": " + e, e);
        }
    }

    Path journalFile() {
        return journal.file();
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }
}
