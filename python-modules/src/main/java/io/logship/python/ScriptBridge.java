package io.logship.python;

import io.logship.api.Event;
import io.logship.api.InputContext;
import java.time.Duration;
import java.util.Map;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;

/**
 * The Java side of the {@code nxlog} module of one module instance: logging, new events, posting,
 * read timers and committed positions. Not for Java callers; its exported methods are what the
 * {@code nxlog} Python module calls.
 */
public final class ScriptBridge {
    private final Logger logger;
    private final String scriptName;
    private final boolean input;
    private volatile InputContext readContext;
    private volatile boolean interrupted;
    private Value fromMicros;
    private Value fromLatin1;
    private Value toList;
    private Value module;

    ScriptBridge(Logger logger, String scriptName, boolean input) {
        this.logger = logger;
        this.scriptName = scriptName;
        this.input = input;
    }

    void helpers(Value fromMicros, Value fromLatin1, Value toList) {
        this.fromMicros = fromMicros;
        this.fromLatin1 = fromLatin1;
        this.toList = toList;
    }

    void module(Value module) {
        this.module = module;
    }

    Value module() {
        return module;
    }

    Value toList() {
        return toList;
    }

    Value fromMicros() {
        return fromMicros;
    }

    Value fromLatin1() {
        return fromLatin1;
    }

    /** Binds the context of the read callback now running (null after it). */
    void bind(InputContext context) {
        this.readContext = context;
    }

    /** True (once) when a post was interrupted during the last callback. */
    boolean takeInterrupted() {
        boolean i = interrupted;
        interrupted = false;
        return i;
    }

    @HostAccess.Export
    public void log(int level, String message) {
        switch (level) {
            case 0 -> logger.debug("{}: {}", scriptName, message);
            case 1 -> logger.info("{}: {}", scriptName, message);
            case 2 -> logger.warn("{}: {}", scriptName, message);
            default -> logger.error("{}: {}", scriptName, message);
        }
    }

    @HostAccess.Export
    public EventBridge logdata_new() {
        return new EventBridge(this, new Event(), false);
    }

    @HostAccess.Export
    public boolean post(EventBridge event) {
        InputContext ctx = requireReadContext("post()");
        if (interrupted) {
            return false;
        }
        try {
            return ctx.post(event.handOver());
        } catch (InterruptedException e) {
            interrupted = true;
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @HostAccess.Export
    public void scheduleRead(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("set_read_timer: delay must be a finite number >= 0, not " + seconds);
        }
        requireReadContext("set_read_timer()").scheduleRead(Duration.ofNanos((long) (seconds * 1e9)));
    }

    @HostAccess.Export
    public String committedPosition(String stream) {
        return requireReadContext("get_position()").committedPositions().get(stream);
    }

    @HostAccess.Export
    public String[] committedStreams() {
        Map<String, String> m = requireReadContext("get_positions()").committedPositions();
        return m.keySet().toArray(new String[0]);
    }

    private InputContext requireReadContext(String what) {
        if (!input) {
            throw new IllegalStateException(what + " is only available in im_python");
        }
        InputContext ctx = readContext;
        if (ctx == null) {
            throw new IllegalStateException(what + " is only available while the read callback runs");
        }
        return ctx;
    }

    @Override
    public String toString() {
        return "nxlog module bridge of " + scriptName;
    }
}
