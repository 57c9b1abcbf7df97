package io.logship.lang.core;

import io.logship.lang.ExecFunction;
import io.logship.lang.ExecLibrary;
import java.util.ArrayList;
import java.util.List;

/**
 * The functions and procedures every block has without an extension: NXLog's core library ({@code lc},
 * {@code now}, {@code drop}, {@code set_var}, {@code log_info}, ...), one class per family. Every function is
 * thread-safe; state (module variables, statistical counters) lives in each instance's environment.
 */
public final class CoreLibrary implements ExecLibrary {
    private final List<ExecFunction> functions;

    public CoreLibrary() {
        List<ExecFunction> all = new ArrayList<>();
        all.addAll(StringFunctions.functions());
        all.addAll(EscapeFunctions.functions());
        all.addAll(DigestFunctions.functions());
        all.addAll(ConversionFunctions.functions());
        all.addAll(HostFunctions.functions());
        all.addAll(new TimeFunctions().functions());
        all.addAll(VariableFunctions.functions());
        all.addAll(StatisticsFunctions.functions());
        all.addAll(FieldProcedures.functions());
        all.addAll(LogProcedures.functions());
        this.functions = List.copyOf(all);
    }

    @Override
    public List<ExecFunction> execFunctions() {
        return functions;
    }
}
