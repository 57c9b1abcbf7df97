package io.logship.lang;

import java.util.List;

/**
 * What an {@code <Extension>} instance (or the core library) adds to the language. An extension module's
 * instance implements it; the host asks for the functions after {@code create} and before {@code start}, so
 * they are known when every block's {@code Exec} is compiled. Calls may come from any module's thread at
 * once: the functions must be thread-safe.
 */
public interface ExecLibrary {
    /** The functions and procedures this instance adds. */
    List<ExecFunction> execFunctions();
}
