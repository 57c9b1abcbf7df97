package io.logship.host.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import io.logship.host.config.Globals;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The agent's own log, configured programmatically from {@code LogLevel} and {@code LogFile}; whatever
 * logback configuration was in place before (see {@link LogDefaults}) is replaced.
 */
public final class Logging {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%logger{30}] %msg%n";
    /** Third-party libraries kept at WARN (or quieter, when LogLevel is). */
    static final List<String> QUIET = List.of("org.gaul", "software.amazon", "org.apache.hc",
            "org.eclipse.jetty", "io.netty", "org.jclouds");

    private Logging() {
    }

    /** Sends the agent's log to LogFile (or stderr when unset) at LogLevel. */
    public static void configure(Globals globals) {
        configure(globals == null ? null : globals.logLevel(), globals == null ? null : globals.logFile());
    }

    static void configure(String logLevel, Path logFile) {
        Level level = level(logLevel);
        if (logFile != null) {
            checkWritable(logFile);
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext ctx)) {
            return; // another slf4j binding: leave it to its own configuration
        }
        ctx.reset();
        apply(ctx, level, logFile);
    }

    /** Adds the appender (LogFile, or stderr when null) and the levels to a context without appenders. */
    static void apply(LoggerContext ctx, Level level, Path logFile) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern(PATTERN);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender;
        if (logFile == null) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            appender = console;
        } else {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(logFile.toString());
            file.setAppend(true);
            appender = file;
        }
        appender.setContext(ctx);
        appender.setName(logFile == null ? "stderr" : "logfile");
        appender.setEncoder(encoder);
        appender.start();
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(appender);
        Level quiet = level.isGreaterOrEqual(Level.WARN) ? level : Level.WARN;
        for (String name : QUIET) {
            ctx.getLogger(name).setLevel(quiet);
        }
    }

    /** NXLog's level words (DEBUG, INFO, WARNING, ERROR, CRITICAL; case-insensitive) as logback levels. */
    static Level level(String word) {
        if (word == null || word.isBlank()) {
            return Level.INFO;
        }
        return switch (word.strip().toUpperCase(Locale.ROOT)) {
            case "TRACE" -> Level.TRACE;
            case "DEBUG" -> Level.DEBUG;
            case "INFO", "NOTICE" -> Level.INFO;
            case "WARNING", "WARN" -> Level.WARN;
            case "ERROR", "CRITICAL", "FATAL" -> Level.ERROR;
            default -> throw new IllegalArgumentException("LogLevel must be one of DEBUG, INFO, WARNING, ERROR,"
                    + " CRITICAL, not " + word);
        };
    }

    private static void checkWritable(Path logFile) {
        try {
            Path parent = logFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream out = Files.newOutputStream(logFile, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                out.flush();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write LogFile " + logFile + ": " + e.getMessage(), e);
        }
    }
}
