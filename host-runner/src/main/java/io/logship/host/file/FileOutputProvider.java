package io.logship.host.file;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.nio.file.Path;
import java.util.List;

/** {@code om_file}: appends each event's {@code raw_event} as a line to one file. */
public final class FileOutputProvider implements ModuleProvider {
    static final Directive<Path> FILE = Directive.path("File").required()
            .withDoc("The file to write. A fixed path from the config (no event fields are expanded in it), so "
                    + "nothing in an event can make om_file write anywhere else. Its directory must exist unless "
                    + "`CreateDir TRUE`.");
    static final Directive<Boolean> CREATE_DIR = Directive.bool("CreateDir").withDefault(false)
            .withDoc("TRUE: create the file's directory (and its parents) at start if missing.");
    static final Directive<Boolean> SYNC = Directive.bool("Sync").withDefault(false)
            .withDoc("TRUE: write and fsync after every event (slow; NXLog's meaning). FALSE: events are "
                    + "buffered and made durable (written and fsync'ed) at every flush the host asks for, which "
                    + "is what position commits wait for.");
    static final Directive<Boolean> TRUNCATE = Directive.bool("Truncate").withDefault(false)
            .withDoc("TRUE: empty the file when it is opened at start. FALSE: append to it.");

    static final Directive<String> OUTPUT_TYPE = Directive.string("OutputType").withDefault("LineBased")
            .withDoc("How an event is written: `LineBased` (its `raw_event`, or its fields as JSON when it has no "
                    + "`raw_event`, and a line feed), or the name of an `<Extension>` instance that writes events in "
                    + "its own format. NXLog's `Dgram` and `Binary` are not accepted here.");

    @Override
    public String name() {
        return "om_file";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.OUTPUT;
    }

    @Override
    public String description() {
        return "Writes each event's raw_event as a line to a file; flush makes it durable (fsync).";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(FILE, CREATE_DIR, SYNC, TRUNCATE, OUTPUT_TYPE);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        Path file = config.get(FILE).toAbsolutePath().normalize();
        if (file.getFileName() == null || file.getParent() == null) {
            throw config.problem(FILE, "'" + file + "' names no file");
        }
        String outputType = InputTypes.extensionName(config.get(OUTPUT_TYPE));
        if (outputType == null || outputType.isEmpty()) {
            throw config.problem(OUTPUT_TYPE, InputTypes.whyNot(config.get(OUTPUT_TYPE), "om_file"));
        }
        FileOutput out = new FileOutput(config.instanceName(), file, config.get(CREATE_DIR), config.get(SYNC),
                config.get(TRUNCATE));
        if (!InputTypes.isLineBased(outputType)) {
            out.useOutputType(outputType, config.location(OUTPUT_TYPE));
        }
        return out;
    }
}
