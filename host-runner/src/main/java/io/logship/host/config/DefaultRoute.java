package io.logship.host.config;

import io.logship.api.ModuleKind;
import java.util.List;

/**
 * A configuration without any {@code <Route>}: as the NXLog Reference Manual says ("If no route is specified, a
 * route will be automatically generated; this route will connect all input module instances and all output
 * module instances in a single path"), one path from every input to every output, without processors. A file
 * with extensions but neither inputs nor outputs is valid too (the manual: "valid without any module instances"): its
 * extensions and their {@code <Schedule>}s run.
 */
final class DefaultRoute {
    private DefaultRoute() {
    }

    /**
     * The implicit path, or null after a problem when there is no input or no output to connect.
     *
     * @param line the last line of the main file (where the missing route is reported)
     */
    static RouteBlock.RoutePath of(List<ModuleBlock> modules, String file, int line, List<String> problems,
                                   List<String> warnings) {
        List<String> ins = names(modules, ModuleKind.INPUT);
        List<String> outs = names(modules, ModuleKind.OUTPUT);
        if (ins.isEmpty() && outs.isEmpty() && modules.stream().anyMatch(b -> b.kind() == ModuleKind.EXTENSION)) {
            // valid for NXLog too: only extensions (and their <Schedule>s) run
            warnings.add(file + ":" + line + ": no <Input>, <Output> or <Route>: only the extensions (and their "
                    + "<Schedule>s) run");
            return null;
        }
        if (ins.isEmpty() || outs.isEmpty()) {
            problems.add(file + ":" + line + ": no <Route> block and no " + (ins.isEmpty() ? "<Input>" : "<Output>")
                    + " to route " + (ins.isEmpty() ? "from" : "to") + ": nothing would be routed (NXLog connects "
                    + "every input to every output when there is no route; add <Route r> Path in => out </Route>)");
            return null;
        }
        warnings.add(file + ":" + line + ": no <Route> block: as in NXLog, every input (" + String.join(", ", ins)
                + ") is routed to every output (" + String.join(", ", outs) + ")");
        return new RouteBlock.RoutePath(ins, List.of(), outs, file, line);
    }

    private static List<String> names(List<ModuleBlock> modules, ModuleKind kind) {
        return modules.stream().filter(b -> b.kind() == kind).map(ModuleBlock::name).distinct().toList();
    }
}
