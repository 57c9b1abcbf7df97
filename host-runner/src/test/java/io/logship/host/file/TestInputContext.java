package io.logship.host.file;

import io.logship.api.Event;
import io.logship.api.InputContext;
import io.logship.api.Position;
import io.logship.api.support.SimpleModuleContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** Collects posted events, records scheduleRead, supplies committed positions; a clock tests move by hand. */
final class TestInputContext extends SimpleModuleContext implements InputContext {
    final List<Event> events = new ArrayList<>();
    final Map<String, String> committed;
    final Path cacheDir;
    Duration scheduled;
    boolean stopping;
    /** post returns false (as when the host stops) after this many more events; negative = never. */
    int stopAfter = -1;
    private Instant now = Instant.now().minusSeconds(60);

    TestInputContext(Path cacheDir) {
        this(cacheDir, Map.of());
    }

    TestInputContext(Path cacheDir, Map<String, String> committed) {
        super("in", "im_file", LoggerFactory.getLogger("test.im_file"), cacheDir);
        this.cacheDir = cacheDir;
        this.committed = new HashMap<>(committed);
    }

    Instant now() {
        return now;
    }

    void setNow(Instant t) {
        now = t;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    List<String> lines() {
        return events.stream().map(Event::raw).toList();
    }

    /** The last position of each stream, as the host would commit once everything is flushed. */
    Map<String, String> lastPositions() {
        Map<String, String> out = new LinkedHashMap<>(committed);
        for (Event e : events) {
            Position p = e.position();
            if (p != null) {
                out.put(p.stream(), p.value());
            }
        }
        return out;
    }

    @Override
    public boolean post(Event event) {
        if (stopping || stopAfter == 0) {
            return false;
        }
        if (stopAfter > 0) {
            stopAfter--;
        }
        events.add(event);
        return true;
    }

    @Override
    public void scheduleRead(Duration delay) {
        scheduled = delay;
    }

    @Override
    public Map<String, String> committedPositions() {
        return committed;
    }

    @Override
    public Clock clock() {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    @Override
    public boolean isStopping() {
        return stopping;
    }
}
