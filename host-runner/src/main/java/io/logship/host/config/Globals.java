package io.logship.host.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Global directives, relative paths already resolved.
 *
 * @param configFile     the main config file
 * @param cacheDir       CacheDir: positions (checkpoints) live here
 * @param spoolDir       SpoolDir: modules' durable spools live here
 * @param logFile        LogFile, or null for stderr
 * @param logLevel       LogLevel: DEBUG, INFO, WARNING, ERROR, CRITICAL (NXLog's words, upper case)
 * @param pidFile        PidFile, or null
 * @param queueCapacity  LogqueueSize: events each output's queue holds, or 0 for the runtime's default
 * @param commitInterval CacheFlushInterval: how often positions are saved (zero: {@code always}), or null for
 *                       the runtime's default
 * @param flowControlFalseAt where a global {@code FlowControl FALSE} is ("file:line"): the default of every input
 *                       block without a FlowControl of its own; null when the global is absent or TRUE
 */
public record Globals(Path configFile, Path cacheDir, Path spoolDir, Path logFile, String logLevel, Path pidFile,
                      int queueCapacity, Duration commitInterval, String flowControlFalseAt) {

    /** Globals without a global FlowControl FALSE. */
    public Globals(Path configFile, Path cacheDir, Path spoolDir, Path logFile, String logLevel, Path pidFile,
                   int queueCapacity, Duration commitInterval) {
        this(configFile, cacheDir, spoolDir, logFile, logLevel, pidFile, queueCapacity, commitInterval, null);
    }

    /** Globals without LogqueueSize or CacheFlushInterval. */
    public Globals(Path configFile, Path cacheDir, Path spoolDir, Path logFile, String logLevel, Path pidFile) {
        this(configFile, cacheDir, spoolDir, logFile, logLevel, pidFile, 0, null, null);
    }
}
