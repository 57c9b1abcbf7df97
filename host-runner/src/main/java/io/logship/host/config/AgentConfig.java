package io.logship.host.config;

import java.util.List;

/**
 * A parsed config file (with its includes), before modules are validated against their providers.
 *
 * @param globals the global directives
 * @param modules every {@code <Input>}, {@code <Output>}, {@code <Processor>}, {@code <Extension>} block in file order
 * @param routes  every {@code <Route>} block
 */
public record AgentConfig(Globals globals, List<ModuleBlock> modules, List<RouteBlock> routes) {
}
