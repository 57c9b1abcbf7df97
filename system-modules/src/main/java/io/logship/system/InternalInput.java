package io.logship.system;

import ch.qos.logback.classic.LoggerContext;
import io.logship.api.Event;
import io.logship.api.Fields;
import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.api.LogshipException;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * im_internal: the agent's own log records (INFO and up, as far as LogLevel lets them through) as events with
 * NXLog's fields: {@code $raw_event} and {@code $Message} (the message), {@code $EventTime}, {@code $Severity}
 * (INFO, WARNING, ERROR), {@code $SeverityValue} (2, 3, 4), {@code $SourceName} ("logship"), {@code $ProcessID},
 * {@code $Hostname}, and {@code $ModuleName} when a module instance logged it. Records of the host itself have no
 * ModuleName; {@code $ModuleType} is not set (the logger does not know it). See {@link InternalAppender} for the
 * bounded queue and the loop guard.
 */
final class InternalInput implements InputModule {
    private static final long POLL_MILLIS = 200;
    private static final int BATCH = 1000;

    private final String instance;
    private final int capacity;
    private final long pid = ProcessHandle.current().pid();
    private InternalAppender appender;
    private ch.qos.logback.classic.Logger root;
    private Logger logger;
    private String hostname;
    private Metrics.Counter droppedCounter;
    private Metrics.Counter suppressedCounter;
    private long droppedReported;
    private long suppressedReported;
    private volatile boolean stopping;

    InternalInput(String instance, int capacity) {
        this.instance = instance;
        this.capacity = capacity;
    }

    @Override
    public void start(ModuleContext context) throws LogshipException {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext lc)) {
            throw new LogshipException(instance + ": im_internal reads the agent's log through logback, but the "
                    + "logging in use is " + factory.getClass().getName());
        }
        logger = context.logger();
        hostname = context.hostname();
        droppedCounter = context.metrics().counter("internal.dropped");
        suppressedCounter = context.metrics().counter("internal.loops_suppressed");
        appender = new InternalAppender(capacity, logger.getName());
        appender.setContext(lc);
        appender.setName("im_internal:" + instance);
        appender.start();
        root = lc.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
    }

    @Override
    public void read(InputContext context) throws InterruptedException {
        if (stopping) {
            return;
        }
        MDC.put(InternalAppender.DELIVERING, instance);
        try {
            InternalRecord r = appender.queue().poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            int n = 0;
            while (r != null) {
                if (!context.post(event(r))) {
                    return;
                }
                if (++n == BATCH) {
                    break;
                }
                r = appender.queue().poll();
            }
            report();
        } finally {
            MDC.remove(InternalAppender.DELIVERING);
        }
        context.scheduleRead(Duration.ZERO);
    }

    Event event(InternalRecord r) {
        Event e = Event.ofRaw(r.message())
                .set("Message", r.message())
                .set("EventTime", r.time())
                .set("Severity", r.level())
                .set("SeverityValue", InternalRecord.severityValue(r.level()))
                .set("SourceName", "logship")
                .set("ProcessID", pid)
                .set(Fields.HOSTNAME, hostname);
        String module = r.moduleName();
        if (module != null) {
            e.set("ModuleName", module);
        }
        return e;
    }

    /** Counts (and logs, on the logger im_internal does not read) records dropped or kept out of a loop. */
    private void report() {
        long dropped = appender.dropped.sum();
        if (dropped > droppedReported) {
            droppedCounter.add(dropped - droppedReported);
            logger.warn("{}: {} log records dropped, the oldest first: the queue (LogqueueSize {}) was full",
                    instance, dropped - droppedReported, capacity);
            droppedReported = dropped;
        }
        long suppressed = appender.suppressed.sum();
        if (suppressed > suppressedReported) {
            suppressedCounter.add(suppressed - suppressedReported);
            suppressedReported = suppressed;
        }
    }

    @Override
    public void stop() {
        stopping = true;
        if (root != null) {
            root.detachAppender(appender);
            appender.stop();
        }
    }

    @Override
    public String toString() {
        return "im_internal " + instance;
    }
}
