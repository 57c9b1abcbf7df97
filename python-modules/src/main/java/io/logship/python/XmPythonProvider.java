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

/** {@code xm_python}: {@code python_call("function")} from Exec statements, on GraalPy. */
public final class XmPythonProvider implements ModuleProvider {
    @Override
    public String name() {
        return "xm_python";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.EXTENSION;
    }

    @Override
    public String description() {
        return "python_call(\"function\"): calls a function of a Python script with the event, in-process on "
                + "GraalPy.";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(PythonDirectives.PYTHON_CODE, PythonDirectives.PARAM, PythonDirectives.ALLOW_HOST_ACCESS);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        Path code = config.get(PythonDirectives.PYTHON_CODE);
        if (!Files.isRegularFile(code)) {
            throw config.problem(PythonDirectives.PYTHON_CODE, "Python script " + code + " not found");
        }
        return new PythonExtension(config.instanceName(), code, config.get(PythonDirectives.ALLOW_HOST_ACCESS),
                PythonDirectives.params(config.getAll(PythonDirectives.PARAM)));
    }
}
