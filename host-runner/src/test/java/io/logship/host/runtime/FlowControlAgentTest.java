package io.logship.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logship.api.Event;
import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.host.runtime.TestModules.CollectingOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** FlowControl FALSE at run time: a full queue drops (and counts) instead of making post() wait. */
@Timeout(60)
class FlowControlAgentTest {
    @TempDir
    Path dir;

    private final ch.qos.logback.classic.Logger agentLog =
            (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("logship.agent");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        appender.start();
        agentLog.addAppender(appender);
    }

    @AfterEach
    void release() {
        agentLog.detachAppender(appender);
    }

    private List<String> warnings(String containing) {
        synchronized (appender.list) {
            return appender.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(containing)).toList();
        }
    }

    private List<String> infos(String prefix) {
        synchronized (appender.list) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith(prefix))
                    .toList();
        }
    }

    /** Posts "x-N" in bursts of whatever {@link #burst} asks; records the slowest post(). */
    static final class BurstInput implements InputModule {
        final AtomicInteger burst = new AtomicInteger();
        final AtomicInteger posted = new AtomicInteger();
        final AtomicLong slowestPostNanos = new AtomicLong();

        @Override
        public void read(InputContext ctx) throws InterruptedException {
            int n = burst.getAndSet(0);
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                if (!ctx.post(Event.ofRaw("x-" + posted.get()))) {
                    return;
                }
                slowestPostNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
                posted.incrementAndGet();
            }
            ctx.scheduleRead(Duration.ofMillis(5));
        }
    }

    @Test
    void post_whenFlowControlFalseAndOutputStalls_returnsAtOnceDropsCountedExactlyAndWarnsOncePerBurst()
            throws Exception {
        CollectingOutput out = new CollectingOutput();
        out.writeGate = new CountDownLatch(1); // the output takes one event and stalls on it
        BurstInput in = new BurstInput();
        TestPipeline p = new TestPipeline(dir).droppingInput("udp", in).output("out", out, 5).route("udp", "out");
        Agent agent = new Agent(p.build(), TestPipeline.options());
        CompletableFuture<Integer> run = AgentTest.runInBackground(agent);
        AgentTest.await("agent started", agent::isRunning);
        InputRunner runner = agent.inputs().get(0);

        // burst 1: 200 events against a queue of 5 whose output is stalled
        in.burst.set(200);
        AgentTest.await("200 posts returned while the output is stalled", () -> in.posted.get() == 200);
        assertThat(in.slowestPostNanos.get()).as("no post() waited for room")
                .isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
        long dropped1 = runner.fullDropped();
        assertThat(dropped1).isBetween(200L - 5 - OutputRunner.DRAIN_BATCH, 200L - 5);
        assertThat(warnings("dropping events until it has room")).containsExactly("input udp: FlowControl FALSE: "
                + "the queue of output out (5 events) is full; dropping events until it has room");

        out.writeGate.countDown(); // the output comes back: what was queued arrives, the burst ends
        AgentTest.await("the kept events flushed", () -> out.durable.size() == 200 - dropped1);
        AgentTest.await("burst 1 reported", () -> !warnings("event(s) in").isEmpty());
        assertThat(warnings("event(s) in")).singleElement().asString().startsWith("input udp: FlowControl FALSE: "
                + "dropped " + dropped1 + " event(s) in ").endsWith("while the queue of output out (5 events) was "
                + "full; " + dropped1 + " dropped since start");
        List<String> kept = out.durableRaw();
        assertThat(kept.stream().map(s -> Integer.parseInt(s.substring(2))).toList()).as("in order").isSorted();

        // burst 2: stalled again; one more pair of warnings, counts add up
        out.writeGate = new CountDownLatch(1);
        in.burst.set(100);
        AgentTest.await("300 posts returned", () -> in.posted.get() == 300);
        long dropped2 = runner.fullDropped() - dropped1;
        assertThat(dropped2).isPositive();
        out.writeGate.countDown();
        AgentTest.await("burst 2 reported", () -> warnings("event(s) in").size() == 2);
        assertThat(warnings("dropping events until it has room")).hasSize(2);
        assertThat(warnings("event(s) in").get(1)).contains("dropped " + dropped2 + " event(s) in ")
                .endsWith((dropped1 + dropped2) + " dropped since start");
        AgentTest.await("every kept event flushed", () -> out.durable.size() == 300 - dropped1 - dropped2);
        assertThat(runner.simpleMetrics().counters()).containsEntry(FullQueueDrops.COUNTER, dropped1 + dropped2);

        agent.stop();
        assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(infos("final: input udp (im_test): ")).singleElement().asString()
                .contains(" flowcontrol.dropped=" + (dropped1 + dropped2));
    }

    @Test
    void post_whenFlowControlTrue_waitsForRoomAndDropsNothing() throws Exception {
        CollectingOutput out = new CollectingOutput();
        out.writeGate = new CountDownLatch(1);
        BurstInput in = new BurstInput();
        TestPipeline p = new TestPipeline(dir).input("tcp", in).output("out", out, 5).route("tcp", "out");
        Agent agent = new Agent(p.build(), TestPipeline.options());
        CompletableFuture<Integer> run = AgentTest.runInBackground(agent);
        AgentTest.await("agent started", agent::isRunning);

        in.burst.set(200);
        AgentTest.await("the queue filled", () -> agent.outputs().get(0).queueSize() == 5);
        int before = in.posted.get();
        assertThat(before).isLessThan(200);
        out.writeGate.countDown();
        AgentTest.await("all 200 flushed", () -> out.durable.size() == 200);
        assertThat(agent.inputs().get(0).fullDropped()).isZero();
        assertThat(warnings("FlowControl FALSE")).isEmpty();
        agent.stop();
        assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
    }
}
