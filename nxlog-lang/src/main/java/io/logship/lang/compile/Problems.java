package io.logship.lang.compile;

import io.logship.lang.ExecProblem;
import io.logship.lang.ExecSource;
import java.util.List;

/**
 * Where compile-time problems of one source go, with positions in the text (0-based line and column) turned
 * into the config file's: the text starts at {@link ExecSource#line()}, column {@link ExecSource#column()}.
 */
final class Problems {
    private final ExecSource source;
    private final List<ExecProblem> out;
    private int count;

    Problems(ExecSource source, List<ExecProblem> out) {
        this.source = source;
        this.out = out;
    }

    void add(int line, int col, String message) {
        out.add(new ExecProblem(source.file(), fileLine(line), fileColumn(line, col), message));
        count++;
    }

    void add(Token at, String message) {
        add(at.line(), at.col(), message);
    }

    /** How many problems this source had. */
    int count() {
        return count;
    }

    int fileLine(int line) {
        return source.line() + line;
    }

    int fileColumn(int line, int col) {
        return (line == 0 ? source.column() : 1) + col;
    }

    /** "file:line" of a statement, for run-time errors. */
    String where(int line) {
        return source.file() + ":" + fileLine(line);
    }
}
