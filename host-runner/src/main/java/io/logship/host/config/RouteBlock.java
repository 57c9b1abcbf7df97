package io.logship.host.config;

import java.util.List;

/**
 * A {@code <Route>} block.
 *
 * @param name  the route name
 * @param paths its {@code Path} lines
 * @param file  where it is
 * @param line  the line of the block header
 */
public record RouteBlock(String name, List<RoutePath> paths, String file, int line) {

    /**
     * One {@code Path in1, in2 => proc1 => out1, out2} line.
     *
     * @param inputs     the input instance names
     * @param processors processor instance names in order (may be empty)
     * @param outputs    the output instance names
     * @param file       where the Path line is
     * @param line       its line
     */
    public record RoutePath(List<String> inputs, List<String> processors, List<String> outputs, String file,
                            int line) {
    }
}
