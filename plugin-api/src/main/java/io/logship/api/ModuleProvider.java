package io.logship.api;

import java.util.List;
import java.util.Set;

/**
 * Registers a module with the host through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.logship.api.ModuleProvider}). The host matches the {@code Module}
 * directive case-insensitively against {@link #name()} and {@link #aliases()}.
 */
public interface ModuleProvider {
    /** The module name, e.g. {@code om_s3}. */
    String name();

    /** Other names it answers to, e.g. {@code om_amazons3}. */
    default Set<String> aliases() {
        return Set.of();
    }

    ModuleKind kind();

    /** One line for the README and {@code logship --list-modules}. */
    String description();

    /**
     * Whether this input may drop events rather than wait, so that the host honours {@code FlowControl FALSE}
     * in its block (or as a global). NXLog's meaning: when a queue on the input's route is full, the event is
     * dropped (counted in the input's stats and metrics as {@code flowcontrol.dropped}, and warned about once
     * per burst) and {@link InputContext#post} returns at once instead of waiting.
     *
     * <p>Return true only for an input whose source cannot be paused, so that waiting would lose data
     * anyway, just elsewhere (in a socket buffer, a peer that gives up, a kernel ring that wraps): UDP, TCP
     * and TLS listeners, Unix domain sockets such as {@code /dev/log}. An input whose data waits for it (a
     * file, an S3 object, a child's pipe, the journal) keeps the default false: the host refuses
     * {@code FlowControl FALSE} for it at load time, naming the file and line, because waiting loses nothing.
     * Applies to {@link ModuleKind#INPUT} providers only.
     */
    default boolean mayDropWhenFull() {
        return false;
    }

    /** Every directive the module accepts, except {@code Module} itself, which the host owns. */
    List<Directive<?>> directives();

    /**
     * Creates an instance from validated config. Cross-directive checks belong here: throw a
     * ConfigException (use {@link ModuleConfig#problem}) and the host reports it with the others.
     * Must not do IO that can fail for reasons outside the config; that belongs in start.
     */
    Module create(ModuleConfig config) throws ConfigException;
}
