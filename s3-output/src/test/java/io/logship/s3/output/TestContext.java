package io.logship.s3.output;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import io.logship.api.support.SimpleMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/** A ModuleContext for tests: a logger whose lines can be read back, SimpleMetrics, the system clock. */
final class TestContext implements ModuleContext {
    private final String instance;
    private final Path dir;
    private final SimpleMetrics metrics = new SimpleMetrics();
    private final ch.qos.logback.classic.Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    TestContext(String instance, Path dir) {
        this.instance = instance;
        this.dir = dir;
        LoggerContext lc = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        this.logger = lc.getLogger("test." + instance + "." + System.nanoTime());
        logger.setLevel(Level.INFO);
        appender.start();
        logger.addAppender(appender);
    }

    /** Every logged line so far (formatted), oldest first. */
    List<String> lines() {
        synchronized (appender.list) {
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage())
                    .collect(Collectors.toList());
        }
    }

    long counter(String name) {
        return metrics.counter(name).get();
    }

    @Override
    public String instanceName() {
        return instance;
    }

    @Override
    public String moduleName() {
        return "om_s3";
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
    public Metrics metrics() {
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
