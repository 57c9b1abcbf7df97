package io.logship.host.runtime;

import io.logship.api.Event;
import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.api.LogshipException;
import io.logship.api.ModuleContext;
import io.logship.api.OutputModule;
import io.logship.api.Position;
import io.logship.api.RetriableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** In-test modules. */
final class TestModules {
    private TestModules() {
    }

    /**
     * Posts lines "prefix-N" for N in [first, total), {@code batch} per read, each with position N+1
     * (the next line to read), resuming from the committed position. After a read that posted it asks for
     * the next read at once; a read that finds nothing schedules {@code idle} (null: no read at all).
     */
    static final class ListInput implements InputModule {
        final String prefix;
        final int total;
        final int batch;
        final Duration idle;
        final AtomicInteger reads = new AtomicInteger();
        final List<String> lifecycle;
        volatile Map<String, String> committedAtStart;
        volatile ModuleContext startContext;
        int next = -1;

        ListInput(String prefix, int total, int batch, Duration idle, List<String> lifecycle) {
            this.prefix = prefix;
            this.total = total;
            this.batch = batch;
            this.idle = idle;
            this.lifecycle = lifecycle;
        }

        ListInput(String prefix, int total) {
            this(prefix, total, 100, Duration.ofMillis(10), new CopyOnWriteArrayList<>());
        }

        @Override
        public void start(ModuleContext context) {
            startContext = context;
            lifecycle.add("start " + context.instanceName());
        }

        @Override
        public void stop() {
            lifecycle.add("stop " + (startContext == null ? "?" : startContext.instanceName()));
        }

        @Override
        public void read(InputContext ctx) throws InterruptedException {
            reads.incrementAndGet();
            if (next < 0) {
                committedAtStart = ctx.committedPositions();
                next = ctx.committedPosition().map(Integer::parseInt).orElse(0);
            }
            int end = Math.min(total, next + batch);
            boolean postedAny = next < end;
            while (next < end) {
                if (!ctx.post(Event.ofRaw(prefix + "-" + next).position(Position.of(String.valueOf(next + 1))))) {
                    return;
                }
                next++;
            }
            if (postedAny) {
                ctx.scheduleRead(Duration.ZERO); // like a reader: read again until a read finds nothing
            } else if (idle != null) {
                ctx.scheduleRead(idle);
            }
        }
    }

    /**
     * Keeps written events; {@link #durable} holds those flushed. Hooks let a test block or fail writes
     * and flushes.
     */
    static class CollectingOutput implements OutputModule {
        final List<Event> pending = new ArrayList<>();
        final List<Event> durable = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger writeCalls = new AtomicInteger();
        final AtomicInteger flushCalls = new AtomicInteger();
        final List<String> lifecycle;
        volatile CountDownLatch writeGate;
        volatile boolean flushFailsRetriable;
        volatile String name = "?";
        volatile Consumer<Event> beforeWrite = e -> { };
        volatile int failEveryNthWrite;
        volatile int failEveryNthFlush;

        CollectingOutput(List<String> lifecycle) {
            this.lifecycle = lifecycle;
        }

        CollectingOutput() {
            this(new CopyOnWriteArrayList<>());
        }

        @Override
        public void start(ModuleContext context) {
            name = context.instanceName();
            lifecycle.add("start " + name);
        }

        @Override
        public void stop() {
            lifecycle.add("stop " + name);
        }

        @Override
        public void write(Event event) throws LogshipException, InterruptedException {
            int n = writeCalls.incrementAndGet();
            CountDownLatch gate = writeGate;
            if (gate != null) {
                gate.await();
            }
            beforeWrite.accept(event);
            if (failEveryNthWrite > 0 && n % failEveryNthWrite == 0) {
                throw new RetriableException("injected write failure " + n, null);
            }
            pending.add(event);
        }

        @Override
        public void flush() throws LogshipException {
            int n = flushCalls.incrementAndGet();
            if (flushFailsRetriable) {
                throw new RetriableException("injected flush failure", null);
            }
            if (failEveryNthFlush > 0 && n % failEveryNthFlush == 0) {
                throw new RetriableException("injected flush failure " + n, null);
            }
            durable.addAll(pending);
            pending.clear();
        }

        List<String> durableRaw() {
            synchronized (durable) {
                return durable.stream().map(Event::raw).toList();
            }
        }
    }
}
