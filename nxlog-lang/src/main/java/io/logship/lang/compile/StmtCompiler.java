package io.logship.lang.compile;

import io.logship.lang.ExecContext;
import io.logship.lang.ExecError;
import io.logship.lang.ExecExpression;
import io.logship.lang.ExecProgram;
import io.logship.lang.FunctionTable;
import io.logship.lang.Regex;
import io.logship.lang.Types;
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
import io.logship.lang.compile.Ast.Literal;
import io.logship.lang.compile.Ast.Stmt;
import io.logship.lang.compile.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles statements to {@link ExecProgram}s. Each assignment, call and match statement reports its own
 * {@link ExecError} to the environment's errors with its file:line and lets the next statement run (NXLog's
 * behaviour: the event goes on); an {@code if} whose condition fails runs neither branch. After
 * {@code drop()} no further statement runs. Assigning undef removes the field.
 */
final class StmtCompiler {
    private final Problems problems;
    private final ExprCompiler exprs;

    StmtCompiler(FunctionTable functions, Problems problems) {
        this.problems = problems;
        this.exprs = new ExprCompiler(functions, problems);
    }

    ExprCompiler expressions() {
        return exprs;
    }

    ExecProgram program(List<Stmt> statements) {
        List<ExecProgram> parts = new ArrayList<>(statements.size());
        for (Stmt s : statements) {
            ExecProgram p = statement(s);
            if (p != ExecProgram.EMPTY) {
                parts.add(p);
            }
        }
        return sequence(parts);
    }

    private static ExecProgram sequence(List<ExecProgram> parts) {
        if (parts.isEmpty()) {
            return ExecProgram.EMPTY;
        } else if (parts.size() == 1) {
            return parts.get(0);
        }
        ExecProgram[] all = parts.toArray(new ExecProgram[0]);
        return ctx -> {
            for (ExecProgram p : all) {
                p.run(ctx);
                if (ctx.dropped()) {
                    return;
                }
            }
        };
    }

    private ExecProgram statement(Stmt s) {
        if (s instanceof Block b) {
            return program(b.body());
        } else if (s instanceof If i) {
            return conditional(i);
        } else if (s instanceof Assign a) {
            return guarded(assignment(a), s.line());
        }
        ExprStmt e = (ExprStmt) s;
        if (e.expr() instanceof Call c) {
            return guarded(exprs.calls().procedure(c), s.line());
        }
        if (e.expr() instanceof Binary b && (b.op() == Kind.MATCH || b.op() == Kind.NOMATCH)) {
            ExecExpression match = exprs.compile(b);
            return guarded(match::eval, s.line());
        }
        problems.add(s.line(), s.col(), "expected a statement (an assignment, a procedure call, if or a block), "
                + "found an expression whose value would be unused");
        exprs.compile(e.expr());
        return ExecProgram.EMPTY;
    }

    private ExecProgram assignment(Assign a) {
        ExecExpression value = exprs.compile(a.value());
        if (!(a.target() instanceof FieldRef field)) {
            problems.add(a.line(), a.col(), "cannot assign to " + describe(a.target())
                    + ": only a field ($name) can be assigned");
            return ExecProgram.EMPTY;
        }
        String name = field.name();
        if (value == ExprCompiler.UNDEF || value instanceof ExprCompiler.Const k && k.value() == null) {
            return ctx -> ctx.requireEvent().remove(name);
        }
        if (value instanceof ExprCompiler.Const k && k.value() instanceof Regex) {
            problems.add(a.value().line(), a.value().col(), "cannot assign a regular expression to $" + name
                    + ": it can only be used with =~ or !~");
            return ExecProgram.EMPTY;
        }
        return ctx -> set(ctx, name, value.eval(ctx));
    }

    private static void set(ExecContext ctx, String name, Object v) {
        if (v instanceof Regex) {
            throw new ExecError("cannot assign a regular expression to $" + name);
        }
        try {
            ctx.requireEvent().set(name, v);
        } catch (IllegalArgumentException e) {
            throw new ExecError("cannot assign a " + Types.typeName(v) + " to $" + name + ": " + e.getMessage());
        }
    }

    private static String describe(Expr target) {
        if (target instanceof CaptureRef c) {
            return "$" + c.index() + " (a capture of the last match, read-only)";
        } else if (target instanceof Call c) {
            return "a call of " + c.displayName();
        } else if (target instanceof Literal || target instanceof DateLiteral) {
            return "a literal";
        }
        return "an expression";
    }

    private ExecProgram conditional(If i) {
        ExecExpression cond = exprs.compile(i.condition());
        ExecProgram then = statement(i.then());
        ExecProgram otherwise = i.otherwise() == null ? ExecProgram.EMPTY : statement(i.otherwise());
        String where = problems.where(i.line());
        if (cond instanceof ExprCompiler.Const k) { // a constant condition
            if (k.value() != null && !(k.value() instanceof Boolean)) {
                problems.add(i.condition().line(), i.condition().col(), "if: the condition is "
                        + Types.typeName(k.value()) + " (" + Operators.shortText(k.value()) + "), not boolean");
                return ExecProgram.EMPTY;
            }
            return Boolean.TRUE.equals(k.value()) ? then : otherwise;
        }
        return ctx -> {
            Object c;
            try {
                c = cond.eval(ctx);
                if (c != null && !(c instanceof Boolean)) {
                    throw new ExecError("if: the condition is " + Types.typeName(c) + " ("
                            + Operators.shortText(c) + "), not boolean");
                }
            } catch (ExecError e) {
                ctx.env().errors().report(where, e);
                return;
            }
            if (Boolean.TRUE.equals(c)) {
                then.run(ctx);
            } else {
                otherwise.run(ctx);
            }
        };
    }

    private ExecProgram guarded(ExecProgram body, int line) {
        if (body == ExecProgram.EMPTY) {
            return body;
        }
        String where = problems.where(line);
        return ctx -> {
            try {
                body.run(ctx);
            } catch (ExecError e) {
                ctx.env().errors().report(where, e);
            }
        };
    }
}
