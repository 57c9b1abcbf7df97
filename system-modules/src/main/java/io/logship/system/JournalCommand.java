package io.logship.system;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The journalctl command line for im_systemd: follow the journal as JSON, one entry a line, every field whole
 * ({@code --all}: large and binary fields too), starting where NXLog's ReadFromLast and SavePos say.
 *
 * @param program   journalctl, or the path to it
 * @param directory the journal directory to read ({@code --directory}), or null for the system journal
 */
record JournalCommand(String program, Path directory) {
    /** Where a run of journalctl starts. */
    sealed interface Start permits AfterCursor, AtEnd, AtBeginning {
    }

    /** Just after the entry with this cursor (the last one posted or committed). */
    record AfterCursor(String cursor) implements Start {
    }

    /** Only entries that arrive from now on (ReadFromLast TRUE without a saved position). */
    record AtEnd() implements Start {
    }

    /** Every entry in the journal, then the new ones (ReadFromLast FALSE without a saved position). */
    record AtBeginning() implements Start {
    }

    ChildCommand command(Start start) {
        List<String> args = new ArrayList<>(List.of("--follow", "--output=json", "--all", "--no-pager", "--quiet"));
        if (directory != null) {
            args.add("--directory=" + directory);
        }
        if (start instanceof AfterCursor c) {
            args.add("--no-tail");
            args.add("--after-cursor=" + c.cursor());
        } else if (start instanceof AtEnd) {
            args.add("--lines=0");
        } else {
            args.add("--no-tail");
        }
        return new ChildCommand(program, args);
    }
}
