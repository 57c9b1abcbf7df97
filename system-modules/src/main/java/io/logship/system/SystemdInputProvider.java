package io.logship.system;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.nio.file.Path;
import java.util.List;

/** {@code im_systemd}: the systemd journal, through {@code journalctl --follow --output=json}. */
public final class SystemdInputProvider implements ModuleProvider {
    static final Directive<Boolean> READ_FROM_LAST = Directive.bool("ReadFromLast").withDefault(true)
            .withDoc("TRUE: without a saved position, read only the entries that arrive after the agent starts. "
                    + "FALSE: read the whole journal first. A saved position (SavePos) is used either way.");
    static final Directive<Boolean> SAVE_POS = Directive.bool("SavePos").withDefault(true)
            .withDoc("TRUE: each event's position is its entry's cursor, committed once the outputs have it, and a "
                    + "restart continues just after it. FALSE: no position is saved or read.");
    static final Directive<Path> DIRECTORY = Directive.path("Directory")
            .withDoc("A journal directory to read (journalctl --directory), e.g. one that systemd-journal-remote "
                    + "or a container writes, instead of the system journal. New files in it are followed.");

    @Override
    public String name() {
        return "im_systemd";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.INPUT;
    }

    @Override
    public String description() {
        return "The systemd journal (journalctl --follow, JSON), one event per entry with NXLog's fields; the "
                + "entry's cursor is the saved position.";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(READ_FROM_LAST, SAVE_POS, DIRECTORY);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        return new SystemdInput(config.instanceName(), new JournalCommand("journalctl", config.get(DIRECTORY)),
                config.get(READ_FROM_LAST), config.get(SAVE_POS), Backoff.standard());
    }
}
