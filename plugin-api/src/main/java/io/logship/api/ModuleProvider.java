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

    /** Every directive the module accepts, except {@code Module} itself, which the host owns. */
    List<Directive<?>> directives();

    /**
     * Creates an instance from validated config. Cross-directive checks belong here: throw a
     * ConfigException (use {@link ModuleConfig#problem}) and the host reports it with the others.
     * Must not do IO that can fail for reasons outside the config; that belongs in start.
     */
    Module create(ModuleConfig config) throws ConfigException;
}
