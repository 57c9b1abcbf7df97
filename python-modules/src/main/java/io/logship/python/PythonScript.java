package io.logship.python;

import io.logship.api.LogshipException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyHashMap;

/**
 * One loaded script: a GraalPy context of its own (one per module instance), the {@code nxlog} module
 * installed in it, the script evaluated once. Sandbox: the script gets file IO, threads, the
 * environment and the Python standard library; Java host classes only when {@code hostAccess} is on.
 */
final class PythonScript implements AutoCloseable {
    /** What a sandboxed script may touch on the Java side: the bridges' exported methods, and arrays. */
    static final HostAccess BRIDGE_ONLY = HostAccess.newBuilder(HostAccess.EXPLICIT)
            .allowArrayAccess(true)
            .build();
    private static final String NXLOG_SOURCE = readResource("nxlog.py");
    /** Installs the nxlog module text as sys.modules['nxlog'] and puts the script's folder on sys.path. */
    private static final Source BOOT = Source.create("python", """
            def __logship_boot(src, script_dir, script_file):
                import sys, types
                m = types.ModuleType('nxlog')
                m.__file__ = '<logship>/nxlog.py'
                exec(compile(src, '<logship>/nxlog.py', 'exec'), m.__dict__)
                sys.modules['nxlog'] = m
                if script_dir not in sys.path:
                    sys.path.insert(0, script_dir)
                main = sys.modules['__main__']
                main.__file__ = script_file
                del main.__dict__['__logship_boot']
                return m
            __logship_boot
            """);

    private final Context context;
    private final Path file;
    private final Value nxlog;
    private final Value module;

    private PythonScript(Context context, Path file, Value nxlog, Value module) {
        this.context = context;
        this.file = file;
        this.nxlog = nxlog;
        this.module = module;
    }

    /**
     * Creates the context and runs the script's top level.
     *
     * @throws LogshipException naming file:line and the Python error when the script does not load
     */
    static PythonScript load(Path file, String instanceName, String kind, ScriptBridge bridge, boolean hostAccess,
                             Map<String, String> params)
            throws LogshipException {
        if (!Files.isRegularFile(file)) {
            throw new LogshipException(file + ": Python script not found (PythonCode of " + instanceName + ")");
        }
        Source source;
        try {
            source = Source.newBuilder("python", file.toFile()).build();
        } catch (IOException e) {
            throw new LogshipException(file + ": cannot read Python script: " + e.getMessage(), e);
        }
        Context.Builder b = Context.newBuilder("python")
                .engine(Engines.get(hostAccess))
                .allowIO(IOAccess.ALL)
                .allowCreateThread(true)
                .allowEnvironmentAccess(EnvironmentAccess.INHERIT)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowNativeAccess(false);
        if (hostAccess) {
            b.allowHostAccess(HostAccess.ALL).allowHostClassLookup(name -> true).allowCreateProcess(true);
        } else {
            b.allowHostAccess(BRIDGE_ONLY).allowHostClassLookup(name -> false).allowCreateProcess(false);
        }
        Context context = b.build();
        Value nxlog = null;
        try {
            Value boot = context.eval(BOOT);
            nxlog = boot.execute(NXLOG_SOURCE, file.getParent() == null ? "." : file.getParent().toString(),
                    file.toString());
            bridge.helpers(nxlog.getMember("_from_micros"), nxlog.getMember("_from_latin1"),
                    nxlog.getMember("_to_list"));
            Value module = nxlog.getMember("_init").execute(bridge, instanceName, kind,
                    ProxyHashMap.from(new java.util.LinkedHashMap<Object, Object>(params)));
            bridge.module(module);
            context.eval(source);
            return new PythonScript(context, file, nxlog, module);
        } catch (PolyglotException e) {
            ScriptFailure f = nxlog == null ? ScriptFailure.of(e, file)
                    : ScriptFailure.of(e, file, new PythonScript(context, file, nxlog, null));
            context.close(true);
            throw new LogshipException(f.summary() + " (loading the PythonCode of " + instanceName + ")\n"
                    + f.traceback());
        } catch (RuntimeException e) {
            context.close(true);
            throw e;
        }
    }

    Path file() {
        return file;
    }

    /** A top-level function of the script, or null when there is none (or it is not callable). */
    Value function(String name) {
        Value v = context.getBindings("python").getMember(name);
        return v != null && v.canExecute() ? v : null;
    }

    /** Wraps the read callback so it is called as callback(module). */
    Value inputDispatcher(Value callback) {
        return nxlog.getMember("_input_dispatcher").execute(callback);
    }

    /** Python's description of an exception object: [file, line, error, traceback]. */
    Value describe(Value exception) {
        return nxlog.getMember("_describe").execute(exception, file.toString());
    }

    /** [write_batch(events, start, count), position()] around the write callback. */
    Value batchDispatcher(Value callback) {
        return nxlog.getMember("_batch_dispatcher").execute(callback, file.toString());
    }

    Value module() {
        return module;
    }

    /** Closes the context; a callback running in another thread is cancelled. */
    @Override
    public void close() {
        try {
            context.close(true);
        } catch (PolyglotException | IllegalStateException e) {
            // already closed or closing
        }
    }

    private static String readResource(String name) {
        try (InputStream in = PythonScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
