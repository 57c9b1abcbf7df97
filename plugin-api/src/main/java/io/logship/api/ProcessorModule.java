package io.logship.api;

import java.util.function.Consumer;

/** A processor in a route's path: takes each event and emits zero or more events, in order. */
public interface ProcessorModule extends Module {
    void process(Event event, Consumer<Event> emit) throws LogshipException;
}
