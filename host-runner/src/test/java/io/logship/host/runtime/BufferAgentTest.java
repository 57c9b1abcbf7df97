package io.logship.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logship.api.LogshipException;
import io.logship.host.runtime.TestModules.CollectingOutput;
import io.logship.host.runtime.TestModules.ListInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** pm_buffer in a route's path ({@code Path in => buf => out}), Type Disk and Mem, with the real agent. */
@Timeout(60)
class BufferAgentTest {
    @TempDir
    Path dir;

    private final ch.qos.logback.classic.Logger bufLog =
            (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("logship.buf");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        appender.start();
        bufLog.addAppender(appender);
    }

    @AfterEach
    void release() {
        bufLog.detachAppender(appender);
    }

    private List<String> warnings(String containing) {
        synchronized (appender.list) {
            return appender.list.stream().filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(containing)).toList();
        }
    }

    private static Map<String, String> committed(TestPipeline p, String name) {
        try {
            return new FileCheckpointStore(p.cacheDir()).load(name);
        } catch (LogshipException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lines(int n) {
        return IntStream.range(0, n).mapToObj(i -> "x-" + i).toList();
    }

    private long segmentFiles(TestPipeline p) {
        try (Stream<Path> s = Files.list(p.spoolDir())) {
            return s.filter(f -> f.getFileName().toString().matches("buf\\.\\d+\\.q")).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private long segmentBytes(TestPipeline p) {
        try (Stream<Path> s = Files.list(p.spoolDir())) {
            return s.filter(f -> f.getFileName().toString().matches("buf\\.\\d+\\.q")).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestPipeline route(TestPipeline p) {
        return p.route(List.of("in"), List.of("buf"), List.of("out"));
    }

    @Test
    void disk_whenOutputIsDownForAWhile_commitsInputAtDurabilityThenDeliversEverythingInOrder() throws Exception {
        CollectingOutput out = new CollectingOutput();
        out.writeGate = new CountDownLatch(1); // down
        TestPipeline p = route(new TestPipeline(dir).input("in", new ListInput("x", 3000))
                .buffer("buf", "Type", "Disk", "MaxSize", "1024").output("out", out, 100));
        Agent agent = new Agent(p.build(), TestPipeline.options());
        CompletableFuture<Integer> run = AgentTest.runInBackground(agent);

        AgentTest.await("the input committed everything while the output is down",
                () -> Map.of("", "3000").equals(committed(p, "in")));
        assertThat(out.durable).isEmpty();
        assertThat(segmentFiles(p)).as("3000 events take more than one segment of 256 KiB").isGreaterThan(1);

        out.writeGate.countDown(); // back
        AgentTest.await("everything delivered", () -> out.durable.size() >= 3000);
        assertThat(out.durableRaw()).isEqualTo(lines(3000));
        AgentTest.await("the buffer's position committed and its consumed segments deleted",
                () -> !committed(p, "buf").isEmpty() && segmentFiles(p) == 1); // the one being written stays
        agent.stop();
        assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void disk_whenRestartedWhileTheOutputWasDown_replaysWhatItHeldInOrder() throws Exception {
        CollectingOutput down = new CollectingOutput();
        down.writeGate = new CountDownLatch(1);
        TestPipeline p1 = route(new TestPipeline(dir).input("in", new ListInput("x", 2000))
                .buffer("buf", "Type", "Disk", "MaxSize", "4096").output("out", down, 100));
        Agent first = new Agent(p1.build(), TestPipeline.options().withStopTimeout(Duration.ofMillis(500)));
        CompletableFuture<Integer> run1 = AgentTest.runInBackground(first);
        AgentTest.await("input committed", () -> Map.of("", "2000").equals(committed(p1, "in")));
        first.stop();
        run1.get(30, TimeUnit.SECONDS); // the stalled output is abandoned: nothing after the buffer committed
        assertThat(down.durable).isEmpty();

        CollectingOutput out = new CollectingOutput();
        TestPipeline p2 = route(new TestPipeline(dir).input("in", new ListInput("x", 2000))
                .buffer("buf", "Type", "Disk", "MaxSize", "4096").output("out", out));
        assertThat(new Agent(p2.build(), TestPipeline.options()).runOnce()).isZero();

        assertThat(out.durableRaw()).as("the input posts nothing new; the buffer replays all it held")
                .isEqualTo(lines(2000));
        assertThat(segmentBytes(p2)).as("all consumed").isLessThan(2000L * 10);
    }

    @Test
    void disk_whenFull_makesTheInputWaitAndHoldsNoMoreThanMaxSize() throws Exception {
        CollectingOutput out = new CollectingOutput();
        out.writeGate = new CountDownLatch(1);
        ListInput in = new ListInput("x", 3000);
        TestPipeline p = route(new TestPipeline(dir).input("in", in)
                .buffer("buf", "Type", "Disk", "MaxSize", "32", "WarnLimit", "16").output("out", out, 10));
        Agent agent = new Agent(p.build(), TestPipeline.options().withQueueCapacity(10));
        CompletableFuture<Integer> run = AgentTest.runInBackground(agent);

        AgentTest.await("the buffer is full", () -> !warnings("full (").isEmpty());
        InputRunner input = agent.inputs().get(0);
        long posted = input.postedCount();
        assertThat(posted).as("the input waits: it has not posted everything").isLessThan(3000);
        assertThat(segmentBytes(p)).as("at most MaxSize of records plus the segment headers")
                .isLessThanOrEqualTo(32 * 1024 + 16 * 8);
        assertThat(warnings("WarnLimit")).singleElement().asString()
                .startsWith("pm_buffer buf: holds ").endsWith("reaching its WarnLimit of 16 KiB (MaxSize 32 KiB)");
        assertThat(warnings("full (")).singleElement().asString().startsWith("pm_buffer buf: full (")
                .endsWith("of MaxSize 32 KiB): the inputs feeding it wait (those with FlowControl FALSE drop) until "
                        + "the outputs after it take events again");

        out.writeGate.countDown();
        AgentTest.await("everything delivered", () -> out.durable.size() >= 3000);
        assertThat(out.durableRaw()).isEqualTo(lines(3000));
        agent.stop();
        assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void disk_whenFullAndInputHasFlowControlFalse_dropsAndCountsAndDeliversTheRestInOrder() throws Exception {
        CollectingOutput out = new CollectingOutput();
        out.writeGate = new CountDownLatch(1);
        FlowControlAgentTest.BurstInput in = new FlowControlAgentTest.BurstInput();
        TestPipeline p = new TestPipeline(dir).droppingInput("in", in)
                .buffer("buf", "Type", "Disk", "MaxSize", "16").output("out", out, 10)
                .route(List.of("in"), List.of("buf"), List.of("out"));
        Agent agent = new Agent(p.build(), TestPipeline.options().withQueueCapacity(10));
        CompletableFuture<Integer> run = AgentTest.runInBackground(agent);
        AgentTest.await("agent started", agent::isRunning);

        in.burst.set(2000);
        AgentTest.await("2000 posts returned while the output is down", () -> in.posted.get() == 2000);
        long dropped = agent.inputs().get(0).fullDropped();
        assertThat(dropped).as("the buffer (16 KiB) and the queues hold a few hundred; the rest is dropped")
                .isBetween(1000L, 1990L);
        out.writeGate.countDown();
        AgentTest.await("the kept events delivered", () -> out.durable.size() == 2000 - dropped);
        assertThat(out.durableRaw().stream().map(s -> Integer.parseInt(s.substring(2))).toList()).isSorted();
        agent.stop();
        assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void mem_whenOutputIsDown_absorbsTheBurstButCommitsOnlyWhatTheOutputFlushed() throws Exception {
        CollectingOutput out = new CollectingOutput();
        out.writeGate = new CountDownLatch(1);
        ListInput in = new ListInput("x", 3000);
        TestPipeline p = route(new TestPipeline(dir).input("in", in)
                .buffer("buf", "Type", "Mem", "MaxSize", "2048", "WarnLimit", "100").output("out", out, 10));
        Agent agent = new Agent(p.build(), TestPipeline.options());
        CompletableFuture<Integer> run = AgentTest.runInBackground(agent);
        AgentTest.await("agent started", agent::isRunning);

        AgentTest.await("the buffer took the whole burst", () -> agent.inputs().get(0).postedCount() == 3000);
        assertThat(agent.outputs().get(0).queueSize()).isLessThanOrEqualTo(10);
        AgentTest.await("WarnLimit crossed", () -> !warnings("WarnLimit").isEmpty());
        assertThat(committed(p, "in")).as("nothing is committed that only the memory buffer holds").isEmpty();

        out.writeGate.countDown();
        AgentTest.await("everything committed", () -> Map.of("", "3000").equals(committed(p, "in")));
        assertThat(out.durableRaw()).isEqualTo(lines(3000));
        assertThat(warnings("WarnLimit")).hasSize(1);
        agent.stop();
        assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void mem_whenFullAndInputHasFlowControlFalse_dropsAndCountsInsteadOfWaiting() throws Exception {
        CollectingOutput out = new CollectingOutput();
        out.writeGate = new CountDownLatch(1);
        FlowControlAgentTest.BurstInput in = new FlowControlAgentTest.BurstInput();
        TestPipeline p = new TestPipeline(dir).droppingInput("in", in)
                .buffer("buf", "Type", "Mem", "MaxSize", "8").output("out", out, 10)
                .route(List.of("in"), List.of("buf"), List.of("out"));
        Agent agent = new Agent(p.build(), TestPipeline.options());
        CompletableFuture<Integer> run = AgentTest.runInBackground(agent);
        AgentTest.await("agent started", agent::isRunning);

        in.burst.set(1000);
        AgentTest.await("1000 posts returned while the output is down", () -> in.posted.get() == 1000);
        long dropped = agent.inputs().get(0).fullDropped();
        assertThat(dropped).isPositive().isLessThan(1000);
        out.writeGate.countDown();
        AgentTest.await("the kept events delivered", () -> out.durable.size() == 1000 - dropped);
        assertThat(out.durableRaw().stream().map(s -> Integer.parseInt(s.substring(2))).toList()).isSorted();
        agent.stop();
        assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
    }
}
