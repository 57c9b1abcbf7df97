package io.logship.lang.compile;

/**
 * The character level under the {@link Lexer}: a position in the text that counts lines (a {@code \\} before
 * a line break is a continuation, not a character), and the readers of quoted text: double-quoted strings with
 * NXLog's escapes, single-quoted strings without, and the parts of {@code /regexp/} and {@code s///}.
 */
class TextReader {
    final String s;
    final Problems problems;
    int pos;
    int line;
    int lineStart;

    TextReader(String text, Problems problems) {
        this.s = text;
        this.problems = problems;
    }

    /** Length of the line break at {@code i} (1 for LF, 2 for CRLF), 0 when there is none. */
    int lineBreakAt(int i) {
        if (i < s.length() && s.charAt(i) == '\n') {
            return 1;
        }
        return i + 1 < s.length() && s.charAt(i) == '\r' && s.charAt(i + 1) == '\n' ? 2 : 0;
    }

    void newline(int next) {
        pos = next;
        line++;
        lineStart = next;
    }

    String doubleQuoted() {
        StringBuilder b = new StringBuilder();
        int startLine = line;
        int startCol = pos - lineStart;
        pos++;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                return b.toString();
            } else if (c == '\\' && pos + 1 < s.length()) {
                int br = lineBreakAt(pos + 1);
                if (br > 0) {
                    newline(pos + 1 + br);
                    continue;
                }
                char e = s.charAt(pos + 1);
                pos += 2;
                switch (e) {
                    case '\\' -> b.append('\\');
                    case '"' -> b.append('"');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'b' -> b.append('\b');
                    case 'x' -> hexEscape(b);
                    default -> b.append('\\').append(e);
                }
            } else {
                if (c == '\n') {
                    newline(pos + 1);
                } else {
                    pos++;
                }
                b.append(c);
            }
        }
        problems.add(startLine, startCol, "string literal without its closing '\"'");
        return null;
    }

    void hexEscape(StringBuilder b) {
        if (isHex(at(pos)) && isHex(at(pos + 1))) {
            b.append((char) Integer.parseInt(s.substring(pos, pos + 2), 16));
            pos += 2;
        } else {
            problems.add(line, pos - lineStart - 2, "\\x needs two hexadecimal digits (\\x0A)");
        }
    }

    String singleQuoted() {
        int startLine = line;
        int startCol = pos - lineStart;
        StringBuilder b = new StringBuilder();
        pos++;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\'') {
                pos++;
                return b.toString();
            } else if (c == '\\' && lineBreakAt(pos + 1) > 0) {
                newline(pos + 1 + lineBreakAt(pos + 1));
                continue;
            } else if (c == '\n') {
                newline(pos + 1);
            } else {
                pos++;
            }
            b.append(c);
        }
        problems.add(startLine, startCol, "string literal without its closing \"'\"");
        return null;
    }

    /** Up to the next unescaped '/', which is consumed; {@code \/} stands for '/'. Null at the end of text. */
    String regexPart() {
        StringBuilder b = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '/') {
                pos++;
                return b.toString();
            }
            if (c == '\\' && lineBreakAt(pos + 1) > 0) {
                newline(pos + 1 + lineBreakAt(pos + 1));
                continue;
            }
            if (c == '\\' && pos + 1 < s.length()) {
                char n = s.charAt(pos + 1);
                if (n == '/') {
                    b.append('/');
                } else {
                    b.append(c).append(n);
                }
                pos += 2;
                continue;
            }
            if (c == '\n') {
                newline(pos + 1);
            } else {
                pos++;
            }
            b.append(c);
        }
        return null;
    }

    char at(int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    boolean wordCharAt(int i) {
        char c = at(i);
        return Character.isLetterOrDigit(c) || c == '_';
    }

    static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
