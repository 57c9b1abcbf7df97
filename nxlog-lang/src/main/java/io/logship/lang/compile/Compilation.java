package io.logship.lang.compile;

import io.logship.lang.ExecExpression;
import io.logship.lang.ExecProblem;
import io.logship.lang.ExecProgram;
import io.logship.lang.ExecSource;
import io.logship.lang.FunctionTable;
import java.util.List;
import java.util.Objects;

/** Lexer, parser and compiler run over one source; what {@link io.logship.lang.ExecCompiler} calls. */
public final class Compilation {
    private Compilation() {
    }

    /** The statements of {@code source}, or null when it had problems (all appended to {@code problems}). */
    public static ExecProgram program(FunctionTable functions, ExecSource source, List<ExecProblem> problems) {
        Problems p = new Problems(Objects.requireNonNull(source, "source"), problems);
        try {
            List<Ast.Stmt> statements = new Parser(new Lexer(text(source), p).tokens(), p).statements();
            ExecProgram program = new StmtCompiler(functions, p).program(statements);
            return p.count() == 0 ? program : null;
        } catch (StackOverflowError e) {
            return tooDeep(p);
        }
    }

    /** One expression filling {@code source}, or null when it had problems. */
    public static ExecExpression expression(FunctionTable functions, ExecSource source, List<ExecProblem> problems) {
        Problems p = new Problems(Objects.requireNonNull(source, "source"), problems);
        List<Token> tokens = new Lexer(text(source), p).tokens();
        if (tokens.get(0).is(Token.Kind.EOF)) {
            p.add(0, 0, "expected an expression, found nothing");
            return null;
        }
        try {
            Ast.Expr e = new Parser(tokens, p).expressionOnly();
            ExecExpression compiled = e == null ? null : new ExprCompiler(functions, p).compile(e);
            return p.count() == 0 ? compiled : null;
        } catch (StackOverflowError e) {
            return tooDeep(p);
        }
    }

    /** Thousands of nested brackets or blocks: refused, not a crash of the whole config check. */
    private static <T> T tooDeep(Problems p) {
        p.add(0, 0, "statements nested too deeply to compile (brackets, blocks or else-if chains thousands deep)");
        return null;
    }

    private static String text(ExecSource source) {
        return source.text() == null ? "" : source.text();
    }
}
