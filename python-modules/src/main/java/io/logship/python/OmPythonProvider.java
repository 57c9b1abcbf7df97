package io.logship.python;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code om_python}: an output that hands every event to a Python function, as in NXLog. */
public final class OmPythonProvider implements ModuleProvider {
    static final Directive<String> CALL = Directive.string("Call").withDefault("write_data")
            .withDoc("The Python function called as f(event) for every event.");
    static final Directive<String> ON_ERROR = Directive.choice("OnError", "retry", "deadletter")
            .withDefault("retry")
            .withDoc("When the script raises: retry (the host retries the same event with backoff; nothing "
                    + "is lost, the route waits) or deadletter (the event and the traceback are written as "
                    + "one JSON line to DeadLetterFile, and the next event goes on).");
    static final Directive<Path> DEAD_LETTER_FILE = Directive.path("DeadLetterFile")
            .withDefaultText("SpoolDir/<instance>.deadletter.jsonl")
            .withDoc("Where OnError deadletter appends failed events (JSON lines, fsync'd on flush).");
    static final Directive<Long> BATCH_SIZE = Directive.integer("BatchSize").withDefault(256L)
            .withCheck(v -> {
                if (v < 1 || v > 100_000) {
                    throw new IllegalArgumentException("must be between 1 and 100000");
                }
            })
            .withDoc("Events handed to Python per Java-to-Python call. Events wait in memory until the batch "
                    + "is full or the host flushes; the callback still sees one event per call, in order.");
    static final Directive<String> FLUSH_CALL = Directive.string("FlushCall")
            .withDoc("Optional Python function called as f(module) when the host flushes: a script that "
                    + "buffers must make its events durable there (positions are committed after it returns).");

    @Override
    public String name() {
        return "om_python";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.OUTPUT;
    }

    @Override
    public String description() {
        return "Runs an NXLog-style Python output script (write_data(event)) in-process on GraalPy.";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(PythonDirectives.PYTHON_CODE, CALL, ON_ERROR, DEAD_LETTER_FILE, FLUSH_CALL,
                BATCH_SIZE, PythonDirectives.PARAM, PythonDirectives.ALLOW_HOST_ACCESS);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        Path code = config.get(PythonDirectives.PYTHON_CODE);
        if (!Files.isRegularFile(code)) {
            throw config.problem(PythonDirectives.PYTHON_CODE, "Python script " + code + " not found");
        }
        boolean deadLetter = "deadletter".equals(config.get(ON_ERROR));
        Path dlq = config.getIfSet(DEAD_LETTER_FILE).orElse(null);
        if (dlq != null && !deadLetter) {
            throw config.problem(DEAD_LETTER_FILE, "only used with OnError deadletter");
        }
        if (deadLetter && dlq == null) {
            if (config.spoolDir() == null) {
                throw config.problem(ON_ERROR, "deadletter needs a SpoolDir or a DeadLetterFile");
            }
            dlq = config.spoolDir().resolve(safeFileName(config.instanceName()) + ".deadletter.jsonl");
        }
        return new PythonOutput(config.instanceName(), code, config.get(CALL), deadLetter ? dlq : null,
                config.getIfSet(FLUSH_CALL).orElse(null), config.get(PythonDirectives.ALLOW_HOST_ACCESS),
                PythonDirectives.params(config.getAll(PythonDirectives.PARAM)),
                config.get(BATCH_SIZE).intValue());
    }

    /** An instance name made safe as a file name: nothing but letters, digits, '.', '_' and '-'. */
    static String safeFileName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }
}
