package io.logship.lang;

import io.logship.lang.compile.Compilation;
import java.util.List;
import java.util.Objects;

/**
 * Compiles NXLog statements and expressions once, at start, into closures that run per event without
 * re-parsing. Every problem (syntax, unknown function or procedure, wrong argument count or literal type,
 * assignment to something read-only) is appended with file, line and column; all of them, not the first.
 */
public final class ExecCompiler {
    private final FunctionTable functions;

    public ExecCompiler(FunctionTable functions) {
        this.functions = Objects.requireNonNull(functions, "functions");
    }

    public FunctionTable functions() {
        return functions;
    }

    /**
     * @return the program, or null when {@code problems} received any for this source
     */
    public ExecProgram compile(ExecSource source, List<ExecProblem> problems) {
        return Compilation.program(functions, source, problems);
    }

    /**
     * One expression (no trailing {@code ;}).
     *
     * @return the expression, or null when {@code problems} received any for this source
     */
    public ExecExpression compileExpression(ExecSource source, List<ExecProblem> problems) {
        return Compilation.expression(functions, source, problems);
    }
}
