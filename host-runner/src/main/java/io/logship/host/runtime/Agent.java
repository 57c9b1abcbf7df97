package io.logship.host.runtime;

import io.logship.host.config.ResolvedConfig;

/** Runs a resolved config until stopped. (Stub: the runtime issue fills this in.) */
public final class Agent {
    private final ResolvedConfig config;

    public Agent(ResolvedConfig config) {
        this.config = config;
    }

    /** Starts every module, routes events until SIGTERM/SIGINT (or {@link #stop}), then stops cleanly. Returns the exit code. */
    public int runUntilStopped() {
        throw new UnsupportedOperationException("runtime not implemented yet: " + config.globals().configFile());
    }
}
