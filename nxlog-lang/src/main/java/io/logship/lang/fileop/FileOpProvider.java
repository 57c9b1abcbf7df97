package io.logship.lang.fileop;

import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.util.List;

/** {@code xm_fileop}: file and directory functions and procedures (file_cycle, file_remove, dir_make, ...). */
public final class FileOpProvider implements ModuleProvider {
    @Override
    public String name() {
        return "xm_fileop";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.EXTENSION;
    }

    @Override
    public String description() {
        return "File and directory operations for Exec and <Schedule>: file_cycle, file_rename, file_remove, ...";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of();
    }

    @Override
    public Module create(ModuleConfig config) {
        return new FileOp();
    }
}
