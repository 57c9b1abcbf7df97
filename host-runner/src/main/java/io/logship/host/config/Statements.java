package io.logship.host.config;

import io.logship.api.Module;
import io.logship.lang.ExecCompiled;
import io.logship.lang.ExecCompiler;
import io.logship.lang.ExecProblem;
import io.logship.lang.ExecProgram;
import io.logship.lang.ExecSource;
import io.logship.lang.FunctionTable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles every block's statements once, with the config's function table: its {@code Exec} directives and
 * {@code <Exec>} blocks (in file order, one program), what its module's own directives hold
 * ({@link ExecDirectives}), the statements a module keeps elsewhere ({@link ExecCompiled}, e.g. pm_pattern's
 * database) and its {@code <Schedule>}s. Every {@link ExecProblem} becomes a config problem
 * "file:line:column: instance: message".
 */
final class Statements {
    private final ExecCompiler compiler;
    private final boolean extensionMissing;

    /**
     * @param extensionMissing an {@code <Extension>} block could not be created: calls of unknown functions are
     *                         not reported (they are most likely that extension's, already reported)
     */
    Statements(FunctionTable table, boolean extensionMissing) {
        this.compiler = new ExecCompiler(table);
        this.extensionMissing = extensionMissing;
    }

    /** What a block's statements became. */
    record Compiled(ExecProgram exec, List<Schedule> schedules) {
    }

    /** @param module the block's module, or null when it could not be created */
    Compiled compile(ModuleBlock b, Module module, ZoneId zone, List<String> problems, List<String> warnings) {
        ExecProgram program = ExecProgram.EMPTY;
        if (module instanceof ExecDirectives own) {
            List<ExecProblem> found = new ArrayList<>();
            ExecProgram p;
            try {
                p = own.compile(compiler, name -> directiveSource(b, name), found);
            } catch (RuntimeException e) {
                problems.add(b.location() + ": " + b.name() + ": cannot compile the module's statements: " + e);
                p = ExecProgram.EMPTY;
            }
            if (report(b, found, problems) && p != null) {
                program = p;
            }
        }
        if (module instanceof ExecCompiled own) {
            List<ExecProblem> found = new ArrayList<>();
            try {
                own.compile(compiler, found);
            } catch (RuntimeException e) {
                problems.add(b.location() + ": " + b.name() + ": cannot compile the module's statements: " + e);
            }
            report(b, found, problems);
        }
        program = program.then(compileAll(b, b.execs(), problems));
        List<Schedule> schedules = new ArrayList<>();
        for (ScheduleBlock s : b.schedules()) {
            Schedule spec = Schedule.spec(s, b.name(), zone, problems, warnings);
            ExecProgram p = compileAll(b, s.execs(), problems);
            if (spec != null) {
                schedules.add(spec.withProgram(p));
            }
        }
        return new Compiled(program, List.copyOf(schedules));
    }

    private ExecProgram compileAll(ModuleBlock b, List<ExecSource> sources, List<String> problems) {
        ExecProgram program = ExecProgram.EMPTY;
        for (ExecSource src : sources) {
            List<ExecProblem> found = new ArrayList<>();
            ExecProgram p;
            try {
                p = compiler.compile(src, found);
            } catch (RuntimeException e) {
                problems.add(src.file() + ":" + src.line() + ":" + src.column() + ": " + b.name()
                        + ": cannot compile: " + e);
                continue;
            }
            if (report(b, found, problems) && p != null) {
                program = program.then(p);
            }
        }
        return program;
    }

    /** Adds the problems; true when there were none. */
    private boolean report(ModuleBlock b, List<ExecProblem> found, List<String> problems) {
        for (ExecProblem p : found) {
            if (extensionMissing && isUnknownFunction(p.message())) {
                continue;
            }
            problems.add(p.file() + ":" + p.line() + ":" + p.column() + ": " + b.name() + ": " + p.message());
        }
        return found.isEmpty();
    }

    private static boolean isUnknownFunction(String message) {
        return message.startsWith("unknown function") || message.startsWith("unknown procedure")
                || message.startsWith("unknown extension instance") || message.startsWith("extension instance");
    }

    /** A directive of the block as statements, with its location; null when the block does not set it. */
    private static ExecSource directiveSource(ModuleBlock b, String name) {
        for (RawDirective d : b.directives()) {
            if (d.name().equalsIgnoreCase(name)) {
                return new ExecSource(d.value(), d.file(), d.line(), Math.max(1, d.column()));
            }
        }
        return null;
    }
}
