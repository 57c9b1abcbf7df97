package io.logship.python;

import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.api.LogshipException;
import io.logship.api.ModuleContext;
import java.nio.file.Path;
import java.util.Map;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;

/**
 * im_python: the script's read callback is called once after start and again only when the script
 * asked for it with {@code module.set_read_timer(delay)} (NXLog semantics).
 */
final class PythonInput implements InputModule {
    private final String instanceName;
    private final Path code;
    private final String call;
    private final boolean hostAccess;
    private final Map<String, String> params;
    private volatile PythonScript script;
    private volatile boolean stopping;
    private ScriptBridge bridge;
    private Value read;
    private Logger logger;

    PythonInput(String instanceName, Path code, String call, boolean hostAccess, Map<String, String> params) {
        this.params = params;
        this.instanceName = instanceName;
        this.code = code;
        this.call = call;
        this.hostAccess = hostAccess;
    }

    @Override
    public void start(ModuleContext context) throws LogshipException {
        logger = context.logger();
        bridge = new ScriptBridge(logger, code.getFileName().toString(), true);
        long t0 = System.nanoTime();
        PythonScript s = PythonScript.load(code, instanceName, "im_python", bridge, hostAccess, params);
        Value fn;
        String name = call;
        if (name == null) {
            name = "read_data";
            fn = s.function(name);
            if (fn == null && s.function("read_event") != null) {
                name = "read_event";
                fn = s.function(name);
            }
        } else {
            fn = s.function(name);
        }
        if (fn == null) {
            s.close();
            throw new LogshipException(code + ": no function " + name + "(module) in the script (Call of "
                    + instanceName + (call == null ? "; read_event was not found either)" : ")"));
        }
        read = s.inputDispatcher(fn);
        script = s;
        logger.info("{}: {} loaded in {} ms, calling {}(module)", instanceName, code,
                (System.nanoTime() - t0) / 1_000_000, name);
    }

    @Override
    public void read(InputContext context) throws LogshipException, InterruptedException {
        PythonScript s = script;
        if (s == null || stopping) {
            return;
        }
        bridge.bind(context);
        try {
            read.execute();
        } catch (PolyglotException e) {
            if (stopping || e.isCancelled()) {
                return;
            }
            if (bridge.takeInterrupted()) {
                throw new InterruptedException("interrupted while posting");
            }
            ScriptFailure f = ScriptFailure.of(e, code, script);
            logger.error("{}: read callback failed: {}\n{}", instanceName, f.summary(), f.traceback());
            throw new LogshipException(instanceName + ": " + f.summary());
        } finally {
            bridge.bind(null);
        }
        if (bridge.takeInterrupted()) {
            throw new InterruptedException("interrupted while posting");
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
    }

    @Override
    public String toString() {
        return "im_python " + instanceName + " (" + code + ")";
    }
}
