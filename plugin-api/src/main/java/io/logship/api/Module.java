package io.logship.api;

/**
 * Lifecycle shared by every module: created from config, {@link #start}, callbacks, {@link #stop}.
 * The host starts outputs before inputs and stops them in reverse.
 */
public interface Module {
    /** Opens resources; a failure here stops the agent at start with the message. */
    default void start(ModuleContext context) throws LogshipException {
    }

    /**
     * Releases resources. May be called from another thread while a callback is blocked; it must make
     * that callback return soon.
     */
    default void stop() throws LogshipException {
    }
}
