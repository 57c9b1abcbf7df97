package io.logship.host.config;

import java.nio.file.Path;

/**
 * Global directives, relative paths already resolved.
 *
 * @param configFile the main config file
 * @param cacheDir   CacheDir: positions (checkpoints) live here
 * @param spoolDir   SpoolDir: modules' durable spools live here
 * @param logFile    LogFile, or null for stderr
 * @param logLevel   LogLevel: DEBUG, INFO, WARNING, ERROR, CRITICAL (NXLog's words, upper case)
 * @param pidFile    PidFile, or null
 */
public record Globals(Path configFile, Path cacheDir, Path spoolDir, Path logFile, String logLevel, Path pidFile) {
}
