package io.logship.lang;

import java.util.List;

/**
 * A module whose statements come from somewhere else than its block's {@code Exec} (a pattern database's
 * {@code <exec>}, ...): the host calls {@link #compile} once, after every extension's functions are known and
 * before {@code start}, with the compiler of the whole config, and reports the problems with every other
 * config problem ({@code --verify}). The module runs what it compiled itself.
 */
public interface ExecCompiled {
    /**
     * @param problems where compile-time problems go (each with its file, line and column)
     * @return true when there were none
     */
    boolean compile(ExecCompiler compiler, List<ExecProblem> problems);
}
