package io.logship.lang;

import io.logship.api.Metrics;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * What statements of one module instance share: its name, logger, clock, time zone, host name, metrics, where
 * run-time errors go, and per-instance state libraries keep (module variables, statistical counters). One per
 * instance; thread-safe; {@link ExecContext}s (one per thread) point at it.
 */
public final class ExecEnvironment {
    private final String instanceName;
    private final String moduleName;
    private final Logger logger;
    private final Clock clock;
    private final ZoneId zone;
    private final String hostname;
    private final Metrics metrics;
    private final ExecErrors errors;
    private final ConcurrentMap<String, Object> state = new ConcurrentHashMap<>();

    public ExecEnvironment(String instanceName, String moduleName, Logger logger, Clock clock, ZoneId zone,
                           String hostname, Metrics metrics, ExecErrors errors) {
        this.instanceName = Objects.requireNonNull(instanceName, "instanceName");
        this.moduleName = moduleName;
        this.logger = Objects.requireNonNull(logger, "logger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.hostname = hostname;
        this.metrics = metrics;
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    public String instanceName() {
        return instanceName;
    }

    public String moduleName() {
        return moduleName;
    }

    public Logger logger() {
        return logger;
    }

    public Clock clock() {
        return clock;
    }

    /** The zone datetimes are shown and parsed in when they carry none (NXLog uses local time). */
    public ZoneId zone() {
        return zone;
    }

    public String hostname() {
        return hostname;
    }

    public Metrics metrics() {
        return metrics;
    }

    public ExecErrors errors() {
        return errors;
    }

    /**
     * Per-instance state a library keeps under its own key (e.g. "core.vars" for module variables), created on
     * first use. The value must be thread-safe.
     */
    @SuppressWarnings("unchecked")
    public <T> T state(String key, Function<String, T> create) {
        return (T) state.computeIfAbsent(key, create);
    }
}
