package io.logship.python;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/**
 * A Python exception (or syntax error) described for people: where ({@code file:line}), what
 * ({@code ValueError: message}) and the Python traceback, innermost call last.
 *
 * @param file      the script file the error is located in (the innermost frame in it), or another file
 * @param line      1-based line, 0 when unknown
 * @param error     "Type: message" as Python prints it
 * @param traceback the Python traceback text
 */
record ScriptFailure(String file, int line, String error, String traceback) {

    /** "file:line: Type: message". */
    String summary() {
        return location() + ": " + error;
    }

    String location() {
        return line > 0 ? file + ":" + line : file;
    }

    /** Prefers Python's own traceback (exact lines); falls back to the polyglot stack trace. */
    static ScriptFailure of(PolyglotException e, Path script, PythonScript loaded) {
        if (loaded != null && e.isGuestException() && !e.isSyntaxError() && !e.isCancelled()
                && e.getGuestObject() != null) {
            try {
                org.graalvm.polyglot.Value d = loaded.describe(e.getGuestObject());
                if (d != null && d.hasArrayElements() && d.getArraySize() == 4) {
                    return new ScriptFailure(d.getArrayElement(0).asString(), d.getArrayElement(1).asInt(),
                            d.getArrayElement(2).asString(), d.getArrayElement(3).asString());
                }
            } catch (RuntimeException ignored) {
                // fall back to the polyglot view below
            }
        }
        return of(e, script);
    }

    static ScriptFailure of(PolyglotException e, Path script) {
        String scriptPath = script.toString();
        String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e.isCancelled()) {
            error = "cancelled (module stopping)";
        } else if (e.isInterrupted()) {
            error = "interrupted";
        } else if (e.isResourceExhausted()) {
            error = "resource exhausted: " + error;
        } else if (e.isHostException() && e.asHostException() != null) {
            Throwable h = e.asHostException();
            error = h.getClass().getSimpleName() + ": " + h.getMessage();
        }
        List<String> frames = new ArrayList<>();
        String file = null;
        int line = 0;
        if (e.isSyntaxError() && e.getSourceLocation() != null) {
            SourceSection s = e.getSourceLocation();
            file = sourcePath(s);
            line = s.getStartLine();
            if (!error.startsWith("SyntaxError") && !error.contains("Error")) {
                error = "SyntaxError: " + error;
            }
        }
        String innermostScript = null;
        int innermostScriptLine = 0;
        String innermost = null;
        int innermostLine = 0;
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            if (!f.isGuestFrame() || f.getSourceLocation() == null) {
                continue;
            }
            SourceSection s = f.getSourceLocation();
            String p = sourcePath(s);
            frames.add(0, "  File \"" + p + "\", line " + s.getStartLine() + ", in " + rootName(f));
            if (innermost == null) {
                innermost = p;
                innermostLine = s.getStartLine();
            }
            if (innermostScript == null && p.equals(scriptPath)) {
                innermostScript = p;
                innermostScriptLine = s.getStartLine();
            }
        }
        if (file == null) {
            if (innermostScript != null) {
                file = innermostScript;
                line = innermostScriptLine;
            } else if (innermost != null) {
                file = innermost;
                line = innermostLine;
            } else {
                file = scriptPath;
            }
        }
        StringBuilder tb = new StringBuilder();
        if (!frames.isEmpty()) {
            tb.append("Traceback (most recent call last):\n");
            for (String f : frames) {
                tb.append(f).append('\n');
            }
        } else if (e.isSyntaxError()) {
            tb.append("  File \"").append(file).append("\", line ").append(line).append('\n');
            if (e.getSourceLocation() != null && e.getSourceLocation().hasLines()) {
                tb.append("    ").append(e.getSourceLocation().getSource()
                        .getCharacters(line).toString().strip()).append('\n');
            }
        }
        tb.append(error);
        return new ScriptFailure(file, line, error, tb.toString());
    }

    private static String sourcePath(SourceSection s) {
        String p = s.getSource().getPath();
        return p != null ? p : s.getSource().getName();
    }

    private static String rootName(PolyglotException.StackFrame f) {
        String n = f.getRootName();
        return n == null || n.isEmpty() ? "<module>" : n;
    }
}
