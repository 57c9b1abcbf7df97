package io.logship.host.runtime;

import io.logship.api.ConfigException;
import io.logship.api.Extensions;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link ModuleContext} every module gets: logger {@code logship.<instance>}, clock, metrics, dirs. */
class BaseContext implements ModuleContext {
    private final String instanceName;
    private final String moduleName;
    private final Logger logger;
    private final Clock clock;
    private final SimpleMetrics metrics = new SimpleMetrics();
    private final Path cacheDir;
    private final Path spoolDir;
    private final String hostname;
    private final BooleanSupplier stopping;
    private volatile Map<String, Extensions.Instance> extensions = Map.of();

    BaseContext(String instanceName, String moduleName, Clock clock, Path cacheDir, Path spoolDir, String hostname,
                BooleanSupplier stopping) {
        this.instanceName = instanceName;
        this.moduleName = moduleName;
        this.logger = LoggerFactory.getLogger("logship." + instanceName);
        this.clock = clock;
        this.cacheDir = cacheDir;
        this.spoolDir = spoolDir;
        this.hostname = hostname;
        this.stopping = stopping;
    }

    @Override
    public String instanceName() {
        return instanceName;
    }

    @Override
    public String moduleName() {
        return moduleName;
    }

    @Override
    public Logger logger() {
        return logger;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Metrics metrics() {
        return metrics;
    }

    SimpleMetrics simpleMetrics() {
        return metrics;
    }

    @Override
    public Path cacheDir() {
        return cacheDir;
    }

    @Override
    public Path spoolDir() {
        return spoolDir;
    }

    @Override
    public String hostname() {
        return hostname;
    }

    @Override
    public boolean isStopping() {
        return stopping.getAsBoolean();
    }

    /** The extension instances {@link #extension} finds (by name, in config order); returns this. */
    BaseContext withExtensions(Map<String, Extensions.Instance> byName) {
        this.extensions = byName;
        return this;
    }

    @Override
    public <T> T extension(String name, Class<T> type) throws ConfigException {
        return Extensions.find(extensions, name, type);
    }

    @Override
    public String toString() {
        return "ModuleContext[" + instanceName + " (" + moduleName + ")]";
    }
}
