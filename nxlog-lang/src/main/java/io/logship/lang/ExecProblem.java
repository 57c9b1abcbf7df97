package io.logship.lang;

/** A compile-time problem in statements, reported by {@code --verify} as "file:line:column: message". */
public record ExecProblem(String file, int line, int column, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
