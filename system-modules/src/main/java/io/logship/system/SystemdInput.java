package io.logship.system;

import io.logship.api.InputContext;
import io.logship.api.LogshipException;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import io.logship.api.Position;
import io.logship.lang.WarnLimit;
import java.time.Duration;
import org.slf4j.event.Level;

/**
 * im_systemd: runs {@code journalctl --follow --output=json} ({@link JournalCommand}) and posts each entry as an
 * event with NXLog's fields ({@link JournalEntryParser}). Each event's position is its entry's cursor, so a restart
 * continues just after the last committed entry ({@code --after-cursor}); without one, ReadFromLast TRUE reads only
 * new entries and FALSE the whole journal first. When journalctl exits it is started again after a back-off, just
 * after the last entry posted. Lines pass through a bounded queue, as im_exec's do.
 */
final class SystemdInput extends ChildLinesInput {
    /**
     * The longest line (one entry as JSON) read whole: 8 MiB. A longer one is cut, so its pieces are no JSON and are
     * logged and counted as bad lines. With the queue's 256 lines this bounds what the input holds.
     */
    static final int MAX_LINE = 8 << 20;

    private final JournalCommand journal;
    private final boolean readFromLast;
    private final boolean savePos;
    private final JournalEntryParser parser = new JournalEntryParser();
    private final WarnLimit badLineWarnings = new WarnLimit(60_000);
    private volatile boolean cursorRefused;
    /** The cursor the next journalctl starts after: the last entry posted, or the committed one at start. */
    private String cursor;
    private JournalCommand.Start currentStart;
    private Metrics.Counter entries;
    private Metrics.Counter badLines;

    SystemdInput(String instance, JournalCommand journal, boolean readFromLast, boolean savePos, Backoff backoff) {
        super(instance, journal.command(readFromLast ? new JournalCommand.AtEnd() : new JournalCommand.AtBeginning()),
                true, backoff, 256);
        this.journal = journal;
        this.readFromLast = readFromLast;
        this.savePos = savePos;
    }

    @Override
    void started(ModuleContext context) {
        entries = context.metrics().counter("systemd.entries");
        badLines = context.metrics().counter("systemd.bad_lines");
        if (savePos && context instanceof InputContext in) {
            cursor = in.committedPosition().orElse(null);
        }
    }

    private JournalCommand.Start nextStart() {
        if (cursor != null) {
            return new JournalCommand.AfterCursor(cursor);
        }
        return readFromLast ? new JournalCommand.AtEnd() : new JournalCommand.AtBeginning();
    }

    @Override
    ChildProcess launch() throws LogshipException {
        currentStart = nextStart();
        cursorRefused = false;
        ChildCommand cmd = journal.command(currentStart);
        ChildProcess c = ChildProcess.start(cmd, instance);
        Process p = c.process();
        try {
            p.getOutputStream().close();
        } catch (java.io.IOException e) {
            // already closed
        }
        ChildOutputLog err = ChildOutputLog.of(logger, Level.WARN, instance + ": journalctl: ");
        c.pump("stderr", p.getErrorStream(), 64 * 1024, line -> {
            if (line.contains("cursor")) {
                cursorRefused = true;
            }
            err.line(line);
        }, () -> { });
        pumpStdout(c, MAX_LINE);
        logger.debug("{}: running {}", instance, cmd);
        return c;
    }

    /** Posts one line's entry; false when the host is stopping. A line that is no entry is logged and counted. */
    @Override
    boolean postLine(InputContext context, String line) throws InterruptedException {
        JournalEntry entry;
        try {
            entry = parser.parse(line);
        } catch (IllegalArgumentException e) {
            badLines.increment();
            if (badLineWarnings.allow("line")) {
                logger.warn("{}: journalctl printed a line that is no journal entry ({}; {} bytes, after cursor {}); "
                        + "skipped and counted in systemd.bad_lines, further ones are not logged for a minute",
                        instance, e.getMessage(), line.length(), cursor);
            }
            return true;
        }
        if (savePos && entry.cursor() != null) {
            entry.event().position(Position.of(entry.cursor()));
        }
        if (!context.post(entry.event())) {
            return false;
        }
        if (entry.cursor() != null) {
            cursor = entry.cursor();
        }
        entries.increment();
        return true;
    }

    @Override
    void exited(InputContext context, Exited exit) {
        Duration ranFor = exit.child().ranFor();
        if (cursorRefused && currentStart instanceof JournalCommand.AfterCursor c && c.cursor().equals(cursor)) {
            logger.warn("{}: journalctl refused the cursor {} (not of this journal); reading {} instead", instance,
                    cursor, readFromLast ? "only new entries (ReadFromLast TRUE)" : "the whole journal "
                            + "(ReadFromLast FALSE)");
            cursor = null;
        }
        Duration delay = backOff(ranFor);
        logBurst("journalctl exited with code " + exit.code() + " after " + ranFor.toMillis()
                + " ms; starting it again in " + delay.toMillis() + " ms");
        context.scheduleRead(delay);
    }

    @Override
    void stopped(int exitCode) {
        logger.info("{}: stopped journalctl", instance);
    }

    @Override
    public String toString() {
        return "im_systemd " + instance;
    }
}
