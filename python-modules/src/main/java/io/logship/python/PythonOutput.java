package io.logship.python;

import io.logship.api.Event;
import io.logship.api.LogshipException;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import io.logship.api.OutputModule;
import io.logship.api.RetriableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;

/**
 * om_python: the script's write callback is called once per event, in order. Events are handed to
 * Python in batches of up to {@code BatchSize} per Java-to-Python call (crossing into the interpreter
 * costs more than a small callback) when the batch is full and on every flush.
 *
 * <p>A Python exception never loses the event: with OnError retry the batch stops at the failed event
 * and a {@link RetriableException} goes to the host, whose retry (of the same write, or of flush) calls
 * the script again from that event on, with the event as it came (changes the script made are
 * dropped); with OnError deadletter the event and its traceback go to the dead-letter file and the
 * next event goes on.
 */
final class PythonOutput implements OutputModule {
    private final String instanceName;
    private final Path code;
    private final String call;
    private final Path deadLetterPath;
    private final String flushCall;
    private final boolean hostAccess;
    private final Map<String, String> params;
    private final EventBridge[] buffer;
    private int count;
    private int done;
    private volatile PythonScript script;
    private volatile boolean stopping;
    private ScriptBridge bridge;
    private Value writeBatch;
    private Value batchPosition;
    private Value flush;
    private DeadLetterFile deadLetter;
    private Logger logger;
    private Metrics.Counter failures;
    private Metrics.Counter deadLettered;
    private Event lastFailed;

    PythonOutput(String instanceName, Path code, String call, Path deadLetterPath, String flushCall,
                 boolean hostAccess, Map<String, String> params, int batchSize) {
        this.instanceName = instanceName;
        this.code = code;
        this.call = call;
        this.deadLetterPath = deadLetterPath;
        this.flushCall = flushCall;
        this.hostAccess = hostAccess;
        this.params = params;
        this.buffer = new EventBridge[batchSize];
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
                throw new LogshipException(code + ": no function " + flushCall
                        + "(module) in the script (FlushCall of " + instanceName + ")");
            }
        }
        Value pair = s.batchDispatcher(fn);
        writeBatch = pair.getArrayElement(0);
        batchPosition = pair.getArrayElement(1);
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
        if (count == buffer.length) {
            drain();   // a failure here leaves this event unaccepted: the host retries this write
        }
        buffer[count++] = new EventBridge(bridge, event, true);
    }

    @Override
    public void flush() throws LogshipException {
        if (script == null || stopping) {
            throw new RetriableException(instanceName + ": stopping", null);
        }
        drain();
        if (flush != null) {
            try {
                flush.execute(script.module());
            } catch (PolyglotException e) {
                if (stopping || e.isCancelled()) {
                    throw new RetriableException(instanceName + ": stopping", null);
                }
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

    /** Hands buffer[done..count) to the script; returns with the buffer empty or throws RetriableException. */
    private void drain() throws LogshipException {
        while (done < count) {
            int failedAt;
            ScriptFailure f;
            try {
                Value r = writeBatch.execute(buffer, done, count);
                if (r.isNull()) {
                    done = count;
                    break;
                }
                failedAt = r.getArrayElement(0).asInt();
                f = new ScriptFailure(r.getArrayElement(1).asString(), r.getArrayElement(2).asInt(),
                        r.getArrayElement(3).asString(), r.getArrayElement(4).asString());
            } catch (PolyglotException e) {
                if (stopping || e.isCancelled()) {
                    throw new RetriableException(instanceName + ": stopping", null);
                }
                failedAt = batchPosition.execute().asInt();
                f = ScriptFailure.of(e, code, script);
            }
            fail(failedAt, f);
        }
        Arrays.fill(buffer, 0, count, null);
        count = 0;
        done = 0;
    }

    private void fail(int index, ScriptFailure f) throws LogshipException {
        Event event = buffer[index].original();
        failures.increment();
        if (deadLetter != null) {
            logger.error("{}: write callback failed, event dead-lettered to {}: {}\n{}", instanceName,
                    deadLetterPath, f.summary(), f.traceback());
            try {
                deadLetter.append(event, f);
            } catch (IOException io) {
                done = index;
                buffer[index] = new EventBridge(bridge, event, true);
                throw new RetriableException(instanceName + ": cannot write dead-letter file " + deadLetterPath
                        + ": " + io.getMessage(), io);
            }
            deadLettered.increment();
            done = index + 1;
            return;
        }
        if (lastFailed != event) {
            logger.error("{}: write callback failed, the event will be retried: {}\n{}", instanceName,
                    f.summary(), f.traceback());
        } else {
            logger.debug("{}: write callback failed again: {}", instanceName, f.summary());
        }
        lastFailed = event;
        done = index;
        buffer[index] = new EventBridge(bridge, event, true);   // the retry sees the event as it came
        throw new RetriableException(instanceName + ": " + f.summary(), null);
    }

    @Override
    public void stop() {
        stopping = true;
        PythonScript s = script;
        script = null;
        if (s != null) {
            s.close();
        }
        Arrays.fill(buffer, null);
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
