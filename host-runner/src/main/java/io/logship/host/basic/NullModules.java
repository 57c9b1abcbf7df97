package io.logship.host.basic;

import io.logship.api.Event;
import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.api.ModuleKind;
import io.logship.api.OutputModule;
import io.logship.api.ProcessorModule;
import java.util.List;
import java.util.function.Consumer;

/**
 * NXLog's null modules: {@code im_null} (posts nothing; a block for {@code <Schedule>}s or tests),
 * {@code pm_null} (passes every event on; its block's {@code Exec} runs on it) and {@code om_null} (discards
 * every event; they are committed as delivered).
 */
final class NullModules {
    private NullModules() {
    }

    /** A processor that emits each event unchanged; the host runs its block's Exec. */
    static class PassThrough implements ProcessorModule {
        @Override
        public void process(Event event, Consumer<Event> emit) {
            emit.accept(event);
        }
    }

    public static final class InputProvider extends SimpleProvider {
        public InputProvider() {
            super("im_null", ModuleKind.INPUT, "Posts no events (for <Schedule> blocks and tests).", List.of(),
                    c -> (InputModule) (InputContext ctx) -> {
                        // never posts and never asks for another read
                    });
        }
    }

    public static final class ProcessorProvider extends SimpleProvider {
        public ProcessorProvider() {
            super("pm_null", ModuleKind.PROCESSOR, "Passes every event on unchanged; its Exec runs on each.",
                    List.of(), c -> new PassThrough());
        }
    }

    public static final class OutputProvider extends SimpleProvider {
        public OutputProvider() {
            super("om_null", ModuleKind.OUTPUT, "Discards every event (it counts as delivered); its Exec runs on "
                    + "each.", List.of(), c -> new OutputModule() {
                        @Override
                        public void write(Event event) {
                        }

                        @Override
                        public void flush() {
                        }
                    });
        }
    }
}
