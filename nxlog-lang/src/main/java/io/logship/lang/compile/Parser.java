package io.logship.lang.compile;

import io.logship.lang.compile.Ast.Assign;
import io.logship.lang.compile.Ast.Block;
import io.logship.lang.compile.Ast.Expr;
import io.logship.lang.compile.Ast.ExprStmt;
import io.logship.lang.compile.Ast.If;
import io.logship.lang.compile.Ast.Stmt;
import io.logship.lang.compile.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements: assignments, procedure calls, matches and substitutions, {@code if}/{@code else}, {@code { }}
 * blocks and empty statements; a last statement may go without {@code ;}. A syntax error is reported with what
 * was expected, and parsing resumes after the next {@code ;} or before the next {@code }} that closes a block.
 */
final class Parser extends ExprParser {
    Parser(List<Token> tokens, Problems problems) {
        super(tokens, problems);
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

}
