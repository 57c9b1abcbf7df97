package io.logship.host.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads an nxlog.conf-style file and the files it includes into an {@link AgentConfig}. It does not know
 * modules: it checks the syntax, the globals, the block structure and the route syntax, and collects every
 * problem it finds (each starting with {@code file:line: }) instead of stopping at the first one.
 *
 * <p>Syntax: {@code define NAME value} and {@code %NAME%} substitution on every later line ({@link Defines});
 * {@code include path-or-glob} ({@link Includes}); global directives ({@link GlobalDirectives});
 * {@code <Input|Output|Processor|Extension|Route name>} blocks ({@link Blocks}); comments, continuation lines
 * and quoting ({@link ConfigLexer}).
 */
public final class ConfigParser {
    private final Path home;

    /**
     * @param home the logship home: CacheDir and SpoolDir default to {@code var/cache} and {@code var/spool}
     *             under it
     */
    public ConfigParser(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    /** The logship home: System property {@code logship.home} (set by the launcher), else the current directory. */
    public static Path defaultHome() {
        String h = System.getProperty("logship.home");
        return (h == null || h.isBlank() ? Path.of("") : Path.of(h)).toAbsolutePath().normalize();
    }

    /**
     * The outcome of a parse.
     *
     * @param config   what was understood (also when there were problems, for further checks)
     * @param problems every problem, each starting with "file:line: "
     * @param endLine  the number of lines of the main file (for problems about the file as a whole), 0 when
     *                 it could not be read
     */
    public record Result(AgentConfig config, List<String> problems, int endLine, List<String> warnings) {
        public Result {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }

        /** A result without warnings. */
        public Result(AgentConfig config, List<String> problems, int endLine) {
            this(config, problems, endLine, List.of());
        }
    }

    public Result parse(Path file) {
        return new Parse().run(file);
    }

    /** The state of one parse. */
    private final class Parse {
        final ParseReport report = new ParseReport();
        final Defines defines = new Defines();
        final GlobalDirectives globals = new GlobalDirectives(report);
        final Blocks blocks = new Blocks(report);
        final Includes includes = new Includes(report, this::parseLines);

        Result run(Path file) {
            int lines = includes.read(file, file.toString(), null);
            return new Result(new AgentConfig(globals.resolve(file, home), List.copyOf(blocks.modules),
                    List.copyOf(blocks.routes)), report.problems, lines, report.warnings);
        }

        void parseLines(List<String> lines, String file, Path dir, String fileKey) {
            Blocks.Mark atEntry = blocks.mark();
            ConfigLexer.logicalLines(lines, file, report, (text, lineNo, asWritten, column) -> {
                if (blocks.skipping()) {
                    blocks.skipLine(text);
                } else if (blocks.capturingExec() && !Blocks.TAG.matcher(text).matches()) {
                    // a statement never starts with '<': a tag ends the <Exec> (a missing </Exec> is reported)
                    blocks.execLine(defines.substitute(asWritten), lineNo, column);
                } else {
                    handleLine(defines.substitute(text), file, lineNo, dir, fileKey, defines.substitute(asWritten),
                            column);
                }
            });
            blocks.endOfFile(atEntry, file, fileKey);
        }

        void handleLine(String text, String file, int line, Path dir, String fileKey, String asWritten,
                        int column) {
            if (text.startsWith("<")) {
                blocks.tag(text, file, line, dir, fileKey);
                return;
            }
            int sp = ConfigLexer.indexOfWhitespace(text);
            String name = sp < 0 ? text : text.substring(0, sp);
            String rawValue = sp < 0 ? "" : text.substring(sp).strip();
            int valueAt = name.length();
            while (valueAt < asWritten.length() && Character.isWhitespace(asWritten.charAt(valueAt))) {
                valueAt++;
            }
            String valueAsWritten = valueAt >= asWritten.length() ? "" : asWritten.substring(valueAt).strip();
            String lower = name.toLowerCase(Locale.ROOT);
            // general directives: anywhere
            if (lower.equals("define")) {
                defines.define(rawValue, file, line, report);
            } else if (lower.equals("include")) {
                includes.include(ConfigLexer.unquote(rawValue), file, line, dir);
            } else if (!blocks.inBlock()) {
                globals.collect(name, ConfigLexer.unquote(rawValue), file, line, dir);
            } else {
                blocks.directive(name, rawValue, file, line, valueAsWritten, column + valueAt);
            }
        }
    }
}
