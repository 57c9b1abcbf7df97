package io.logship.host.buffer;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.nio.file.Path;
import java.util.List;

/** {@code pm_buffer}: NXLog's memory or disk buffer in a route's path. See {@link PmBuffer} for what it promises. */
public final class BufferProvider implements ModuleProvider {
    static final Directive<String> TYPE = Directive.choice("Type", "Mem", "Disk").required()
            .withDoc("Mem: a bounded queue in memory; Disk: a bounded queue in segment files under Directory, "
                    + "fsynced, kept across restarts and crashes.");
    static final Directive<Long> MAX_SIZE = Directive.integer("MaxSize").required()
            .withCheck(n -> {
                if (n < 1 || n > (1L << 40)) {
                    throw new IllegalArgumentException("must be from 1 to " + (1L << 40) + " (KiB)");
                }
            })
            .withDoc("The buffer's size in KiB (NXLog: kilobytes) of events as stored; when it is full the inputs "
                    + "feeding it wait (or drop, with FlowControl FALSE).");
    static final Directive<Long> WARN_LIMIT = Directive.integer("WarnLimit")
            .withCheck(n -> {
                if (n < 1) {
                    throw new IllegalArgumentException("must be at least 1 (KiB)");
                }
            })
            .withDoc("A fill in KiB, below MaxSize, at which one warning is logged; again only after the fill fell "
                    + "to half of it.");
    static final Directive<Path> DIRECTORY = Directive.path("Directory").withDefaultText("SpoolDir")
            .withDoc("Type Disk: where the segment files (<instance>.<n>.q) are kept. NXLog's default is CacheDir; "
                    + "logship keeps spools under SpoolDir.");
    static final Directive<Boolean> CREATE_DIR = Directive.bool("CreateDir").withDefault(false)
            .withDoc("Type Disk: create Directory when it does not exist (else the agent does not start).");

    @Override
    public String name() {
        return "pm_buffer";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.PROCESSOR;
    }

    @Override
    public String description() {
        return "absorbs bursts and output outages in a bounded queue in memory or on disk";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(TYPE, MAX_SIZE, WARN_LIMIT, DIRECTORY, CREATE_DIR);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        boolean disk = config.get(TYPE).equals("disk");
        long max = config.get(MAX_SIZE) * 1024;
        long warn = config.getIfSet(WARN_LIMIT).orElse(0L) * 1024;
        if (warn >= max) {
            throw config.problem(WARN_LIMIT, "must be below MaxSize (" + config.get(MAX_SIZE) + " KiB)");
        }
        if (!disk && config.isSet(DIRECTORY)) {
            throw config.problem(DIRECTORY, "applies to Type Disk only (this buffer is Type Mem)");
        }
        Path dir = config.getIfSet(DIRECTORY).orElse(config.spoolDir());
        return new PmBuffer(config.instanceName(), disk, max, warn, dir, config.get(CREATE_DIR));
    }
}
