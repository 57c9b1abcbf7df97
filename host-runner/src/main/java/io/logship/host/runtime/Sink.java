package io.logship.host.runtime;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Where a route path's events go after its processors: an output's queue ({@link OutputRunner}), or a memory
 * pm_buffer ({@link MemStage}) that passes them on to the path after it. A sink records, per posting input, the
 * highest sequence number put in it and the highest it is done with (flushed by an output; passed on by a memory
 * buffer), which is what an input's commit point is made of.
 */
interface Sink {
    /** Puts an event, waiting while full; false without putting when {@code stopping} becomes true. */
    boolean put(OutputRunner.Envelope envelope, BooleanSupplier stopping) throws InterruptedException;

    /** Puts an event if there is room now (FlowControl FALSE); false when full. */
    boolean offer(OutputRunner.Envelope envelope);

    long enqueuedSeq(int input);

    /** The highest sequence number of {@code input} this sink is done with. */
    long flushedSeq(int input);

    /** How drop warnings name this sink ("output out (1000 events)"). */
    String describe();

    /**
     * The sinks after this one that receive the same inputs' sequence numbers (a memory buffer's: the path
     * after it), nearest first; none for an output.
     */
    default List<Sink> downstream() {
        return List.of();
    }
}
