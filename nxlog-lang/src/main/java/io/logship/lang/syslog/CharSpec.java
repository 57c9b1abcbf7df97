package io.logship.lang.syslog;

/**
 * A one-character directive value as NXLog reads it: the character itself ({@code #}), quoted ({@code ";"},
 * {@code ' '}), an escape ({@code \t}, {@code \n}, {@code \r}, {@code \a}, {@code \b}, {@code \f}, {@code \v},
 * {@code \\}, {@code \'}, {@code \"}), or hexadecimal ({@code \x09}, {@code 0x09}).
 */
final class CharSpec {
    static final String DOC = "One character: itself, quoted (`\";\"`), an escape such as `\\t`, or hexadecimal "
            + "(`0x09`).";

    private CharSpec() {
    }

    /**
     * @throws IllegalArgumentException naming what was expected
     */
    static char parse(String value) {
        String v = value;
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.length() == 1) {
            return v.charAt(0);
        }
        if (v.length() == 2 && v.charAt(0) == '\\') {
            switch (v.charAt(1)) {
                case 't':
                    return '\t';
                case 'n':
                    return '\n';
                case 'r':
                    return '\r';
                case 'a':
                    return '\u0007';
                case 'b':
                    return '\b';
                case 'f':
                    return '\f';
                case 'v':
                    return '\u000B';
                case '\\':
                case '\'':
                case '"':
                    return v.charAt(1);
                default:
                    break;
            }
        }
        if (v.length() == 4 && (v.startsWith("\\x") || v.startsWith("0x") || v.startsWith("0X"))) {
            try {
                return (char) Integer.parseInt(v.substring(2), 16);
            } catch (NumberFormatException e) {
                // fall through to the error
            }
        }
        throw new IllegalArgumentException("expected one character (e.g. ;, \"#\", \\t or 0x09), not '" + value
                + "'");
    }
}
