package io.logship.host.config;

import io.logship.lang.ExecSource;
import java.util.List;

/**
 * A {@code <Schedule>} block inside a module block, as written.
 *
 * @param directives its {@code Every}, {@code When} and {@code First} directives
 * @param execs      its {@code Exec} directives and {@code <Exec>} blocks, in order
 * @param file       the file
 * @param line       the line of {@code <Schedule>}
 */
public record ScheduleBlock(List<RawDirective> directives, List<ExecSource> execs, String file, int line) {
    public ScheduleBlock {
        directives = List.copyOf(directives);
        execs = List.copyOf(execs);
    }

    public String location() {
        return file + ":" + line;
    }
}
