package io.logship.system;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The logback appender behind im_internal: keeps INFO-and-up records in a bounded queue for the input to post.
 * The logging thread never blocks and never waits on a lock of ours beyond the queue's: when the queue is full
 * the oldest record is dropped for the new one (NXLog's LogqueueSize rule) and counted.
 *
 * <p>No feedback loops: a record logged while a thread delivers an im_internal event (the MDC holds
 * {@link #DELIVERING}: im_internal's own thread sets it while it posts, the host's output thread while it writes
 * or flushes such events) is not queued, only counted; nor is anything logged by im_internal's own logger.
 */
final class InternalAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    /** The MDC key that marks a thread delivering im_internal events. */
    static final String DELIVERING = "logship.delivering";

    private final BlockingQueue<InternalRecord> queue;
    private final String ownLogger;
    final LongAdder dropped = new LongAdder();
    final LongAdder suppressed = new LongAdder();

    InternalAppender(int capacity, String ownLogger) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.ownLogger = ownLogger;
    }

    BlockingQueue<InternalRecord> queue() {
        return queue;
    }

    @Override
    protected void append(ILoggingEvent e) {
        Level level = e.getLevel();
        if (!level.isGreaterOrEqual(Level.INFO) || e.getLoggerName().equals(ownLogger)) {
            return;
        }
        Map<String, String> mdc = e.getMDCPropertyMap();
        if (mdc != null && mdc.containsKey(DELIVERING)) {
            suppressed.increment();
            return;
        }
        InternalRecord r = new InternalRecord(e.getInstant(), word(level), e.getLoggerName(), message(e));
        while (!queue.offer(r)) {
            if (queue.poll() != null) {
                dropped.increment();
            }
        }
    }

    private static String word(Level level) {
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return "ERROR";
        }
        return level.isGreaterOrEqual(Level.WARN) ? "WARNING" : "INFO";
    }

    private static String message(ILoggingEvent e) {
        String m = e.getFormattedMessage();
        IThrowableProxy t = e.getThrowableProxy();
        if (t == null) {
            return m;
        }
        return m + ": " + t.getClassName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
