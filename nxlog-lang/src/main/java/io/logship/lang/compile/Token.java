package io.logship.lang.compile;

/**
 * One token of NXLog statements. {@code line} and {@code col} are 0-based within the source text (the
 * {@link Positions} of the source turn them into the config file's line and column).
 *
 * @param kind  what it is
 * @param text  the characters as written (for messages)
 * @param value the literal's value: String for STRING/FIELD/NAME, Long for INTEGER, Integer for CAPTURE,
 *              Boolean for BOOLEAN, InetAddress for IP, String (as written) for DATETIME, String[] {pattern,
 *              modifiers} for REGEX and {pattern, replacement, modifiers} for SUBST
 */
record Token(Kind kind, String text, Object value, int line, int col) {
    enum Kind {
        FIELD, CAPTURE, NAME, STRING, INTEGER, BOOLEAN, UNDEF, DATETIME, IP, REGEX, SUBST,
        IF, ELSE, AND, OR, XOR, NOT, DEFINED, IN,
        ASSIGN, EQ, NE, LT, LE, GT, GE, MATCH, NOMATCH, PLUS, MINUS, STAR, SLASH, PERCENT, AMP, PIPE, CARET,
        ARROW, LPAREN, RPAREN, LBRACE, RBRACE, SEMI, COMMA,
        /** A token the lexer already reported as a problem. */
        ERROR,
        EOF
    }

    boolean is(Kind k) {
        return kind == k;
    }

    /** How a message names it: "';'", "end of text", "field $x". */
    String describe() {
        return switch (kind) {
            case EOF -> "end of statements";
            case FIELD -> "field " + text;
            case NAME -> "name '" + text + "'";
            case STRING -> "string " + text;
            default -> "'" + text + "'";
        };
    }
}
