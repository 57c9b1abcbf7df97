package io.logship.lang;

/**
 * Statements as written in a config file: an {@code Exec} directive's value, an {@code <Exec>} block's body or a
 * {@code <Schedule>}'s Exec. {@code text} keeps the line breaks of the original (a {@code \} continuation or an
 * {@code <Exec>} block's lines), so problems can name the right line and column.
 *
 * @param text   the statements
 * @param file   the config file
 * @param line   the line of the first character of {@code text}
 * @param column the 1-based column of the first character of {@code text} on that line
 */
public record ExecSource(String text, String file, int line, int column) {
}
