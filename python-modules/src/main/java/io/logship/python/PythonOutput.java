package io.logship.python;

import io.logship.api.Event;
import io.logship.api.LogshipException;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import io.logship.api.OutputModule;
import io.logship.api.RetriableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;

/**
 * om_python: one call of the script's write callback per event. A Python exception never loses the
 * event: with OnError retry it becomes a {@link RetriableException} (the host retries the same event);
 * with OnError deadletter the event and its traceback go to the dead-letter file.
 */
final class PythonOutput implements OutputModule {
    private final String instanceName;
    private final Path code;
    private final String call;
    private final Path deadLetterPath;
    private final String flushCall;
    private final boolean hostAccess;
    private final Map<String, String> params;
    private volatile PythonScript script;
    private volatile boolean stopping;
    private ScriptBridge bridge;
    private Value write;
    private Value flush;
    private DeadLetterFile deadLetter;
    private Logger logger;
    private Metrics.Counter failures;
    private Metrics.Counter deadLettered;
    private Event lastFailed;

    PythonOutput(String instanceName, Path code, String call, Path deadLetterPath, String flushCall,
                 boolean hostAccess, Map<String, String> params) {
        this.params = params;
        this.instanceName = instanceName;
        this.code = code;
        this.call = call;
        this.deadLetterPath = deadLetterPath;
        this.flushCall = flushCall;
        this.hostAccess = hostAccess;
    }

    @Override
    public void start(ModuleContext context) throws LogshipException {
        logger = context.logger();
        failures = context.metrics().counter("python.errors");
        deadLettered = context.metrics().counter("python.deadlettered");
        bridge = new ScriptBridge(logger, code.getFileName().toString(), false);
        long t0 = System.nanoTime();
        PythonScript s = PythonScript.load(code, instanceName, "om_python", bridge, hostAccess, params);
        Value fn = s.function(call);
        if (fn == null) {
            s.close();
            throw new LogshipException(code + ": no function " + call + "(event) in the script (Call of "
                    + instanceName + ")");
        }
        if (flushCall != null) {
            flush = s.function(flushCall);
            if (flush == null) {
                s.close();
                throw new LogshipException(code + ": no function " + flushCall + "(module) in the script (FlushCall of "
                        + instanceName + ")");
            }
        }
        write = s.outputDispatcher(fn);
        if (deadLetterPath != null) {
            deadLetter = new DeadLetterFile(deadLetterPath, instanceName, context.clock());
        }
        script = s;
        logger.info("{}: {} loaded in {} ms, calling {}(event){}", instanceName, code,
                (System.nanoTime() - t0) / 1_000_000, call,
                deadLetter == null ? "" : ", dead letters to " + deadLetterPath);
    }

    @Override
    public void write(Event event) throws LogshipException {
        if (script == null || stopping) {
            throw new RetriableException(instanceName + ": stopping", null);
        }
        try {
            write.execute(new EventBridge(bridge, event, true));
            lastFailed = null;
        } catch (PolyglotException e) {
            if (stopping || e.isCancelled()) {
                throw new RetriableException(instanceName + ": stopping", null);
            }
            ScriptFailure f = ScriptFailure.of(e, code, script);
            failures.increment();
            if (deadLetter != null) {
                logger.error("{}: write callback failed, event dead-lettered to {}: {}\n{}", instanceName,
                        deadLetterPath, f.summary(), f.traceback());
                try {
                    deadLetter.append(event, f);
                } catch (IOException io) {
                    throw new RetriableException(instanceName + ": cannot write dead-letter file " + deadLetterPath
                            + ": " + io.getMessage(), io);
                }
                deadLettered.increment();
                return;
            }
            if (lastFailed != event) {
                logger.error("{}: write callback failed, the event will be retried: {}\n{}", instanceName,
                        f.summary(), f.traceback());
            } else {
                logger.debug("{}: write callback failed again: {}", instanceName, f.summary());
            }
            lastFailed = event;
            throw new RetriableException(instanceName + ": " + f.summary(), null);
        }
    }

    @Override
    public void flush() throws LogshipException {
        if (flush != null && script != null) {
            try {
                flush.execute(script.module());
            } catch (PolyglotException e) {
                ScriptFailure f = ScriptFailure.of(e, code, script);
                logger.error("{}: flush callback failed: {}\n{}", instanceName, f.summary(), f.traceback());
                throw new RetriableException(instanceName + ": " + f.summary(), null);
            }
        }
        if (deadLetter != null) {
            try {
                deadLetter.sync();
            } catch (IOException io) {
                throw new RetriableException(instanceName + ": cannot sync dead-letter file " + deadLetterPath
                        + ": " + io.getMessage(), io);
            }
        }
    }

    @Override
    public void stop() {
        stopping = true;
        PythonScript s = script;
        script = null;
        if (s != null) {
            s.close();
        }
        if (deadLetter != null) {
            try {
                deadLetter.close();
            } catch (IOException e) {
                logger.warn("{}: closing dead-letter file {}: {}", instanceName, deadLetterPath, e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "om_python " + instanceName + " (" + code + ")";
    }
}
