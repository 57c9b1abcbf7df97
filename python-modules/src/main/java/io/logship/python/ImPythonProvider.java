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

/** {@code im_python}: an input whose read callback is a Python function, as in NXLog. */
public final class ImPythonProvider implements ModuleProvider {
    static final Directive<String> CALL = Directive.string("Call")
            .withDefaultText("read_data (read_event if the script has no read_data)")
            .withDoc("The Python function called as f(module) at start and whenever the script's "
                    + "module.set_read_timer(delay) fires.");

    @Override
    public String name() {
        return "im_python";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.INPUT;
    }

    @Override
    public String description() {
        return "Runs an NXLog-style Python input script (read_data(module)) in-process on GraalPy.";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(PythonDirectives.PYTHON_CODE, CALL, PythonDirectives.PARAM, PythonDirectives.ALLOW_HOST_ACCESS);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        Path code = config.get(PythonDirectives.PYTHON_CODE);
        if (!Files.isRegularFile(code)) {
            throw config.problem(PythonDirectives.PYTHON_CODE, "Python script " + code + " not found");
        }
        return new PythonInput(config.instanceName(), code, config.getIfSet(CALL).orElse(null),
                config.get(PythonDirectives.ALLOW_HOST_ACCESS),
                PythonDirectives.params(config.getAll(PythonDirectives.PARAM)));
    }
}
