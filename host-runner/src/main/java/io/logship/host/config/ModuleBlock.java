package io.logship.host.config;

import io.logship.api.ModuleKind;
import java.nio.file.Path;
import java.util.List;

/**
 * One module block as written.
 *
 * @param kind       which block
 * @param name       the instance name ({@code <Input name>})
 * @param moduleName the {@code Module} directive's value, or null when missing
 * @param directives every other directive in the block, in order
 * @param file       the file the block is in
 * @param line       the line of the block header
 * @param baseDir    the directory relative paths in this block resolve against
 * @param moduleLine the line of the {@code Module} directive (the block header's line when it is missing)
 */
public record ModuleBlock(ModuleKind kind, String name, String moduleName, List<RawDirective> directives,
                          String file, int line, Path baseDir, int moduleLine) {

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
