package io.logship.host.config;

/**
 * A directive as written in a config file, after {@code define} substitution and continuation joining.
 *
 * @param name  as written (case preserved)
 * @param value the value text, quotes removed
 * @param file  the file it came from (for messages)
 * @param line  1-based line number
 */
public record RawDirective(String name, String value, String file, int line) {
    public String location() {
        return file + ":" + line;
    }
}
