package io.logship.lang.csv;

/**
 * A one-character directive value as NXLog reads it ({@code Delimiter}, {@code QuoteChar}, {@code EscapeChar},
 * xm_kvp's delimiters): the character itself, the character in single or double quotes ({@code ';'}), or a C
 * escape {@code \t \n \r \a \b \f \v}; {@code ''} or {@code ""} means none where none is allowed. The host
 * hands a wholly quoted value over unquoted and trimmed, so {@code ' '} arrives empty: {@link #delimiter} reads
 * that as a space.
 */
public final class ConfigChar {
    private ConfigChar() {
    }

    /**
     * @return the character, or 0 for an empty quoted value
     * @throws IllegalArgumentException when the value is not one character
     */
    public static char parse(String raw) {
        String s = raw;
        if (s.isEmpty()) {
            return 0;
        }
        if (s.length() == 2 && (s.equals("''") || s.equals("\"\""))) {
            return 0;
        }
        if (s.length() == 3 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(2) == s.charAt(0)) {
            return s.charAt(1);
        }
        if (s.length() == 4 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(3) == s.charAt(0)) {
            s = s.substring(1, 3);
        }
        if (s.length() == 2 && s.charAt(0) == '\\') {
            switch (s.charAt(1)) {
                case 't': return '\t';
                case 'n': return '\n';
                case 'r': return '\r';
                case 'a': return '\u0007';
                case 'b': return '\b';
                case 'f': return '\f';
                case 'v': return '\u000b';
                case '\\': return '\\';
                default: break;
            }
        }
        if (s.length() == 1) {
            return s.charAt(0);
        }
        throw new IllegalArgumentException("expected one character (x, 'x', \"x\" or an escape such as \\t), got "
                + raw.length() + " characters");
    }

    /** A delimiter: as {@link #parse}, with an empty value (what {@code ' '} becomes) meaning a space. */
    public static char delimiter(String raw) {
        char c = parse(raw);
        return c == 0 ? ' ' : c;
    }
}
