package io.logship.lang.compile;

import io.logship.lang.compile.Ast.Assign;
import io.logship.lang.compile.Ast.Binary;
import io.logship.lang.compile.Ast.Block;
import io.logship.lang.compile.Ast.Call;
import io.logship.lang.compile.Ast.CaptureRef;
import io.logship.lang.compile.Ast.DateLiteral;
import io.logship.lang.compile.Ast.Expr;
import io.logship.lang.compile.Ast.ExprStmt;
import io.logship.lang.compile.Ast.FieldRef;
import io.logship.lang.compile.Ast.If;
import io.logship.lang.compile.Ast.In;
import io.logship.lang.compile.Ast.Literal;
import io.logship.lang.compile.Ast.RegexLiteral;
import io.logship.lang.compile.Ast.Stmt;
import io.logship.lang.compile.Ast.SubstLiteral;
import io.logship.lang.compile.Ast.Unary;
import io.logship.lang.compile.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive descent over the tokens, with NXLog's operator precedence from loosest to tightest: {@code or},
 * {@code xor}, {@code and}, {@code not}, comparisons ({@code == != < <= > >= =~ !~ IN}), {@code |}, {@code ^},
 * {@code &}, {@code + -}, {@code * / %}, unary {@code -} and {@code defined}. ({@code not} binds looser than a
 * comparison, so {@code not $a =~ /x/} is {@code not ($a =~ /x/)} as the manual describes {@code !~}.) A syntax
 * error is reported with what was expected, and parsing resumes after the next {@code ;} or before the next
 * {@code }}.
 */
final class Parser {
    /** A syntax error; already reported when {@code reported}. */
    private static final class SyntaxError extends RuntimeException {
        SyntaxError() {
            super(null, null, false, false);
        }
    }

    private final List<Token> tokens;
    private final Problems problems;
    private int i;

    Parser(List<Token> tokens, Problems problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    /** Every statement up to the end of the text. */
    List<Stmt> statements() {
        List<Stmt> out = new ArrayList<>();
        while (!peek().is(Kind.EOF)) {
            if (peek().is(Kind.RBRACE)) {
                error(peek(), "'}' without a matching '{'");
                i++;
                continue;
            }
            statementInto(out);
        }
        return out;
    }

    /** One expression filling the whole text, or null after a reported problem. */
    Expr expressionOnly() {
        try {
            Expr e = expression();
            if (!peek().is(Kind.EOF)) {
                throw expected("an operator or the end of the expression");
            }
            return e;
        } catch (SyntaxError e) {
            return null;
        }
    }

    private void statementInto(List<Stmt> out) {
        int start = i;
        try {
            Stmt s = statement();
            if (s != null) {
                out.add(s);
            }
        } catch (SyntaxError e) {
            resync();
            if (i == start) {
                i++;
            }
        }
    }

    /** Skips to just after the next ';' or to the next '}' that closes an enclosing block. */
    private void resync() {
        int depth = 0;
        while (!peek().is(Kind.EOF)) {
            Token t = peek();
            if (t.is(Kind.LBRACE)) {
                depth++;
            } else if (t.is(Kind.RBRACE)) {
                if (depth == 0) {
                    return;
                }
                depth--;
                if (depth == 0) {
                    i++;
                    return;
                }
            } else if (t.is(Kind.SEMI) && depth == 0) {
                i++;
                return;
            }
            i++;
        }
    }

    /** A statement, or null for an empty one (a lone ';'). */
    private Stmt statement() {
        Token t = peek();
        switch (t.kind()) {
            case SEMI -> {
                i++;
                return null;
            }
            case LBRACE -> {
                return block();
            }
            case IF -> {
                i++;
                Expr cond = expression();
                Stmt then = branch(t);
                Stmt otherwise = null;
                if (peek().is(Kind.ELSE)) {
                    Token e = next();
                    otherwise = branch(e);
                }
                return new If(cond, then, otherwise, t.line(), t.col());
            }
            case ELSE -> throw error(t, "'else' without an 'if'");
            default -> {
                Expr e = expression();
                Stmt s;
                if (peek().is(Kind.ASSIGN)) {
                    i++;
                    s = new Assign(e, expression(), t.line(), t.col());
                } else {
                    s = new ExprStmt(e, t.line(), t.col());
                }
                endOfStatement();
                return s;
            }
        }
    }

    /** The statement after {@code if cond} or {@code else}; an empty one stands for nothing. */
    private Stmt branch(Token keyword) {
        if (peek().is(Kind.EOF) || peek().is(Kind.RBRACE)) {
            throw expected("a statement after '" + keyword.text() + "'");
        }
        Stmt s = statement();
        return s != null ? s : new Block(List.of(), keyword.line(), keyword.col());
    }

    private void endOfStatement() {
        Token t = peek();
        if (t.is(Kind.SEMI)) {
            i++;
        } else if (!t.is(Kind.EOF) && !t.is(Kind.RBRACE)) { // a last statement may go without ';'
            throw expected(t.is(Kind.EQ) ? "';' (use = to assign, == to compare)" : "';' or an operator");
        }
    }

    private Block block() {
        Token open = next();
        List<Stmt> body = new ArrayList<>();
        while (!peek().is(Kind.RBRACE)) {
            if (peek().is(Kind.EOF)) {
                problems.add(peek(), "expected '}' to close the block opened at line "
                        + problems.fileLine(open.line()) + ", column " + problems.fileColumn(open.line(), open.col()));
                return new Block(body, open.line(), open.col());
            }
            statementInto(body);
        }
        i++;
        return new Block(body, open.line(), open.col());
    }

    Expr expression() {
        return or();
    }

    private Expr or() {
        Expr e = xor();
        while (peek().is(Kind.OR)) {
            Token op = next();
            e = new Binary(Kind.OR, e, xor(), op.line(), op.col());
        }
        return e;
    }

    private Expr xor() {
        Expr e = and();
        while (peek().is(Kind.XOR)) {
            Token op = next();
            e = new Binary(Kind.XOR, e, and(), op.line(), op.col());
        }
        return e;
    }

    private Expr and() {
        Expr e = not();
        while (peek().is(Kind.AND)) {
            Token op = next();
            e = new Binary(Kind.AND, e, not(), op.line(), op.col());
        }
        return e;
    }

    private Expr not() {
        if (peek().is(Kind.NOT) && !peekAt(1).is(Kind.IN)) {
            Token op = next();
            return new Unary(Kind.NOT, not(), op.line(), op.col());
        }
        return comparison();
    }

    private Expr comparison() {
        Expr e = bitOr();
        while (true) {
            Token op = peek();
            switch (op.kind()) {
                case EQ, NE, LT, LE, GT, GE -> {
                    i++;
                    e = new Binary(op.kind(), e, bitOr(), op.line(), op.col());
                }
                case MATCH, NOMATCH -> {
                    i++;
                    e = new Binary(op.kind(), e, matchOperand(), op.line(), op.col());
                }
                case IN -> {
                    i++;
                    e = new In(e, list(), false, op.line(), op.col());
                }
                case NOT -> {
                    if (!peekAt(1).is(Kind.IN)) {
                        return e;
                    }
                    i += 2;
                    e = new In(e, list(), true, op.line(), op.col());
                }
                default -> {
                    return e;
                }
            }
        }
    }

    private Expr matchOperand() {
        Token t = peek();
        if (t.is(Kind.SUBST)) {
            i++;
            String[] v = (String[]) t.value();
            return new SubstLiteral(v[0], v[1], v[2], t.line(), t.col());
        }
        return bitOr();
    }

    private List<Expr> list() {
        expect(Kind.LPAREN, "'(' to start the IN list");
        List<Expr> values = new ArrayList<>();
        do {
            values.add(expression());
        } while (accept(Kind.COMMA));
        expect(Kind.RPAREN, "',' or ')' to end the IN list");
        return values;
    }

    private Expr bitOr() {
        Expr e = bitXor();
        while (peek().is(Kind.PIPE)) {
            Token op = next();
            e = new Binary(Kind.PIPE, e, bitXor(), op.line(), op.col());
        }
        return e;
    }

    private Expr bitXor() {
        Expr e = bitAnd();
        while (peek().is(Kind.CARET)) {
            Token op = next();
            e = new Binary(Kind.CARET, e, bitAnd(), op.line(), op.col());
        }
        return e;
    }

    private Expr bitAnd() {
        Expr e = additive();
        while (peek().is(Kind.AMP)) {
            Token op = next();
            e = new Binary(Kind.AMP, e, additive(), op.line(), op.col());
        }
        return e;
    }

    private Expr additive() {
        Expr e = multiplicative();
        while (peek().is(Kind.PLUS) || peek().is(Kind.MINUS)) {
            Token op = next();
            e = new Binary(op.kind(), e, multiplicative(), op.line(), op.col());
        }
        return e;
    }

    private Expr multiplicative() {
        Expr e = unary();
        while (peek().is(Kind.STAR) || peek().is(Kind.SLASH) || peek().is(Kind.PERCENT)) {
            Token op = next();
            e = new Binary(op.kind(), e, unary(), op.line(), op.col());
        }
        return e;
    }

    private Expr unary() {
        Token t = peek();
        if (t.is(Kind.MINUS) || t.is(Kind.DEFINED) || t.is(Kind.NOT)) {
            i++;
            Expr operand = unary();
            if (t.is(Kind.MINUS) && operand instanceof Literal l && l.value() instanceof Long v) {
                return new Literal(-v, t.line(), t.col()); // a negative integer literal
            }
            return new Unary(t.kind(), operand, t.line(), t.col());
        }
        return primary();
    }

    private Expr primary() {
        Token t = next();
        switch (t.kind()) {
            case STRING, INTEGER, BOOLEAN, IP -> {
                return new Literal(t.value(), t.line(), t.col());
            }
            case UNDEF -> {
                return new Literal(null, t.line(), t.col());
            }
            case DATETIME -> {
                return new DateLiteral((String) t.value(), t.line(), t.col());
            }
            case FIELD -> {
                return new FieldRef((String) t.value(), t.line(), t.col());
            }
            case CAPTURE -> {
                return new CaptureRef((Integer) t.value(), t.line(), t.col());
            }
            case REGEX -> {
                String[] v = (String[]) t.value();
                return new RegexLiteral(v[0], v[1], t.line(), t.col());
            }
            case LPAREN -> {
                Expr e = expression();
                expect(Kind.RPAREN, "')'");
                return e;
            }
            case NAME -> {
                return call(t);
            }
            default -> {
                i--;
                throw expected("a value (a field, literal, function call or '(')");
            }
        }
    }

    private Expr call(Token name) {
        String qualifier = null;
        String fn = name.text();
        if (accept(Kind.ARROW)) {
            Token member = peek();
            if (!member.is(Kind.NAME)) {
                throw expected("a function or procedure name after '" + name.text() + "->'");
            }
            i++;
            qualifier = fn;
            fn = member.text();
        }
        if (!peek().is(Kind.LPAREN)) {
            throw error(name, "unknown word '" + name.text() + "': expected a field ($" + name.text()
                    + "), a string literal (\"" + name.text() + "\") or a call (" + name.text() + "())");
        }
        i++;
        List<Expr> args = new ArrayList<>();
        if (!accept(Kind.RPAREN)) {
            do {
                args.add(expression());
            } while (accept(Kind.COMMA));
            expect(Kind.RPAREN, "',' or ')' after an argument of " + fn + "()");
        }
        return new Call(qualifier, fn, List.copyOf(args), name.line(), name.col());
    }

    private void expect(Kind k, String what) {
        if (!accept(k)) {
            throw expected(what);
        }
    }

    private boolean accept(Kind k) {
        if (peek().is(k)) {
            i++;
            return true;
        }
        return false;
    }

    private SyntaxError expected(String what) {
        Token t = peek();
        return error(t, "syntax error: expected " + what + ", found " + t.describe());
    }

    private SyntaxError error(Token at, String message) {
        if (!at.is(Kind.ERROR)) { // the lexer reported that one
            problems.add(at, message);
        }
        return new SyntaxError();
    }

    private Token peek() {
        return tokens.get(i);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(i + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(i);
        if (!t.is(Kind.EOF)) {
            i++;
        }
        return t;
    }
}
