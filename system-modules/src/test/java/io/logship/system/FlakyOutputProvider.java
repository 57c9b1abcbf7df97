package io.logship.system;

import io.logship.api.Directive;
import io.logship.api.Event;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import io.logship.api.OutputModule;
import io.logship.api.RetriableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** {@code om_flaky} (tests only): refuses the first attempt of every event, then keeps its $Message. */
public final class FlakyOutputProvider implements ModuleProvider {
    static final List<String> ACCEPTED = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String name() {
        return "om_flaky";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.OUTPUT;
    }

    @Override
    public String description() {
        return "test output failing each event once";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of();
    }

    @Override
    public Module create(ModuleConfig config) {
        return new OutputModule() {
            private Event refused;

            @Override
            public void write(Event event) throws RetriableException {
                if (refused == null || !refused.fields().equals(event.fields())) {
                    refused = event;
                    throw new RetriableException("refusing the first attempt", null);
                }
                refused = null;
                ACCEPTED.add(event.getString("Message"));
            }

            @Override
            public void flush() {
            }
        };
    }
}
