package io.logship.python;

import io.logship.api.Event;
import io.logship.api.InputContext;
import io.logship.api.support.SimpleModuleContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * A host stand-in for tests: collects posted events, remembers the last scheduled read, and keeps
 * "committed" positions that a test sets as the host would after outputs flushed.
 */
final class TestInputContext extends SimpleModuleContext implements InputContext {
    final List<Event> posted = new ArrayList<>();
    final Map<String, String> committed = new LinkedHashMap<>();
    final String instance;
    Duration scheduled;
    int reads;
    /** False: count posted events without keeping them (benchmarks). */
    boolean keep = true;
    long postedCount;
    long firstPostNanos;

    TestInputContext(String instance, Path dir) {
        super(instance, "test", LoggerFactory.getLogger("test." + instance), dir);
        this.instance = instance;
    }

    /** Runs read callbacks as the host would: once, then while the script schedules an immediate read. */
    void runUntilIdle(io.logship.api.InputModule in, int maxReads) throws Exception {
        do {
            scheduled = null;
            reads++;
            in.read(this);
        } while (Duration.ZERO.equals(scheduled) && reads < maxReads);
    }

    /** What the host does once every output flushed: commit the newest position of each stream. */
    void commitAll() {
        for (Event e : posted) {
            if (e.position() != null) {
                committed.put(e.position().stream(), e.position().value());
            }
        }
    }

    @Override
    public boolean post(Event event) {
        if (postedCount++ == 0) {
            firstPostNanos = System.nanoTime();
        }
        if (keep) {
            posted.add(event);
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
}
