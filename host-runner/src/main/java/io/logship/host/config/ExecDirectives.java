package io.logship.host.config;

import io.logship.lang.ExecCompiler;
import io.logship.lang.ExecProblem;
import io.logship.lang.ExecProgram;
import io.logship.lang.ExecSource;
import java.util.List;
import java.util.function.Function;

/**
 * A module whose own directives hold statements or expressions ({@code pm_filter}'s {@code Condition},
 * {@code pm_transformer}'s {@code InputFormat}): the host compiles them with every block's {@code Exec}, once
 * the function table is known, and runs the program it returns before the block's own {@code Exec}, in the
 * module's place in the route (a dropped event goes no further and its position is committed).
 */
public interface ExecDirectives {
    /**
     * @param compiler the compiler with every function of the config
     * @param source   the value of one of the module's directives (by name) as an {@link ExecSource} with its
     *                 file, line and column, or null when the block does not set it
     * @param problems where compile-time problems go
     * @return the program (may be {@link ExecProgram#EMPTY}); ignored when problems were added
     */
    ExecProgram compile(ExecCompiler compiler, Function<String, ExecSource> source, List<ExecProblem> problems);
}
