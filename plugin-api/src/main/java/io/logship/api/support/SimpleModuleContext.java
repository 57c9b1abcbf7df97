package io.logship.api.support;

import io.logship.api.ModuleContext;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;

/**
 * A {@link ModuleContext} with fixed values, for running a module without the host (tests, tools):
 * one directory as both CacheDir and SpoolDir, {@link SimpleMetrics}, the system clock, host name
 * "testhost", never stopping. Subclasses override what they need to drive (a clock, stopping) and add
 * the {@link io.logship.api.InputContext} methods.
 */
public class SimpleModuleContext implements ModuleContext {
    private final String instanceName;
    private final String moduleName;
    private final Logger logger;
    private final Path dir;
    private final SimpleMetrics metrics = new SimpleMetrics();

    public SimpleModuleContext(String instanceName, String moduleName, Logger logger, Path dir) {
        this.instanceName = instanceName;
        this.moduleName = moduleName;
        this.logger = logger;
        this.dir = dir;
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
        return Clock.systemUTC();
    }

    @Override
    public SimpleMetrics metrics() {
        return metrics;
    }

    @Override
    public Path cacheDir() {
        return dir;
    }

    @Override
    public Path spoolDir() {
        return dir;
    }

    @Override
    public String hostname() {
        return "testhost";
    }

    @Override
    public boolean isStopping() {
        return false;
    }
}
