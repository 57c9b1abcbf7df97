package io.logship.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The directives of one module instance, already validated by the host against the provider's
 * declarations (types parsed, required ones present, unknown ones rejected). Relative paths are
 * already resolved.
 */
public interface ModuleConfig {
    /** The instance name from {@code <Input name>}. */
    String instanceName();

    /** The value, or the directive's default, or null when neither exists. */
    <T> T get(Directive<T> directive);

    /** The value if the directive was written in the config, else empty (defaults not applied). */
    <T> Optional<T> getIfSet(Directive<T> directive);

    /** Every value of a repeatable directive in file order (the default alone if none was written). */
    <T> List<T> getAll(Directive<T> directive);

    boolean isSet(Directive<?> directive);

    /** "file:line" of the directive as written, or the block's location when it was not written. */
    String location(Directive<?> directive);

    /** The global {@code CacheDir}: where the host keeps positions; modules may keep their own state under it. */
    Path cacheDir();

    /** The global {@code SpoolDir}: where modules keep data that must survive a restart. */
    Path spoolDir();

    /** Throws a ConfigException naming the directive's location and the reason. */
    default ConfigException problem(Directive<?> directive, String reason) {
        return new ConfigException(location(directive) + ": " + instanceName() + ": " + directive.name()
                + ": " + reason);
    }
}
