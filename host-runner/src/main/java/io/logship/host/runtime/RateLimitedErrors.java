package io.logship.host.runtime;

import io.logship.api.Metrics;
import io.logship.lang.ExecError;
import io.logship.lang.ExecErrors;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Run-time errors of one instance's statements: each counted in the instance's metrics ({@code exec.errors});
 * logged with the instance, the statement's file:line and the error, rate-limited per statement: the first at
 * once, then at most one line per interval saying how many there were since and the latest. Thread-safe.
 */
final class RateLimitedErrors implements ExecErrors {
    static final String COUNTER = "exec.errors";

    private final String instance;
    private final Logger log;
    private final Metrics.Counter counter;
    private final LongSupplier nanos;
    private final long intervalNanos;
    private final Map<String, PerStatement> byStatement = new ConcurrentHashMap<>();

    /** One statement's errors since its last log line. */
    private static final class PerStatement {
        long lastLogged;
        long suppressed;
        String latest;
    }

    RateLimitedErrors(String instance, Logger log, Metrics metrics, LongSupplier nanos, Duration interval) {
        this.instance = instance;
        this.log = log;
        this.counter = metrics.counter(COUNTER);
        this.nanos = nanos;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void report(String where, ExecError error) {
        counter.increment();
        PerStatement s = byStatement.computeIfAbsent(where, w -> new PerStatement());
        String message = error.getMessage();
        long now = nanos.getAsLong();
        String line = null;
        synchronized (s) {
            if (s.latest == null && s.suppressed == 0 && s.lastLogged == 0) {
                s.lastLogged = now;
                s.latest = message;
                line = instance + ": " + where + ": " + message + " (the event goes on; further errors of this "
                        + "statement are summarised at most every " + Duration.ofNanos(intervalNanos).toSeconds()
                        + " s)";
            } else if (now - s.lastLogged >= intervalNanos) {
                line = summary(where, s.suppressed + 1, message, now - s.lastLogged);
                s.lastLogged = now;
                s.suppressed = 0;
                s.latest = message;
            } else {
                s.suppressed++;
                s.latest = message;
            }
        }
        if (line != null) {
            log.error(line);
        }
    }

    /** Logs the summary of every statement whose errors were held back for at least the interval. */
    void flush(boolean all) {
        long now = nanos.getAsLong();
        byStatement.forEach((where, s) -> {
            String line = null;
            synchronized (s) {
                if (s.suppressed > 0 && (all || now - s.lastLogged >= intervalNanos)) {
                    line = summary(where, s.suppressed, s.latest, now - s.lastLogged);
                    s.suppressed = 0;
                    s.lastLogged = now;
                }
            }
            if (line != null) {
                log.error(line);
            }
        });
    }

    private String summary(String where, long count, String latest, long sinceNanos) {
        return instance + ": " + where + ": " + count + " more run-time error(s) in the last "
                + Math.max(1, Duration.ofNanos(sinceNanos).toSeconds()) + " s; the latest: " + latest;
    }
}
