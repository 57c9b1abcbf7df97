package io.logship.system;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.util.List;

/** {@code om_exec}: each event's raw_event as a line to a child process's stdin. */
public final class ExecOutputProvider implements ModuleProvider {
    static final Directive<Boolean> RESTART = Directive.bool("Restart").withDefault(true)
            .withDoc("TRUE (logship's default): start the program again when it exits or its stdin breaks, after "
                    + "a back-off (1 s, doubled per failure within a burst up to 1 min), and write it the events "
                    + "not yet sent. FALSE (NXLog's default): the program is not started again; since logship "
                    + "never drops events, they are then held (the routes back up) until the agent restarts.");
    static final Directive<String> OUTPUT_TYPE = Directive.choice("OutputType", "LineBased")
            .withDefault("linebased")
            .withDoc("How events are written: LineBased ($raw_event and a LF).");

    @Override
    public String name() {
        return "om_exec";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.OUTPUT;
    }

    @Override
    public String description() {
        return "Runs a program and writes each event's raw_event as a line to its standard input; restarted "
                + "with back-off, unsent events retried.";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(ChildCommand.COMMAND, ChildCommand.ARG, RESTART, OUTPUT_TYPE);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        return new ExecOutput(config.instanceName(), ChildCommand.of(config), config.get(RESTART), Backoff.standard());
    }
}
