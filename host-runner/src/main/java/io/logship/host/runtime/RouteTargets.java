package io.logship.host.runtime;

import io.logship.api.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

/**
 * The route paths one source feeds (an input, or a disk pm_buffer's replaying side): per path its processors, then
 * its sinks. Dispatches each posted event along them, waiting for room, or, with FlowControl FALSE, dropping the
 * copy bound for a full sink ({@link FullQueueDrops}); and computes the source's commit point from every sink that
 * holds its sequence numbers. Dispatch runs on the source's thread only.
 */
final class RouteTargets {
    /** One route path seen from the source: its processors in order, then its sinks. */
    record Target(List<RouteProcessor> processors, List<Sink> sinks) {
    }

    private final List<Target> targets = new ArrayList<>();
    /** Every sink holding this source's sequence numbers, each before those after it on its path. */
    private final List<Sink> holders = new ArrayList<>();
    private FullQueueDrops fullDrops;
    /** The sinks found full while dispatching the current event. */
    private Set<String> fullNow;

    int size() {
        return targets.size();
    }

    void add(List<RouteProcessor> processors, List<? extends Sink> sinks) {
        targets.add(new Target(List.copyOf(processors), List.copyOf(sinks)));
        for (Sink s : sinks) {
            hold(s);
        }
    }

    private void hold(Sink s) {
        if (!holders.contains(s)) {
            holders.add(s);
        }
        for (Sink d : s.downstream()) {
            hold(d);
        }
    }

    /** FlowControl FALSE: from now on a copy that finds a full sink is dropped and counted. */
    void dropWhenFull(String source, Logger log, io.logship.api.Metrics metrics, Duration quiet) {
        fullDrops = new FullQueueDrops(source, log, metrics, System::nanoTime, quiet);
    }

    FullQueueDrops drops() {
        return fullDrops;
    }

    /**
     * Sends one event (sequence number {@code s} of {@code source}) along every path.
     *
     * @return false when stopped while waiting for room (seq s must not be committed)
     */
    boolean dispatch(InputRunner source, Event event, long s, BooleanSupplier stopping) throws InterruptedException {
        int n = targets.size();
        for (int r = 0; r < n; r++) {
            Target t = targets.get(r);
            Event ev = r == n - 1 ? event : event.copy();
            if (t.processors().isEmpty()) {
                if (!deliver(source, t.sinks(), ev, s, stopping)) {
                    return false;
                }
            } else {
                List<Event> evs = List.of(ev);
                for (RouteProcessor proc : t.processors()) {
                    evs = proc.apply(evs);
                }
                for (Event e : evs) {
                    if (!deliver(source, t.sinks(), e, s, stopping)) {
                        return false;
                    }
                }
            }
        }
        if (fullDrops != null) {
            if (fullNow != null) {
                fullDrops.dropped(fullNow); // dropped toward some sink: seq s is committed like a delivered one
                fullNow = null;
            } else {
                fullDrops.delivered();
            }
        }
        return true;
    }

    private boolean deliver(InputRunner source, List<Sink> sinks, Event ev, long s, BooleanSupplier stopping)
            throws InterruptedException {
        int n = sinks.size();
        for (int i = 0; i < n; i++) {
            Event copy = i == n - 1 ? ev : ev.copy();
            Sink o = sinks.get(i);
            OutputRunner.Envelope env = new OutputRunner.Envelope(source, s, copy);
            if (fullDrops != null) {
                if (!o.offer(env)) {
                    if (fullNow == null) {
                        fullNow = new LinkedHashSet<>();
                    }
                    fullNow.add(o.describe());
                }
            } else if (!o.put(env, stopping)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The highest seq of input {@code index} at or below {@code posted} that every holder is done with. Holders
     * are read upstream first, so an event moving from a memory buffer into an output between two reads is seen
     * in one of them.
     */
    long commitPoint(int index, long posted) {
        long limit = posted;
        for (Sink o : holders) {
            long e = o.enqueuedSeq(index);
            long f = o.flushedSeq(index);
            if (f < e && f < limit) {
                limit = f;
            }
        }
        return limit;
    }
}
