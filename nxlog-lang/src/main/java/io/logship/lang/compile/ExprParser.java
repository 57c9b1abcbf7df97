package io.logship.lang.compile;

import io.logship.lang.compile.Ast.Binary;
import io.logship.lang.compile.Ast.Call;
import io.logship.lang.compile.Ast.CaptureRef;
import io.logship.lang.compile.Ast.DateLiteral;
import io.logship.lang.compile.Ast.Expr;
import io.logship.lang.compile.Ast.FieldRef;
import io.logship.lang.compile.Ast.In;
import io.logship.lang.compile.Ast.Literal;
import io.logship.lang.compile.Ast.RegexLiteral;
import io.logship.lang.compile.Ast.SubstLiteral;
import io.logship.lang.compile.Ast.Unary;
import io.logship.lang.compile.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Expressions, by recursive descent with NXLog's operator precedence from loosest to tightest: {@code or},
 * {@code xor}, {@code and}, {@code not}, comparisons ({@code == != < <= > >= =~ !~ IN}), {@code |}, {@code ^},
 * {@code &}, {@code + -}, {@code * / %}, unary {@code -} and {@code defined}. ({@code not} binds looser than a
 * comparison, so {@code not $a =~ /x/} is {@code not ($a =~ /x/)} as the manual describes {@code !~}; NXLog's
 * own grammar binds it tighter, which makes that a type error.)
 */
class ExprParser extends TokenReader {
    ExprParser(List<Token> tokens, Problems problems) {
        super(tokens, problems);
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
}
