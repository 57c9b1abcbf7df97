package io.logship.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.logship.api.Event;
import io.logship.api.Fields;
import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.api.LogshipException;
import io.logship.api.ModuleContext;
import io.logship.api.Position;
import io.logship.api.ProcessorModule;
import io.logship.api.RetriableException;
import io.logship.host.runtime.TestModules.CollectingOutput;
import io.logship.host.runtime.TestModules.ListInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class AgentTest {
    @TempDir
    Path dir;

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.sleep(2);
        }
    }

    static CompletableFuture<Integer> runInBackground(Agent agent) {
        return CompletableFuture.supplyAsync(agent::runUntilStopped, r -> {
            Thread t = new Thread(r, "agent-under-test");
            t.setDaemon(true);
            t.start();
        });
    }

    private Map<String, String> committed(TestPipeline p, String input) throws LogshipException {
        return new FileCheckpointStore(p.cacheDir()).load(input);
    }

    private static List<String> lines(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + "-" + i).toList();
    }

    @Test
    void runOnce_whenTwoInputsFeedOneOutput_keepsEachInputsOrderAndCommitsLastPositions() throws Exception {
        CollectingOutput out = new CollectingOutput();
        TestPipeline p = new TestPipeline(dir).input("a", new ListInput("a", 5000)).input("b", new ListInput("b", 5000))
                .output("out", out).route(List.of("a", "b"), List.of(), List.of("out"));

        int code = new Agent(p.build(), TestPipeline.options()).runOnce();

        assertThat(code).isZero();
        List<String> got = out.durableRaw();
        assertThat(got).hasSize(10_000);
        assertThat(got.stream().filter(s -> s.startsWith("a-")).toList()).isEqualTo(lines("a", 0, 5000));
        assertThat(got.stream().filter(s -> s.startsWith("b-")).toList()).isEqualTo(lines("b", 0, 5000));
        assertThat(committed(p, "a")).containsExactly(Map.entry("", "5000"));
        assertThat(committed(p, "b")).containsExactly(Map.entry("", "5000"));
    }

    @Test
    void post_whenInputPostsEvent_fillsCoreFieldsFromInjectedClock() throws Exception {
        CollectingOutput out = new CollectingOutput();
        Instant fixed = Instant.parse("2026-01-02T03:04:05Z");
        InputModule in = ctx -> {
            ctx.post(Event.ofRaw("plain"));
            ctx.post(Event.ofRaw("own").set(Fields.HOSTNAME, "elsewhere"));
        };
        TestPipeline p = new TestPipeline(dir).input("in1", in).output("out", out).route("in1", "out");

        int code = new Agent(p.build(), TestPipeline.options().withClock(Clock.fixed(fixed, ZoneOffset.UTC))).runOnce();

        assertThat(code).isZero();
        assertThat(out.durable).hasSize(2);
        Event e = out.durable.get(0);
        assertThat(e.getString(Fields.SOURCE_MODULE_NAME)).isEqualTo("in1");
        assertThat(e.getString(Fields.SOURCE_MODULE_TYPE)).isEqualTo("im_test");
        assertThat(e.getTime(Fields.EVENT_RECEIVED_TIME)).isEqualTo(fixed);
        assertThat(e.getString(Fields.HOSTNAME)).isNotBlank();
        assertThat(out.durable.get(1).getString(Fields.HOSTNAME)).isEqualTo("elsewhere");
    }

    @Test
    void post_whenOutputIsBlocked_blocksTheInputAndQueueNeverExceedsCapacity() throws Exception {
        CollectingOutput out = new CollectingOutput();
        CountDownLatch gate = new CountDownLatch(1);
        out.writeGate = gate;
        ListInput in = new ListInput("x", 200);
        TestPipeline p = new TestPipeline(dir).input("in", in).output("out", out).route("in", "out");
        Agent agent = new Agent(p.build(), TestPipeline.options().withQueueCapacity(5));
        CompletableFuture<Integer> run = runInBackground(agent);
        await("agent started", () -> agent.outputs().size() == 1 && agent.inputs().size() == 1
                && agent.isRunning());
        InputRunner input = agent.inputs().get(0);
        OutputRunner output = agent.outputs().get(0);
        // the worker's batch is held by the blocked write, five more wait in the queue, the next post blocks
        await("queue full", () -> out.writeCalls.get() == 1 && output.queueSize() == 5
                && input.postedSeq() == output.inHand() + 5);
        long blockedAt = input.postedSeq();
        assertThat(output.inHand()).isBetween(1, OutputRunner.DRAIN_BATCH);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            assertThat(output.queueSize()).isLessThanOrEqualTo(5);
            assertThat(input.postedSeq()).isEqualTo(blockedAt);
        }
        assertThat(out.durable).isEmpty();

        gate.countDown();
        await("all delivered", () -> out.durable.size() == 200);
        agent.stop();
        assertThat(run.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(out.durableRaw()).isEqualTo(lines("x", 0, 200));
    }

    @Test
    void start_whenLogqueueSizeIsConfigured_sizesEachOutputsQueueFromItsBlockElseTheGlobal() throws Exception {
        TestPipeline p = new TestPipeline(dir).input("in", new ListInput("x", 10))
                .output("own", new CollectingOutput(), 7).output("global", new CollectingOutput())
                .route(List.of("in"), List.of(), List.of("own", "global")).logqueueSize(3);
        Agent agent = new Agent(p.build(), TestPipeline.options());
        assertThat(agent.runOnce()).isZero();
        assertThat(agent.outputs()).extracting(OutputRunner::name, OutputRunner::capacity)
                .containsExactly(tuple("own", 7), tuple("global", 3));

        TestPipeline q = new TestPipeline(dir.resolve("b")).input("in", new ListInput("x", 10))
                .output("out", new CollectingOutput()).route("in", "out");
        Agent plain = new Agent(q.build(), TestPipeline.options().withQueueCapacity(11));
        assertThat(plain.runOnce()).isZero();
        assertThat(plain.outputs()).extracting(OutputRunner::capacity).containsExactly(11);
    }

    @Test
    void commit_whenCacheFlushIntervalIsAlways_commitsWhileRunningDespiteALongDefault() throws Exception {
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        InputModule in = ctx -> {
            seen.add(ctx.committedPositions());
            if (seen.size() == 1) {
                ctx.post(Event.ofRaw("x").position(io.logship.api.Position.of("p1")));
            }
            ctx.scheduleRead(Duration.ofMillis(5));
        };
        TestPipeline p = new TestPipeline(dir).input("in", in).output("out", new CollectingOutput())
                .route("in", "out").cacheFlushInterval(Duration.ZERO);
        Agent agent = new Agent(p.build(), TestPipeline.options().withCommitInterval(Duration.ofHours(1)));
        CompletableFuture<Integer> run = runInBackground(agent);

        await("the input sees its own commit", () -> !seen.isEmpty()
                && "p1".equals(seen.get(seen.size() - 1).get("")));
        agent.stop();
        assertThat(run.get(20, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void commit_whenOneOfTwoOutputsCannotFlush_positionWaitsUntilItSucceeds() throws Exception {
        CollectingOutput fast = new CollectingOutput();
        CollectingOutput slow = new CollectingOutput();
        slow.flushFailsRetriable = true;
        TestPipeline p = new TestPipeline(dir).input("in", new ListInput("x", 300)).output("fast", fast)
                .output("slow", slow).route(List.of("in"), List.of(), List.of("fast", "slow"));
        Agent agent = new Agent(p.build(), TestPipeline.options());
        CompletableFuture<Integer> run = runInBackground(agent);

        await("fast output flushed everything", () -> fast.durable.size() == 300);
        await("slow output retried its flush", () -> slow.flushCalls.get() >= 5);
        InputRunner input = agent.inputs().get(0);
        // several commit intervals pass while the slow output still fails: nothing is committed
        int commitsToWatch = 5;
        for (int i = 0; i < commitsToWatch; i++) {
            int calls = slow.flushCalls.get();
            await("another failed flush", () -> slow.flushCalls.get() > calls);
            assertThat(committed(p, "in")).isEmpty();
            assertThat(input.commitPoint()).isZero();
        }

        slow.flushFailsRetriable = false;
        await("slow output flushed", () -> slow.durable.size() == 300);
        await("position committed", () -> {
            try {
                return "300".equals(committed(p, "in").get(""));
            } catch (LogshipException e) {
                throw new IllegalStateException(e);
            }
        });
        agent.stop();
        assertThat(run.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(slow.durableRaw()).isEqualTo(lines("x", 0, 300));
    }

    @Test
    void write_whenWritesAndFlushesFailRetriably_neverLosesOrReordersEvents() throws Exception {
        CollectingOutput out = new CollectingOutput();
        out.failEveryNthWrite = 7;
        out.failEveryNthFlush = 3;
        AtomicInteger runtimeFailures = new AtomicInteger();
        out.beforeWrite = e -> {
            if ("x-500".equals(e.raw()) && runtimeFailures.getAndIncrement() == 0) {
                throw new IllegalStateException("injected bug");
            }
        };
        TestPipeline p = new TestPipeline(dir).input("in", new ListInput("x", 2000)).output("out", out)
                .route("in", "out");

        int code = new Agent(p.build(), TestPipeline.options()).runOnce();

        assertThat(code).isZero();
        assertThat(runtimeFailures.get()).isEqualTo(2);
        assertThat(out.durableRaw()).isEqualTo(lines("x", 0, 2000));
        assertThat(committed(p, "in")).containsExactly(Map.entry("", "2000"));
    }

    @Test
    void stop_whenRunning_stopsInputsThenFlushesAndCommitsEverythingPosted() throws Exception {
        List<String> lifecycle = new CopyOnWriteArrayList<>();
        CollectingOutput out = new CollectingOutput(lifecycle);
        // an endless input: posts as fast as it can
        ListInput in = new ListInput("x", Integer.MAX_VALUE, 50, null, lifecycle);
        TestPipeline p = new TestPipeline(dir).input("in", in).output("out", out).route("in", "out");
        Agent agent = new Agent(p.build(), TestPipeline.options().withFlushMaxEvents(1_000_000));
        CompletableFuture<Integer> run = runInBackground(agent);
        await("some events delivered", () -> out.durable.size() > 5000);

        agent.stop();

        assertThat(run.get(20, TimeUnit.SECONDS)).isZero();
        InputRunner input = agent.inputs().get(0);
        long posted = input.postedSeq();
        assertThat(out.pending).isEmpty();
        assertThat(out.durable).hasSize((int) posted);
        assertThat(out.durableRaw()).isEqualTo(lines("x", 0, (int) posted));
        assertThat(committed(p, "in")).containsExactly(Map.entry("", String.valueOf(posted)));
        assertThat(lifecycle).containsExactly("start out", "start in", "stop in", "stop out");
    }

    @Test
    void run_whenRestarted_givesInputItsCommittedPositionAndResumes() throws Exception {
        CollectingOutput first = new CollectingOutput();
        TestPipeline p1 = new TestPipeline(dir).input("in", new ListInput("x", 100)).output("out", first)
                .route("in", "out");
        assertThat(new Agent(p1.build(), TestPipeline.options()).runOnce()).isZero();

        CollectingOutput second = new CollectingOutput();
        ListInput again = new ListInput("x", 250);
        TestPipeline p2 = new TestPipeline(dir).input("in", again).output("out", second).route("in", "out");
        assertThat(new Agent(p2.build(), TestPipeline.options()).runOnce()).isZero();

        assertThat(again.committedAtStart).containsExactly(Map.entry("", "100"));
        assertThat(second.durableRaw()).isEqualTo(lines("x", 100, 250));
    }

    @Test
    void run_whenPositionFileIsCorrupt_doesNotStartAndKeepsTheFile() throws Exception {
        List<String> lifecycle = new CopyOnWriteArrayList<>();
        TestPipeline p = new TestPipeline(dir).input("in", new ListInput("x", 10, 10, null, lifecycle))
                .output("out", new CollectingOutput(lifecycle)).route("in", "out");
        Path pos = new FileCheckpointStore(p.cacheDir()).fileFor("in");
        Files.createDirectories(pos.getParent());
        Files.writeString(pos, "logship-positions 1\n\t12\nend 1 0000", StandardCharsets.UTF_8);

        int code = new Agent(p.build(), TestPipeline.options()).runOnce();

        assertThat(code).isEqualTo(1);
        assertThat(lifecycle).isEmpty();
        assertThat(Files.readString(pos)).isEqualTo("logship-positions 1\n\t12\nend 1 0000");
    }

    @Test
    void run_whenModulesStartAndStop_followsExtensionOutputProcessorInputOrder() throws Exception {
        List<String> lifecycle = new CopyOnWriteArrayList<>();
        TestPipeline p = new TestPipeline(dir)
                .input("in", new ListInput("x", 10, 10, null, lifecycle))
                .processor("proc", new RecordingProcessor(lifecycle, e -> { }))
                .output("out", new CollectingOutput(lifecycle))
                .extension("ext", new RecordingProcessor(lifecycle, e -> { }))
                .route(List.of("in"), List.of("proc"), List.of("out"));

        assertThat(new Agent(p.build(), TestPipeline.options()).runOnce()).isZero();

        assertThat(lifecycle).containsExactly("start ext", "start out", "start proc", "start in",
                "stop in", "stop proc", "stop out", "stop ext");
    }

    @Test
    void run_whenAnOutputFailsToStart_stopsWhatStartedAndReturnsNonZero() throws Exception {
        List<String> lifecycle = new CopyOnWriteArrayList<>();
        CollectingOutput broken = new CollectingOutput(lifecycle) {
            @Override
            public void start(ModuleContext context) {
                throw new IllegalStateException("cannot open /nowhere");
            }
        };
        TestPipeline p = new TestPipeline(dir)
                .extension("ext", new RecordingProcessor(lifecycle, e -> { }))
                .input("in", new ListInput("x", 10, 10, null, lifecycle))
                .output("ok", new CollectingOutput(lifecycle)).output("broken", broken)
                .route(List.of("in"), List.of(), List.of("ok", "broken"));

        int code = new Agent(p.build(), TestPipeline.options()).runOnce();

        assertThat(code).isEqualTo(1);
        assertThat(lifecycle).containsExactly("start ext", "start ok", "stop ok", "stop ext");
    }

    @Test
    void route_whenProcessorsInPath_appliesThemInOrderAndCommitsPastDroppedEvents() throws Exception {
        List<String> lifecycle = new CopyOnWriteArrayList<>();
        CollectingOutput out = new CollectingOutput();
        ProcessorModule upper = new RecordingProcessor(lifecycle, e -> e.set(Fields.RAW_EVENT, e.raw() + "!"));
        ProcessorModule dropOdd = (event, emit) -> {
            int n = Integer.parseInt(event.raw().replaceAll("\\D", ""));
            if (n % 2 == 0) {
                emit.accept(event);
            }
        };
        TestPipeline p = new TestPipeline(dir).input("in", new ListInput("x", 101)).processor("bang", upper)
                .processor("even", dropOdd).output("out", out)
                .route(List.of("in"), List.of("bang", "even"), List.of("out"));

        assertThat(new Agent(p.build(), TestPipeline.options()).runOnce()).isZero();

        assertThat(out.durableRaw()).isEqualTo(IntStream.range(0, 101).filter(i -> i % 2 == 0)
                .mapToObj(i -> "x-" + i + "!").toList());
        assertThat(committed(p, "in")).containsExactly(Map.entry("", "101"));
    }

    @Test
    void read_whenInputNeverSchedules_isCalledExactlyOnce() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        InputModule in = ctx -> {
            reads.incrementAndGet();
            ctx.post(Event.ofRaw("only"));
        };
        CollectingOutput out = new CollectingOutput();
        TestPipeline p = new TestPipeline(dir).input("in", in).output("out", out).route("in", "out");
        Agent agent = new Agent(p.build(), TestPipeline.options());
        CompletableFuture<Integer> run = runInBackground(agent);
        await("delivered", () -> out.durable.size() == 1);
        // several commit ticks and scheduler wakeups pass: no second read
        InputRunner input = agent.inputs().get(0);
        await("first read done", () -> input.readsDone() == 1);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        while (System.nanoTime() < until) {
            assertThat(reads.get()).isEqualTo(1);
            Thread.sleep(5);
        }
        agent.stop();
        assertThat(run.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(reads.get()).isEqualTo(1);
    }

    @Test
    void committedPositions_whenRunning_showsWhatThisRunHasCommitted() throws Exception {
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        CollectingOutput out = new CollectingOutput();
        InputModule in = ctx -> {
            seen.add(ctx.committedPositions());
            if (seen.size() == 1) {
                ctx.post(Event.ofRaw("x").position(io.logship.api.Position.of("p1")));
            }
            ctx.scheduleRead(Duration.ofMillis(5));
        };
        TestPipeline p = new TestPipeline(dir).input("in", in).output("out", out).route("in", "out");
        Agent agent = new Agent(p.build(), TestPipeline.options());
        CompletableFuture<Integer> run = runInBackground(agent);

        await("the input sees its own commit", () -> !seen.isEmpty()
                && "p1".equals(seen.get(seen.size() - 1).get("")));
        agent.stop();

        assertThat(run.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(seen.get(0)).isEmpty();
        assertThat(committed(p, "in")).containsExactly(Map.entry("", "p1"));
    }

    @Test
    void read_whenScheduledRepeatedly_isCalledAgainUntilItStops() throws Exception {
        List<Integer> reads = new CopyOnWriteArrayList<>();
        InputModule in = ctx -> {
            reads.add(reads.size());
            if (reads.size() < 5) {
                // last call wins; ZERO ("I have more") keeps --once from taking the input as caught up between
                // reads, which a later read that posted nothing would allow
                ctx.scheduleRead(Duration.ofMillis(50));
                ctx.scheduleRead(Duration.ZERO);
            }
        };
        TestPipeline p = new TestPipeline(dir).input("in", in).output("out", new CollectingOutput())
                .route("in", "out");

        assertThat(new Agent(p.build(), TestPipeline.options()).runOnce()).isZero();

        assertThat(reads).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void read_whenItThrows_isRetriedAndFinallySucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CollectingOutput out = new CollectingOutput();
        InputModule in = ctx -> {
            int n = calls.incrementAndGet();
            if (n == 1) {
                throw new RetriableException("store is down", null);
            }
            if (n == 2) {
                throw new IllegalStateException("bug in the input");
            }
            ctx.post(Event.ofRaw("finally").position(Position.of("1")));
        };
        TestPipeline p = new TestPipeline(dir).input("in", in).output("out", out).route("in", "out");

        assertThat(new Agent(p.build(), TestPipeline.options()).runOnce()).isZero();

        assertThat(calls.get()).isEqualTo(3);
        assertThat(out.durableRaw()).containsExactly("finally");
        assertThat(committed(p, "in")).containsExactly(Map.entry("", "1"));
    }

    @Test
    void runOnce_whenInputIdlesWithLongPollInterval_terminatesWithoutWaitingForIt() throws Exception {
        CollectingOutput out = new CollectingOutput();
        ListInput in = new ListInput("x", 1000, 100, Duration.ofHours(1), new CopyOnWriteArrayList<>());
        TestPipeline p = new TestPipeline(dir).input("in", in).output("out", out).route("in", "out");

        assertThat(new Agent(p.build(), TestPipeline.options()).runOnce()).isZero();

        assertThat(out.durableRaw()).isEqualTo(lines("x", 0, 1000));
        assertThat(committed(p, "in")).containsExactly(Map.entry("", "1000"));
    }

    @Test
    void commit_whenEventsCarrySeveralStreams_commitsNewestValuePerStream() throws Exception {
        CollectingOutput out = new CollectingOutput();
        InputModule in = ctx -> {
            ctx.post(Event.ofRaw("a1").position(new Position("a", "1")));
            ctx.post(Event.ofRaw("b1").position(new Position("b", "1")));
            ctx.post(Event.ofRaw("none"));
            ctx.post(Event.ofRaw("a2").position(new Position("a", "2")));
        };
        TestPipeline p = new TestPipeline(dir).input("in", in).output("out", out).route("in", "out");

        assertThat(new Agent(p.build(), TestPipeline.options()).runOnce()).isZero();

        assertThat(committed(p, "in")).containsOnly(Map.entry("a", "2"), Map.entry("b", "1"));
    }

    @Test
    void commit_whenLongRunsOfStreamsInterleave_commitsTheNewestValueOfEveryStream() throws Exception {
        CollectingOutput out = new CollectingOutput();
        // runs longer and shorter than the host's checkpoint spacing, streams coming back after others
        int[] runs = {1, 200, 3, 64, 65, 1, 130, 2};
        String[] streams = {"a", "b", "a", "c", "b", "c", "a", "d"};
        Map<String, String> expected = new java.util.HashMap<>();
        InputModule in = ctx -> {
            int n = 0;
            for (int r = 0; r < runs.length; r++) {
                for (int i = 0; i < runs[r]; i++) {
                    n++;
                    ctx.post(Event.ofRaw("e" + n).position(new Position(streams[r], Integer.toString(n))));
                    expected.put(streams[r], Integer.toString(n));
                }
            }
        };
        TestPipeline p = new TestPipeline(dir).input("in", in).output("out", out).route("in", "out");

        assertThat(new Agent(p.build(), TestPipeline.options()).runOnce()).isZero();

        assertThat(committed(p, "in")).isEqualTo(expected);
    }

    @Test
    void commit_whenFlushesStopMidStream_neverCommitsPastTheLastFlushedEvent() throws Exception {
        CollectingOutput out = new CollectingOutput();
        int failFrom = 777;
        out.beforeWrite = e -> {
            if (e.raw().equals("x-" + failFrom)) {
                out.flushFailsRetriable = true; // from here on nothing more becomes durable
            }
        };
        TestPipeline p = new TestPipeline(dir).input("in", new ListInput("x", 5000)).output("out", out)
                .route("in", "out");
        Agent agent = new Agent(p.build(), TestPipeline.options());
        CompletableFuture<Integer> run = runInBackground(agent);

        await("the output failed to flush a few times", () -> out.flushCalls.get() >= 5 && out.flushFailsRetriable);
        int durable = out.durable.size();
        int flushes = out.flushCalls.get();
        await("another flush attempt (a commit ran meanwhile)", () -> out.flushCalls.get() > flushes + 2);
        String committedValue = committed(p, "in").getOrDefault("", "0");
        out.flushFailsRetriable = false;
        await("everything flushed", () -> out.durable.size() == 5000);
        agent.stop();
        assertThat(run.get(20, TimeUnit.SECONDS)).isZero();

        // ListInput's position is the count of events posted: the commit may lag the flushes, never pass them
        assertThat(durable).isLessThanOrEqualTo(failFrom);
        assertThat(Integer.parseInt(committedValue)).isLessThanOrEqualTo(durable);
        assertThat(committed(p, "in")).containsExactly(Map.entry("", "5000"));
        assertThat(out.durableRaw()).isEqualTo(lines("x", 0, 5000));
    }

    @Test
    void stop_whenOutputNeverRecovers_givesUpAfterTimeoutWithoutCommittingUnflushedEvents() throws Exception {
        CollectingOutput out = new CollectingOutput();
        out.flushFailsRetriable = true;
        TestPipeline p = new TestPipeline(dir).input("in", new ListInput("x", 50)).output("out", out)
                .route("in", "out");
        Agent agent = new Agent(p.build(), TestPipeline.options().withStopTimeout(Duration.ofMillis(500)));
        CompletableFuture<Integer> run = runInBackground(agent);
        await("flush attempted", () -> out.flushCalls.get() >= 2);

        agent.stop();

        assertThat(run.get(20, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(committed(p, "in")).isEmpty();
    }

    @Test
    void stop_whenInputIsBlockedOnAFullQueue_postReturnsFalseAndNothingUnflushedIsCommitted() throws Exception {
        CollectingOutput out = new CollectingOutput();
        out.writeGate = new CountDownLatch(1); // never opens: the output is stuck in its first write
        List<Boolean> postResults = new CopyOnWriteArrayList<>();
        AtomicInteger readsReturned = new AtomicInteger();
        InputModule in = ctx -> {
            try {
                for (int i = 0; i < 100; i++) {
                    boolean ok = ctx.post(Event.ofRaw("x-" + i).position(Position.of(String.valueOf(i + 1))));
                    postResults.add(ok);
                    if (!ok) {
                        return;
                    }
                }
            } finally {
                readsReturned.incrementAndGet();
            }
        };
        TestPipeline p = new TestPipeline(dir).input("in", in).output("out", out).route("in", "out");
        Agent agent = new Agent(p.build(), TestPipeline.options().withQueueCapacity(3)
                .withStopTimeout(Duration.ofMillis(500)));
        CompletableFuture<Integer> run = runInBackground(agent);
        await("input blocked on the full queue", () -> agent.isRunning() && out.writeCalls.get() == 1
                && agent.outputs().get(0).queueSize() == 3
                && postResults.size() == agent.outputs().get(0).inHand() + 3);
        int accepted = postResults.size();

        agent.stop();

        assertThat(run.get(20, TimeUnit.SECONDS)).isEqualTo(1); // the stuck output could not drain
        assertThat(readsReturned.get()).isEqualTo(1);
        assertThat(postResults).hasSize(accepted + 1).endsWith(false);
        assertThat(postResults.subList(0, accepted)).containsOnly(true);
        assertThat(out.durable).isEmpty();
        assertThat(committed(p, "in")).isEmpty();
    }

    @Test
    void stop_whenDone_logsOneStatsLinePerInstance() throws Exception {
        ch.qos.logback.classic.Logger agentLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger("logship.agent");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        agentLog.addAppender(appender);
        try {
            CollectingOutput out = new CollectingOutput();
            TestPipeline p = new TestPipeline(dir).input("in", new ListInput("x", 42)).output("out", out)
                    .route("in", "out");

            assertThat(new Agent(p.build(), TestPipeline.options()).runOnce()).isZero();

            List<String> lines = appender.list.stream().map(e -> e.getFormattedMessage()).toList();
            assertThat(lines).anyMatch(l -> l.startsWith("final: input in (im_test): in=42"));
            assertThat(lines).anyMatch(l -> l.startsWith("final: output out (om_test): out=42 ")
                    && l.contains("queue=0/1000"));
            assertThat(lines).contains("logship stopped");
        } finally {
            agentLog.detachAppender(appender);
        }
    }

    @Test
    void start_whenInputPostsMoreThanAQueueDuringStart_outputsAlreadyDrain() throws Exception {
        CollectingOutput out = new CollectingOutput();
        InputModule in = new InputModule() {
            @Override
            public void start(ModuleContext context) throws LogshipException {
                InputContext ctx = (InputContext) context;
                try {
                    for (int i = 0; i < 50; i++) {
                        ctx.post(Event.ofRaw("early-" + i));
                    }
                } catch (InterruptedException e) {
                    throw new LogshipException("interrupted", e);
                }
            }

            @Override
            public void read(InputContext ctx) {
            }
        };
        TestPipeline p = new TestPipeline(dir).input("in", in).output("out", out).route("in", "out");

        assertThat(new Agent(p.build(), TestPipeline.options().withQueueCapacity(4)).runOnce()).isZero();

        assertThat(out.durableRaw()).isEqualTo(lines("early", 0, 50));
    }

    /** A processor (or extension) that records its lifecycle and applies an edit. */
    static final class RecordingProcessor implements ProcessorModule, io.logship.api.ExtensionModule {
        private final List<String> lifecycle;
        private final Consumer<Event> edit;
        private String name = "?";

        RecordingProcessor(List<String> lifecycle, Consumer<Event> edit) {
            this.lifecycle = lifecycle;
            this.edit = edit;
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
        public void process(Event event, Consumer<Event> emit) {
            edit.accept(event);
            emit.accept(event);
        }
    }

}
