package io.logship.s3.input;

import io.logship.api.Event;
import io.logship.api.InputContext;
import io.logship.api.Position;
import io.logship.api.support.SimpleModuleContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * An InputContext for tests: collects posted events (or only counts them), records scheduleRead, and
 * simulates the host's commits ({@link #commit}) and a crash after N posts ({@link #crashAfter}).
 */
class TestInputContext extends SimpleModuleContext implements InputContext {
    final List<Event> events = java.util.Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> committed = new java.util.concurrent.ConcurrentHashMap<>();
    final Path cacheDir;
    final String instance;
    final boolean keep;
    volatile Duration scheduled;
    long posted;
    long crashAfter = Long.MAX_VALUE;
    boolean crashed;
    /** Called with each event as it is posted (e.g. to change the bucket at a chosen moment). */
    java.util.function.Consumer<Event> onPost = e -> { };

    TestInputContext(Path cacheDir, String instance) {
        this(cacheDir, instance, true);
    }

    TestInputContext(Path cacheDir, String instance, boolean keep) {
        super(instance, "im_s3", LoggerFactory.getLogger("test." + instance), cacheDir);
        this.cacheDir = cacheDir;
        this.instance = instance;
        this.keep = keep;
    }

    /** A context for the next run: the committed positions survive, nothing else. */
    TestInputContext restart() {
        TestInputContext next = new TestInputContext(cacheDir, instance, keep);
        next.committed.putAll(committed);
        return next;
    }

    /** Commits the positions of the first n posted events (what the host does after outputs flushed). */
    void commit(int n) {
        for (int i = 0; i < n; i++) {
            Position p = events.get(i).position();
            if (p != null) {
                committed.put(p.stream(), p.value());
            }
        }
    }

    void commitAll() {
        synchronized (events) {
            commit(events.size());
        }
    }

    @Override
    public boolean post(Event event) {
        if (posted >= crashAfter) {
            crashed = true;
            return false;
        }
        posted++;
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
        return crashed;
    }

    long counter(String name) {
        return metrics().counters().getOrDefault(name, 0L);
    }
}
