package io.logship.host.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The lexical layer of nxlog.conf: a file's text (strict UTF-8, a leading BOM dropped) cut into logical
 * lines: whole-line {@code #} comments and blank lines skipped, a trailing {@code \} joining the next line,
 * a {@code #} that follows white space outside quotes starting a comment; and the quoting of values.
 */
final class ConfigLexer {
    /**
     * Receives each logical line: stripped, not empty, with the number of its first physical line. {@code
     * asWritten} is the same line with its physical line breaks and {@code \} continuations kept (for
     * statements, whose problems name line and column); {@code column} is the 1-based column of its first
     * character on the first physical line.
     */
    interface LineSink {
        void line(String text, int lineNo, String asWritten, int column);
    }

    private ConfigLexer() {
    }

    /** A file's lines; throws CharacterCodingException when it is not valid UTF-8. */
    static List<String> readLines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.lines().toList();
    }

    /** Cuts the lines of {@code file} into logical lines; problems name {@code file} and the line. */
    static void logicalLines(List<String> lines, String file, ParseReport report, LineSink sink) {
        int i = 0;
        while (i < lines.size()) {
            int lineNo = i + 1;
            String first = lines.get(i);
            i++;
            if (first.isBlank() || first.stripLeading().startsWith("#")) {
                continue;
            }
            StringBuilder logical = new StringBuilder(first);
            StringBuilder written = new StringBuilder(first);
            while (endsWithContinuation(logical) && i <= lines.size()) {
                logical.setLength(stripTrailingWs(logical) - 1);
                if (i == lines.size()) {
                    report.problem(file, lineNo, "line continuation '\\' at the end of the file");
                    break;
                }
                logical.append(lines.get(i));
                written.append('\n').append(lines.get(i));
                i++;
            }
            String text = stripComment(logical.toString(), file, lineNo, report).strip();
            if (!text.isEmpty()) {
                int indent = 0;
                while (indent < first.length() && Character.isWhitespace(first.charAt(indent))) {
                    indent++;
                }
                String asWritten = stripComment(written.toString(), file, lineNo, null).strip();
                sink.line(text, lineNo, asWritten, indent + 1);
            }
        }
    }

    private static boolean endsWithContinuation(CharSequence s) {
        int end = stripTrailingWs(s);
        int backslashes = 0;
        while (end - backslashes > 0 && s.charAt(end - 1 - backslashes) == '\\') {
            backslashes++;
        }
        return backslashes % 2 == 1; // "\\" at the end is an escaped backslash (xm_kvp's EscapeChar \\), not a continuation
    }

    private static int stripTrailingWs(CharSequence s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** Removes a trailing comment: a '#' at the start or after white space, outside quotes. */
    static String stripComment(String line, String file, int lineNo, ParseReport report) {
        char quote = 0;
        int quoteStart = -1;
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            boolean tokenStart = k == 0 || isTokenBoundary(line.charAt(k - 1));
            if ((c == '"' || c == '\'') && tokenStart) {
                quote = c;
                quoteStart = k;
            } else if (c == '#' && tokenStart && (k == 0 || Character.isWhitespace(line.charAt(k - 1)))) {
                return line.substring(0, k);
            }
        }
        if (quote != 0 && report != null) {
            report.problem(file, lineNo, "unterminated quote " + quote + " starting at column " + (quoteStart + 1));
        }
        return line;
    }

    private static boolean isTokenBoundary(char c) {
        return Character.isWhitespace(c) || c == ',' || c == '(' || c == '=' || c == '>';
    }

    /** Removes the quotes around a value that is wholly one quoted string. */
    static String unquote(String value) {
        if (value.length() >= 2) {
            char q = value.charAt(0);
            if ((q == '"' || q == '\'') && value.charAt(value.length() - 1) == q
                    && value.indexOf(q, 1) == value.length() - 1) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }

    static int indexOfWhitespace(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (Character.isWhitespace(s.charAt(k))) {
                return k;
            }
        }
        return -1;
    }
}
