package io.logship.host.runtime;

import io.logship.host.config.ResolvedConfig;

/** Runs a resolved config. (Stub: the runtime work fills this in; keep these signatures.) */
public final class Agent {
    private final ResolvedConfig config;

    public Agent(ResolvedConfig config) {
        this.config = config;
    }

    /**
     * Starts every module, routes events until SIGTERM/SIGINT or {@link #stop}, then flushes outputs,
     * commits positions and stops modules. Returns the process exit code.
     */
    public int runUntilStopped() {
        throw new UnsupportedOperationException("runtime not implemented yet: " + config.globals().configFile());
    }

    /**
     * {@code logship --once}: like {@link #runUntilStopped} but stops by itself once every input is caught
     * up (a read posted nothing), every queue is empty, and every output has flushed and positions are
     * committed. For batch jobs, the demo and benchmarks.
     */
    public int runOnce() {
        throw new UnsupportedOperationException("runtime not implemented yet");
    }

    /** Asks a running agent to stop (as SIGTERM does). Safe from any thread. */
    public void stop() {
    }
}
