package io.logship.host.config;

/**
 * A directive as written in a config file, after {@code define} substitution and continuation joining.
 *
 * @param name   as written (case preserved)
 * @param value  the value text, quotes removed
 * @param file   the file it came from (for messages)
 * @param line   1-based line number
 * @param column 1-based column of the value on that line (0 when not known)
 */
public record RawDirective(String name, String value, String file, int line, int column) {
    /** A directive whose value column is not known. */
    public RawDirective(String name, String value, String file, int line) {
        this(name, value, file, line, 0);
    }

    public String location() {
        return file + ":" + line;
    }
}
