package io.logship.lang;

/**
 * An {@code <Extension>} instance that takes the block's {@code Exec} statements (xm_rewrite's, for example).
 * The host compiles them with every other block's and hands the program over before {@code start}. An
 * extension that does not implement this refuses {@code Exec}.
 */
public interface ExecTarget {
    void execProgram(ExecProgram program);
}
