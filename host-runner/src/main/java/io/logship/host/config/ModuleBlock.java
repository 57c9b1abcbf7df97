package io.logship.host.config;

import io.logship.api.ModuleKind;
import io.logship.lang.ExecSource;
import java.nio.file.Path;
import java.util.List;

/**
 * One module block as written.
 *
 * @param kind       which block
 * @param name       the instance name ({@code <Input name>})
 * @param moduleName the {@code Module} directive's value, or null when missing
 * @param directives every other directive in the block, in order, except {@code Exec}
 * @param file       the file the block is in
 * @param line       the line of the block header
 * @param baseDir    the directory relative paths in this block resolve against
 * @param moduleLine the line of the {@code Module} directive (the block header's line when it is missing)
 * @param execs      its {@code Exec} directives and {@code <Exec>} blocks, in file order
 * @param schedules  its {@code <Schedule>} blocks
 */
public record ModuleBlock(ModuleKind kind, String name, String moduleName, List<RawDirective> directives,
                          String file, int line, Path baseDir, int moduleLine, List<ExecSource> execs,
                          List<ScheduleBlock> schedules) {

    public ModuleBlock {
        directives = List.copyOf(directives);
        execs = List.copyOf(execs);
        schedules = List.copyOf(schedules);
    }

    /** A block without statements. */
    public ModuleBlock(ModuleKind kind, String name, String moduleName, List<RawDirective> directives,
                       String file, int line, Path baseDir, int moduleLine) {
        this(kind, name, moduleName, directives, file, line, baseDir, moduleLine, List.of(), List.of());
    }

    /** A block whose Module directive location is not known (reported at the header). */
    public ModuleBlock(ModuleKind kind, String name, String moduleName, List<RawDirective> directives,
                       String file, int line, Path baseDir) {
        this(kind, name, moduleName, directives, file, line, baseDir, line);
    }

    /** "file:line" of the Module directive. */
    public String moduleLocation() {
        return file + ":" + moduleLine;
    }

    public String location() {
        return file + ":" + line;
    }
}
