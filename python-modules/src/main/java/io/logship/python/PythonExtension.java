package io.logship.python;

import io.logship.api.ExtensionModule;
import io.logship.api.LogshipException;
import io.logship.api.ModuleContext;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.lang.ExecLibrary;
import io.logship.lang.Types;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;

/**
 * xm_python: {@code python_call("function")} calls a top-level function of the {@code PythonCode} script with
 * the event, as NXLog's LogData (the same event object im_python and om_python scripts get: get_field,
 * set_field, delete_field, field_names, ...); what the function changes, it changes in the event. The script is
 * loaded at start in a GraalPy context of its own; calls into it are serialised (one at a time, from whatever
 * module's thread calls). A Python exception fails the statement with an error naming file:line and the Python
 * error; the event goes on, as with every run-time error.
 */
final class PythonExtension implements ExtensionModule, ExecLibrary {
    private final String instanceName;
    private final Path code;
    private final boolean hostAccess;
    private final Map<String, String> params;
    private final Map<String, Value> functions = new ConcurrentHashMap<>();
    private volatile PythonScript script;
    private ScriptBridge bridge;
    private Logger logger;

    PythonExtension(String instanceName, Path code, boolean hostAccess, Map<String, String> params) {
        this.instanceName = instanceName;
        this.code = code;
        this.hostAccess = hostAccess;
        this.params = params;
    }

    @Override
    public void start(ModuleContext context) throws LogshipException {
        logger = context.logger();
        bridge = new ScriptBridge(logger, code.getFileName().toString(), false);
        long t0 = System.nanoTime();
        script = PythonScript.load(code, instanceName, "xm_python", bridge, hostAccess, params);
        logger.info("{}: {} loaded in {} ms for python_call()", instanceName, code,
                (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public List<ExecFunction> execFunctions() {
        return List.of(ExecFunction.procedure("python_call", 1, 1,
                "python_call(\"function\"): calls function(event) of the PythonCode script (xm_python "
                        + instanceName + ")", this::call).withArgTypes(Types.STRING));
    }

    private Object call(ExecContext ctx, Object[] args) {
        if (!(args[0] instanceof String name)) {
            throw new ExecError("python_call(): the function name must be a string, not "
                    + Types.typeName(args[0]));
        }
        PythonScript s = script;
        if (s == null) {
            throw new ExecError("python_call(\"" + name + "\"): xm_python " + instanceName + " is not running");
        }
        EventBridge event = new EventBridge(bridge, ctx.requireEvent(), false);
        synchronized (this) {
            Value fn = functions.computeIfAbsent(name, s::function);
            if (fn == null) {
                functions.remove(name);
                throw new ExecError("python_call(\"" + name + "\"): " + code + " has no function " + name
                        + "(event) (xm_python " + instanceName + ")");
            }
            try {
                fn.execute(event);
            } catch (PolyglotException e) {
                ScriptFailure f = ScriptFailure.of(e, code, s);
                logger.debug("{}: {}(event) failed:\n{}", instanceName, name, f.traceback());
                throw new ExecError("python_call(\"" + name + "\"): " + f.summary());
            } catch (IllegalStateException e) {
                throw new ExecError("python_call(\"" + name + "\"): " + e.getMessage());
            }
        }
        return null;
    }

    @Override
    public void stop() {
        PythonScript s = script;
        script = null;
        functions.clear();
        if (s != null) {
            s.close();
        }
    }

    @Override
    public String toString() {
        return "xm_python " + instanceName + " (" + code + ")";
    }
}
