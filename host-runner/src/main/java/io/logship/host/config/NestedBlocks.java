package io.logship.host.config;

import io.logship.lang.ExecSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a module block holds besides its directives: {@code Exec} directives, {@code <Exec>} ... {@code </Exec>}
 * blocks (their lines kept as written, so a statement's problem names its own line and column) and
 * {@code <Schedule>} blocks with their {@code Every}, {@code When}, {@code First} and {@code Exec}.
 */
final class NestedBlocks {
    private final String instance;
    private final List<ExecSource> execs = new ArrayList<>();
    private final List<ScheduleBlock> schedules = new ArrayList<>();

    // an open <Schedule>
    private List<RawDirective> scheduleDirectives;
    private List<ExecSource> scheduleExecs;
    private String scheduleFile;
    private int scheduleLine;

    // an open <Exec>
    private StringBuilder execText;
    private String execFile;
    private int execLine;
    private int execOpenLine;
    private int execFirstLine;
    private int execFirstColumn;
    private int lastLine;

    NestedBlocks(String instance) {
        this.instance = instance;
    }

    boolean capturing() {
        return execText != null;
    }

    boolean inSchedule() {
        return scheduleDirectives != null;
    }

    List<ExecSource> execs() {
        return List.copyOf(execs);
    }

    List<ScheduleBlock> schedules() {
        return List.copyOf(schedules);
    }

    /** An {@code Exec} directive of the block (or of its open {@code <Schedule>}). */
    void exec(String statements, String file, int line, int column) {
        target().add(new ExecSource(statements, file, line, column));
    }

    private List<ExecSource> target() {
        return scheduleExecs != null ? scheduleExecs : execs;
    }

    /** {@code <Exec>} or {@code <Schedule>} opened inside the block. */
    void open(String lowerTag, String tag, String file, int line, ParseReport report) {
        if (capturing()) {
            report.problem(file, line, instance + ": <" + tag + "> inside <Exec> (opened at " + execFile + ":"
                    + execOpenLine + "): missing </Exec>");
            finishExec();
        }
        if (lowerTag.equals("exec")) {
            execText = new StringBuilder();
            execFile = file;
            execOpenLine = line;
            execFirstLine = 0;
        } else if (inSchedule()) {
            report.problem(file, line, instance + ": <" + tag + "> inside <Schedule> (opened at " + scheduleFile + ":"
                    + scheduleLine + "): missing </Schedule>");
            finishSchedule();
            open(lowerTag, tag, file, line, report);
        } else {
            scheduleDirectives = new ArrayList<>();
            scheduleExecs = new ArrayList<>();
            scheduleFile = file;
            scheduleLine = line;
        }
    }

    /** One line of an open {@code <Exec>} (it may hold line breaks of {@code \} continuations). */
    void execLine(String asWritten, int line, int column) {
        if (execFirstLine == 0) {
            execFirstLine = line;
            execFirstColumn = column;
        } else {
            execText.append("\n".repeat(Math.max(1, line - lastLine)));
            execText.append(" ".repeat(Math.max(0, column - 1)));
        }
        execText.append(asWritten);
        lastLine = line + (int) asWritten.chars().filter(c -> c == '\n').count();
    }

    /** A directive inside an open {@code <Schedule>}. */
    void scheduleDirective(String name, String value, String file, int line, String asWritten, int column,
                           ParseReport report) {
        String lower = name.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "exec" -> {
                if (asWritten.isEmpty()) {
                    report.problem(file, line, instance + ": Exec has no statements");
                } else {
                    scheduleExecs.add(new ExecSource(asWritten, file, line, column));
                }
            }
            case "every", "when", "first" -> {
                if (value.isEmpty()) {
                    report.problem(file, line, instance + ": <Schedule> directive " + name + " has no value");
                } else {
                    scheduleDirectives.add(new RawDirective(name, ConfigLexer.unquote(value), file, line, column));
                }
            }
            default -> report.problem(file, line, instance + ": unknown directive '" + name + "' in <Schedule> "
                    + "(it takes Every, When, First and Exec)");
        }
    }

    /**
     * A closing tag seen in the module block.
     *
     * @return true when it closed an {@code <Exec>} or {@code <Schedule>} (nothing more to do with it)
     */
    boolean close(String lowerTag, String file, int line, ParseReport report) {
        if (capturing() && lowerTag.equals("exec")) {
            finishExec();
            return true;
        }
        if (capturing()) {
            report.problem(file, line, instance + ": </" + lowerTag + "> inside <Exec> (opened at " + execFile + ":"
                    + execOpenLine + "): missing </Exec>");
            finishExec();
        }
        if (lowerTag.equals("exec")) {
            report.problem(file, line, instance + ": </Exec> without a matching <Exec>");
            return true;
        }
        if (inSchedule() && lowerTag.equals("schedule")) {
            finishSchedule();
            return true;
        }
        if (lowerTag.equals("schedule")) {
            report.problem(file, line, instance + ": </Schedule> without a matching <Schedule>");
            return true;
        }
        if (inSchedule()) {
            report.problem(file, line, instance + ": </" + lowerTag + "> inside <Schedule> (opened at " + scheduleFile
                    + ":" + scheduleLine + "): missing </Schedule>");
            finishSchedule();
        }
        return false;
    }

    /** The module block ends: what is still open is a problem. */
    void finish(ParseReport report) {
        if (capturing()) {
            report.problem(execFile, execOpenLine, instance + ": <Exec> is not closed (missing </Exec>)");
            finishExec();
        }
        if (inSchedule()) {
            report.problem(scheduleFile, scheduleLine, instance + ": <Schedule> is not closed (missing </Schedule>)");
            finishSchedule();
        }
    }

    private void finishExec() {
        if (execFirstLine > 0) {
            target().add(new ExecSource(execText.toString(), execFile, execFirstLine, execFirstColumn));
        }
        execText = null;
    }

    private void finishSchedule() {
        schedules.add(new ScheduleBlock(scheduleDirectives, scheduleExecs, scheduleFile, scheduleLine));
        scheduleDirectives = null;
        scheduleExecs = null;
    }
}
