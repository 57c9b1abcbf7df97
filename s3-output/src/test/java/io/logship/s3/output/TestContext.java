package io.logship.s3.output;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logship.api.support.SimpleModuleContext;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A ModuleContext for tests: a logger whose lines can be read back, SimpleMetrics, the system clock. */
final class TestContext extends SimpleModuleContext {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    TestContext(String instance, Path dir) {
        super(instance, "om_s3", newLogger(instance), dir);
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) logger();
        logger.setLevel(Level.INFO);
        appender.start();
        logger.addAppender(appender);
    }

    private static ch.qos.logback.classic.Logger newLogger(String instance) {
        LoggerContext lc = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        return lc.getLogger("test." + instance + "." + System.nanoTime());
    }

    /** Every logged line so far (formatted), oldest first. */
    List<String> lines() {
        synchronized (appender.list) {
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage())
                    .collect(Collectors.toList());
        }
    }

    long counter(String name) {
        return metrics().counter(name).get();
    }
}
