package io.logship.testkit;

import io.logship.api.Event;
import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.api.Position;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The host as an input sees it, for tests: posted events are collected ({@link #events}) or only counted
 * ({@link #keep} false), the last {@link #scheduleRead} is kept in {@link #scheduled}, and
 * {@link #committed} is an in-memory checkpoint store: what {@link #committedPositions} answers, filled
 * by the test or by {@link #commit}/{@link #commitAll} as the host would once every output flushed.
 * {@link #crashAfter} makes {@code post} refuse, as a stopping host does, and {@link #restart} gives the
 * context of the next run.
 */
public class TestInputContext extends TestModuleContext implements InputContext {
    public final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    /** Stream to committed position. */
    public final Map<String, String> committed = new ConcurrentHashMap<>();
    /** False: count posted events without keeping them; each position is committed at once instead. */
    public volatile boolean keep = true;
    /** The delay of the last {@link #scheduleRead}, null when none was asked since the test cleared it. */
    public volatile Duration scheduled;
    /** Events accepted by {@link #post}. */
    public volatile long posted;
    /** {@link System#nanoTime} of the first accepted post. */
    public volatile long firstPostNanos;
    /** Read callbacks made by {@link #runUntilIdle}. */
    public int reads;
    /**
     * Once this many events were accepted, {@link #post} returns false and the context is stopping, as
     * when the host stops (or the agent dies) in the middle of a read; {@link #resume} takes it back.
     */
    public volatile long crashAfter = Long.MAX_VALUE;
    /** True once {@link #post} refused because of {@link #crashAfter}. */
    public volatile boolean crashed;
    /** Called with each accepted event before it is kept (e.g. to change the store at a chosen moment). */
    public volatile Consumer<Event> onPost = e -> { };

    public TestInputContext(String moduleName, String instanceName, Path dir) {
        super(moduleName, instanceName, dir);
    }

    /**
     * The context for the next run of the same instance: the committed positions survive, and so do a
     * clock and extension instances the test set; nothing else does.
     */
    public TestInputContext restart() {
        TestInputContext next = new TestInputContext(moduleName(), instanceName(), cacheDir());
        carryOver(next);
        return next;
    }

    /** Copies what survives a restart into {@code next} (for subclasses' {@link #restart}). */
    protected void carryOver(TestInputContext next) {
        next.committed.putAll(committed);
        next.keep = keep;
        next.setClock(clock());
        extensions().forEach((name, ext) -> next.addExtension(name, ext.moduleName(), ext.module()));
    }

    /** Accepts posts again after {@link #crashAfter} made them refuse. */
    public void resume() {
        crashAfter = Long.MAX_VALUE;
        crashed = false;
    }

    /** Accept {@code n} more events, then refuse. */
    public void refuseAfter(long n) {
        crashAfter = posted + n;
    }

    /** Commits the positions of the first {@code n} kept events. */
    public void commit(int n) {
        synchronized (events) {
            for (int i = 0; i < n; i++) {
                Position p = events.get(i).position();
                if (p != null) {
                    committed.put(p.stream(), p.value());
                }
            }
        }
    }

    /** Commits the newest position of each stream among the kept events. */
    public void commitAll() {
        synchronized (events) {
            commit(events.size());
        }
    }

    /** What {@link #commitAll} would leave committed, without committing it. */
    public Map<String, String> lastPositions() {
        Map<String, String> out = new LinkedHashMap<>(committed);
        synchronized (events) {
            for (Event e : events) {
                Position p = e.position();
                if (p != null) {
                    out.put(p.stream(), p.value());
                }
            }
        }
        return out;
    }

    /** The raw_event of every kept event, in posting order. */
    public List<String> raws() {
        synchronized (events) {
            return events.stream().map(Event::raw).toList();
        }
    }

    /** Calls read as the host would: once, then again while the input asks for an immediate read. */
    public void runUntilIdle(InputModule in, int maxReads) throws Exception {
        do {
            scheduled = null;
            reads++;
            in.read(this);
        } while (Duration.ZERO.equals(scheduled) && reads < maxReads);
    }

    @Override
    public boolean post(Event event) {
        if (stopping || posted >= crashAfter) {
            crashed = posted >= crashAfter;
            return false;
        }
        if (posted++ == 0) {
            firstPostNanos = System.nanoTime();
        }
        onPost.accept(event);
        if (keep) {
            events.add(event);
        } else if (event.position() != null) {
            committed.put(event.position().stream(), event.position().value());
        }
        return true;
    }

    @Override
    public void scheduleRead(Duration delay) {
        scheduled = delay;
    }

    @Override
    public Map<String, String> committedPositions() {
        return Map.copyOf(committed);
    }

    @Override
    public boolean isStopping() {
        return stopping || crashed;
    }
}
