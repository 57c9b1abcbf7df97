package io.logship.system;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.util.List;

/** {@code im_exec}: a child process's stdout lines as events. */
public final class ExecInputProvider implements ModuleProvider {
    static final Directive<Boolean> RESTART = Directive.bool("Restart").withDefault(false)
            .withDoc("TRUE: start the program again when it exits, after a back-off (1 s, doubled per exit "
                    + "within a burst up to 1 min; a run of 10 s ends the burst). FALSE (NXLog's default): an exit "
                    + "is logged with its code and the input reads nothing more.");
    static final Directive<String> INPUT_TYPE = Directive.choice("InputType", "LineBased")
            .withDefault("linebased")
            .withDoc("How stdout is cut into events: LineBased (NXLog's default: one event per LF-terminated "
                    + "line, a CR before the LF removed, lines over 1 MiB cut into pieces).");

    @Override
    public String name() {
        return "im_exec";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.INPUT;
    }

    @Override
    public String description() {
        return "Runs a program and reads each line of its standard output as an event; stderr is logged; "
                + "restarted with back-off when Restart is TRUE.";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(ChildCommand.COMMAND, ChildCommand.ARG, RESTART, INPUT_TYPE);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        return new ExecInput(config.instanceName(), ChildCommand.of(config), config.get(RESTART), Backoff.standard());
    }
}
