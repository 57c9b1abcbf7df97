package io.logship.host.runtime;

import io.logship.host.config.Globals;

/** The agent's own log. (Stub: the runtime work fills this in; keep the signature.) */
public final class Logging {
    private Logging() {
    }

    /** Sends the agent's log to LogFile (or stderr when unset) at LogLevel. */
    public static void configure(Globals globals) {
    }
}
