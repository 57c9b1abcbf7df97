package io.logship.lang.core;

import io.logship.lang.ExecFunction;
import io.logship.lang.ExecLibrary;
import java.util.List;

/**
 * The functions and procedures every block has without an extension: NXLog's core library ({@code lc},
 * {@code now}, {@code drop}, {@code set_var}, {@code log_info}, ...).
 */
public final class CoreLibrary implements ExecLibrary {
    @Override
    public List<ExecFunction> execFunctions() {
        return List.of();
    }
}
