package io.logship.s3.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void shutDown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private static Listed listed(String key) {
        return new Listed(key, 100, Instant.EPOCH, "etag", false, "");
    }

    /** Work that hands {@code n} events "key i" of 10 bytes each, after {@code gate} opens. */
    private static ReadAhead.Work events(String key, int n, CountDownLatch gate, AtomicReference<Thread> thread) {
        return job -> {
            if (thread != null) {
                thread.set(Thread.currentThread());
            }
            gate.await();
            ObjectDecoder.Outcome out = new ObjectDecoder.Outcome();
            for (int i = 0; i < n; i++) {
                if (!job.accept(Event.ofRaw(key + " " + i), 10)) {
                    out.end = ObjectDecoder.End.STOPPED;
                    return out;
                }
            }
            out.last = Event.ofRaw(key + " last");
            return out;
        };
    }

    private static List<String> drain(ReadAhead ahead, ReadAhead.Job job) throws InterruptedException {
        List<String> got = new ArrayList<>();
        ReadAhead.Chunk c;
        while ((c = ahead.take(job)) != null) {
            for (int i = 0; i < c.count(); i++) {
                got.add(c.events()[i].raw());
            }
        }
        return got;
    }

    /**
     * Waits until {@code t} is seen parked. The state is read once per check: reading it again to assert would
     * race with a worker that parks briefly on the lock and then goes on to wait for room.
     */
    private static void awaitWaiting(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean seen = false;
        while (!seen && System.nanoTime() < deadline) {
            seen = t.getState() == Thread.State.WAITING;
            Thread.onSpinWait();
        }
        assertThat(seen).as("worker waits for room").isTrue();
    }

    @Test
    void take_whenJobsDecodeInParallel_returnsEveryJobsEventsInOrderAndItsOutcome() throws Exception {
        CountDownLatch open = new CountDownLatch(0);
        try (ReadAhead ahead = new ReadAhead(1L << 30)) {
            List<ReadAhead.Job> jobs = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                ReadAhead.Job j = ahead.job(listed("k" + k), k, "k" + k, events("k" + k, 1000 + 333 * k, open, null));
                j.future(pool.submit(j));
                jobs.add(j);
            }
            for (int k = 0; k < 6; k++) {
                List<String> got = drain(ahead, jobs.get(k));
                assertThat(got).hasSize(1000 + 333 * k);
                for (int i = 0; i < got.size(); i++) {
                    assertThat(got.get(i)).isEqualTo("k" + k + " " + i);
                }
                assertThat(jobs.get(k).outcome().last.raw()).isEqualTo("k" + k + " last");
                assertThat(jobs.get(k).failure()).isNull();
            }
            assertThat(ahead.used()).isZero();
        }
    }

    @Test
    void hand_whenJobsBehindTheHeadSpentTheBudget_theyWaitWhileTheHeadGoesOn() throws Exception {
        long perEvent = 10 + ReadAhead.EVENT_OVERHEAD;
        long budget = 2 * ReadAhead.CHUNK_BYTES + perEvent;
        CountDownLatch headGate = new CountDownLatch(1);
        CountDownLatch open = new CountDownLatch(0);
        AtomicReference<Thread> behindThread = new AtomicReference<>();
        try (ReadAhead ahead = new ReadAhead(budget)) {
            // the head waits until the job behind it has spent the budget, then produces far more than it
            ReadAhead.Job head = ahead.job(listed("a"), 0, "a", events("a", 20_000, headGate, null));
            ReadAhead.Job behind = ahead.job(listed("b"), 1, "b", events("b", 20_000, open, behindThread));
            head.future(pool.submit(head));
            behind.future(pool.submit(behind));
            while (behindThread.get() == null) {
                Thread.onSpinWait();
            }
            awaitWaiting(behindThread.get());
            assertThat(ahead.used()).as("decoded events held behind the head").isLessThanOrEqualTo(budget);

            headGate.countDown();
            List<String> a = drain(ahead, head);
            assertThat(a).hasSize(20_000);
            assertThat(ahead.used()).isLessThanOrEqualTo(budget + ReadAhead.MAX_CHUNKS * ReadAhead.CHUNK_BYTES);
            List<String> b = drain(ahead, behind);
            assertThat(b).hasSize(20_000);
            assertThat(b.get(19_999)).isEqualTo("b 19999");
        }
    }

    @Test
    void close_whenWorkersWaitForRoom_theyStopAndTakeReturnsNothingMore() throws Exception {
        CountDownLatch open = new CountDownLatch(0);
        AtomicReference<Thread> t1 = new AtomicReference<>();
        ReadAhead ahead = new ReadAhead(ReadAhead.CHUNK_BYTES);
        ReadAhead.Job first = ahead.job(listed("a"), 0, "a", events("a", 100_000, open, t1));
        first.future(pool.submit(first));
        ReadAhead.Chunk c = ahead.take(first);
        assertThat(c).isNotNull();
        while (t1.get() == null) {
            Thread.onSpinWait();
        }
        awaitWaiting(t1.get()); // MAX_CHUNKS waiting for the input thread

        ahead.close();

        assertThat(ahead.take(first)).isNull();
        assertThat(first.cancelled()).isTrue();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).as("the worker returned").isTrue();
        assertThat(first.outcome().end).isEqualTo(ObjectDecoder.End.STOPPED);
        // a job made after close is cancelled from the start
        assertThat(ahead.job(listed("b"), 1, "b", events("b", 1, open, null)).cancelled()).isTrue();
    }
}
