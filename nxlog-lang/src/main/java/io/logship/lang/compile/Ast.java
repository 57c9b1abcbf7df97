package io.logship.lang.compile;

import io.logship.lang.compile.Token.Kind;
import java.util.List;

/** The parsed statements and expressions; positions are the text's (0-based line and column). */
final class Ast {
    private Ast() {
    }

    sealed interface Node permits Expr, Stmt {
        int line();

        int col();
    }

    sealed interface Expr extends Node permits Literal, DateLiteral, FieldRef, CaptureRef, RegexLiteral,
            SubstLiteral, Unary, Binary, In, Call {
    }

    /** A string, integer, boolean, IP address or undef (null) literal. */
    record Literal(Object value, int line, int col) implements Expr {
    }

    /** {@code YYYY-MM-DD hh:mm:ss}: local time, so its instant depends on the instance's zone. */
    record DateLiteral(String text, int line, int col) implements Expr {
    }

    record FieldRef(String name, int line, int col) implements Expr {
    }

    /** {@code $0}..{@code $9}: the last match's captures. */
    record CaptureRef(int index, int line, int col) implements Expr {
    }

    record RegexLiteral(String pattern, String modifiers, int line, int col) implements Expr {
    }

    record SubstLiteral(String pattern, String replacement, String modifiers, int line, int col) implements Expr {
    }

    /** {@code -x}, {@code not x}, {@code defined x}. */
    record Unary(Kind op, Expr operand, int line, int col) implements Expr {
    }

    /** Arithmetic, comparison, {@code =~}/{@code !~}, and/or/xor; the position is the operator's. */
    record Binary(Kind op, Expr left, Expr right, int line, int col) implements Expr {
    }

    /** {@code x IN (a, b)} or {@code x NOT IN (a, b)}. */
    record In(Expr left, List<Expr> values, boolean negated, int line, int col) implements Expr {
    }

    /** {@code name(args)} or {@code instance->name(args)} (qualifier null when unqualified). */
    record Call(String qualifier, String name, List<Expr> args, int line, int col) implements Expr {
        String displayName() {
            return qualifier == null ? name + "()" : qualifier + "->" + name + "()";
        }
    }

    sealed interface Stmt extends Node permits Assign, ExprStmt, If, Block {
    }

    record Assign(Expr target, Expr value, int line, int col) implements Stmt {
    }

    /** A procedure call or a match/substitution used as a statement. */
    record ExprStmt(Expr expr, int line, int col) implements Stmt {
    }

    record If(Expr condition, Stmt then, Stmt otherwise, int line, int col) implements Stmt {
    }

    record Block(List<Stmt> body, int line, int col) implements Stmt {
    }
}
