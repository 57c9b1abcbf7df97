package io.logship.lang.compile;

import io.logship.lang.compile.Token.Kind;
import java.util.List;

/** A position in the token list, and syntax errors that say what was expected and what was found. */
class TokenReader {
    /** A syntax error, already reported; it unwinds to where parsing resynchronises. */
    static final class SyntaxError extends RuntimeException {
        SyntaxError() {
            super(null, null, false, false);
        }
    }

    final List<Token> tokens;
    final Problems problems;
    int i;

    TokenReader(List<Token> tokens, Problems problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    void expect(Kind k, String what) {
        if (!accept(k)) {
            throw expected(what);
        }
    }

    boolean accept(Kind k) {
        if (peek().is(k)) {
            i++;
            return true;
        }
        return false;
    }

    SyntaxError expected(String what) {
        Token t = peek();
        return error(t, "syntax error: expected " + what + ", found " + t.describe());
    }

    SyntaxError error(Token at, String message) {
        if (!at.is(Kind.ERROR)) { // the lexer reported that one
            problems.add(at, message);
        }
        return new SyntaxError();
    }

    Token peek() {
        return tokens.get(i);
    }

    Token peekAt(int ahead) {
        return tokens.get(Math.min(i + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(i);
        if (!t.is(Kind.EOF)) {
            i++;
        }
        return t;
    }
}
