package io.logship.host.basic;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.util.List;

/** What the small modules' providers share: a name, a kind, a description, directives, a factory. */
abstract class SimpleProvider implements ModuleProvider {
    /** Creates the module from validated config. */
    @FunctionalInterface
    interface Factory {
        Module create(ModuleConfig config) throws ConfigException;
    }

    private final String name;
    private final ModuleKind kind;
    private final String description;
    private final List<Directive<?>> directives;
    private final Factory factory;

    SimpleProvider(String name, ModuleKind kind, String description, List<Directive<?>> directives,
                   Factory factory) {
        this.name = name;
        this.kind = kind;
        this.description = description;
        this.directives = List.copyOf(directives);
        this.factory = factory;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final ModuleKind kind() {
        return kind;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<Directive<?>> directives() {
        return directives;
    }

    @Override
    public final Module create(ModuleConfig config) throws ConfigException {
        return factory.create(config);
    }
}
