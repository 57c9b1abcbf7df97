package io.logship.system;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.util.List;

/** {@code im_internal}: the agent's own log records as events. */
public final class InternalInputProvider implements ModuleProvider {
    static final Directive<Long> LOGQUEUE_SIZE = Directive.integer("LogqueueSize").withDefault(100L)
            .withCheck(n -> {
                if (n < 1 || n > 1_000_000) {
                    throw new IllegalArgumentException("must be 1 to 1000000");
                }
            })
            .withDoc("How many records wait to be posted at most; when full, the oldest is dropped for the new "
                    + "one and counted (internal.dropped), so logging never blocks. NXLog's default, 100.");

    @Override
    public String name() {
        return "im_internal";
    }

    /** {@code FlowControl FALSE} drops (counted) rather than waits: the agent's own logging cannot be paused. */
    @Override
    public boolean mayDropWhenFull() {
        return true;
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.INPUT;
    }

    @Override
    public String description() {
        return "The agent's own log records (INFO and up) as events with NXLog's fields, without feedback loops.";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(LOGQUEUE_SIZE);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        return new InternalInput(config.instanceName(), config.get(LOGQUEUE_SIZE).intValue());
    }
}
