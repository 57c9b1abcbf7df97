package io.logship.api;

import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;

/** What the host gives every module at start: no module holds static mutable state. */
public interface ModuleContext {
    /** The instance name from the config block. */
    String instanceName();

    /** The module name from the {@code Module} directive as the provider registered it (e.g. im_file). */
    String moduleName();

    /** A logger named after the instance. */
    Logger logger();

    Clock clock();

    Metrics metrics();

    /** The global CacheDir (exists). */
    Path cacheDir();

    /** The global SpoolDir (exists). */
    Path spoolDir();

    /** The host name for the {@code Hostname} field and default key prefixes. */
    String hostname();

    /** True once the host has begun stopping; long callbacks should return soon. */
    boolean isStopping();

    /**
     * The {@code <Extension>} instance of that name, as the given type (an {@link InputType}, an
     * {@link OutputType}, ...), for a module whose directive names one ({@code InputType multiline}). Extensions
     * are started before every other module, so the instance is started when another module's {@code start}
     * asks for it.
     *
     * @throws ConfigException naming the instance: none has that name, or it is not of that type
     */
    default <T> T extension(String instanceName, Class<T> type) throws ConfigException {
        return Extensions.find(java.util.Map.of(), instanceName, type);
    }
}
