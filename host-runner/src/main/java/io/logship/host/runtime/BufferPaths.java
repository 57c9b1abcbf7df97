package io.logship.host.runtime;

import io.logship.host.config.RouteBlock;

/** The messages about where a pm_buffer may sit in the routes. */
final class BufferPaths {
    private BufferPaths() {
    }

    static String reused(RouteBlock.RoutePath path, String buffer) {
        return path.file() + ":" + path.line() + ": pm_buffer " + buffer + " is in more than one route path (or "
                + "twice in one): a buffer feeds the one path after it; give each path a pm_buffer of its own";
    }
}
