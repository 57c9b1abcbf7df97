package io.logship.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logship.api.ConfigException;
import io.logship.api.Extensions;
import io.logship.api.ModuleContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ModuleContext} for running a module without the host: one directory as both CacheDir and
 * SpoolDir, {@link TestMetrics}, the system clock unless a test sets another ({@link #setClock}, e.g. a
 * {@link FakeClock}), host name "testhost", and a logger of its own (INFO and up) whose lines a test can
 * read back ({@link #logged}); {@link #extension} finds what the test registered with {@link #addExtension}.
 */
public class TestModuleContext implements ModuleContext {
    private static final AtomicLong LOGGERS = new AtomicLong();

    private final String moduleName;
    private final String instanceName;
    private final Path dir;
    private final ch.qos.logback.classic.Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final TestMetrics metrics = new TestMetrics();
    private volatile Clock clock = Clock.systemUTC();
    private final Map<String, Extensions.Instance> extensions = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>());
    /** What {@link #isStopping} answers; a test sets it to make the module stop as the host would. */
    public volatile boolean stopping;

    public TestModuleContext(String moduleName, String instanceName, Path dir) {
        this.moduleName = moduleName;
        this.instanceName = instanceName;
        this.dir = dir;
        LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
        this.logger = lc.getLogger("test." + instanceName + "." + LOGGERS.incrementAndGet());
        logger.setLevel(Level.INFO);
        appender.start();
        logger.addAppender(appender);
    }

    /** Every line logged so far as "LEVEL message", oldest first. */
    public List<String> logged() {
        synchronized (appender.list) {
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    /** The value of the module's counter, 0 when it never counted it. */
    public long counter(String name) {
        return metrics.count(name);
    }

    /** Makes an extension instance known to {@link #extension}, as an {@code <Extension name>} block would. */
    public TestModuleContext addExtension(String name, String moduleName, Object module) {
        extensions.put(name, new Extensions.Instance(moduleName, module));
        return this;
    }

    /** The extension instances registered so far (for a subclass's restart). */
    protected Map<String, Extensions.Instance> extensions() {
        synchronized (extensions) {
            return new LinkedHashMap<>(extensions);
        }
    }

    @Override
    public <T> T extension(String name, Class<T> type) throws ConfigException {
        return Extensions.find(extensions(), name, type);
    }

    public void setClock(Clock clock) {
        this.clock = clock;
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
    public TestMetrics metrics() {
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
        return stopping;
    }
}
