package io.logship.s3.input;

import io.logship.api.Event;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The objects of one listing page that are downloaded and decoded ahead of the one being posted. Each
 * {@link Job} runs on a download worker: it fetches one object, decodes it ({@link ObjectDecoder}) and hands
 * its events over in chunks; the input thread takes the jobs in key order ({@link #take}) and only posts.
 *
 * <p>Memory: the events decoded but not yet posted are bounded by {@code budget} (estimated bytes) for all
 * jobs behind the head together, plus {@link #MAX_CHUNKS} chunks of the head (the job being posted). The
 * head is never held back by the budget, and because jobs are submitted in key order to a FIFO pool, the
 * head has always started before any job behind it: a job never waits for one that cannot progress.
 *
 * <p>Threads: jobs produce on workers, the input thread consumes; {@link #close} (stop, or the page ends
 * early) may come from any thread and makes every waiting side return.
 */
final class ReadAhead implements AutoCloseable {
    /** Events per chunk handed from a worker to the input thread. */
    static final int CHUNK_EVENTS = 512;
    /** Estimated bytes per chunk at which it is handed over even if it has fewer events. */
    static final long CHUNK_BYTES = 256L << 10;
    /** Chunks one job may have waiting. */
    static final int MAX_CHUNKS = 4;
    /** Estimated heap per event beyond its text (the event, its field map, position, boxed line number). */
    static final int EVENT_OVERHEAD = 640;

    /** A run of one object's events in line order. */
    record Chunk(Event[] events, int count, long bytes) {
    }

    /** What a job does on the worker: fetch and decode, handing events to the job (its sink). */
    interface Work {
        ObjectDecoder.Outcome run(Job job) throws Exception;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final long budget;
    private final List<Job> jobs = new ArrayList<>();
    private long used;
    private Job head;
    private boolean closed;
    private long waitedNanos;

    ReadAhead(long budget) {
        this.budget = budget;
    }

    /** A new job for {@code object}; {@code work} null for an object with nothing to fetch (empty). */
    Job job(Listed object, long seq, String cursorAfter, Work work) {
        Job j = new Job(object, seq, cursorAfter, work);
        lock.lock();
        try {
            jobs.add(j);
            if (closed) {
                j.cancelled = true;
            }
        } finally {
            lock.unlock();
        }
        return j;
    }

    /**
     * The next chunk of {@code job}'s events, waiting for it; null when the job is done (then see
     * {@link Job#outcome()} and {@link Job#failure()}) or this read-ahead was closed. Makes {@code job} the
     * head.
     */
    Chunk take(Job job) throws InterruptedException {
        lock.lock();
        try {
            if (head != job) {
                head = job;
                changed.signalAll();
            }
            if (job.chunks.isEmpty() && !job.done && !closed) {
                long t0 = System.nanoTime();
                while (job.chunks.isEmpty() && !job.done && !closed) {
                    changed.await();
                }
                waitedNanos += System.nanoTime() - t0;
            }
            Chunk c = closed ? null : job.chunks.poll();
            if (c != null) {
                used -= c.bytes();
                changed.signalAll();
            }
            return c;
        } finally {
            lock.unlock();
        }
    }

    /** How long {@link #take} waited for workers so far (the input thread had nothing to post). */
    long waitedNanos() {
        lock.lock();
        try {
            return waitedNanos;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of decoded events waiting (for tests). */
    long used() {
        lock.lock();
        try {
            return used;
        } finally {
            lock.unlock();
        }
    }

    /** Cancels every job not taken to its end: workers stop decoding and drop their connections. */
    @Override
    public void close() {
        List<Job> all;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(jobs);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Job j : all) {
            j.cancel();
        }
    }

    /** One object fetched and decoded on a worker. */
    final class Job implements Runnable, ObjectDecoder.Sink {
        private final Listed object;
        private final long seq;
        private final String cursorAfter;
        private final Work work;
        private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
        private volatile boolean cancelled;
        private volatile InputStream stream;
        private volatile Future<?> future;
        private boolean done;
        private ObjectDecoder.Outcome outcome;
        private Throwable failure;
        // the chunk being filled (worker only)
        private Event[] current;
        private int capacity = 32;
        private int count;
        private long bytes;

        private Job(Listed object, long seq, String cursorAfter, Work work) {
            this.object = object;
            this.seq = seq;
            this.cursorAfter = cursorAfter;
            this.work = work;
        }

        Listed object() {
            return object;
        }

        /** The journal sequence the object's events carry (objects finished before it). */
        long seq() {
            return seq;
        }

        /** The listing cursor once this object is read. */
        String cursorAfter() {
            return cursorAfter;
        }

        boolean cancelled() {
            return cancelled;
        }

        void future(Future<?> f) {
            this.future = f;
            if (cancelled) {
                f.cancel(true);
            }
        }

        /** The object's open body, aborted if the job is cancelled. */
        void stream(InputStream in) {
            this.stream = in;
            if (cancelled) {
                abort(in);
            }
        }

        /** The decoder's result once {@link #take} returned null (null if cancelled before it ran). */
        ObjectDecoder.Outcome outcome() {
            lock.lock();
            try {
                return outcome;
            } finally {
                lock.unlock();
            }
        }

        /** Anything the work threw (a bug or an Error); failures of the object itself are in the outcome. */
        Throwable failure() {
            lock.lock();
            try {
                return failure;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void run() {
            ObjectDecoder.Outcome o = null;
            Throwable t = null;
            try {
                if (!cancelled && work != null) {
                    o = work.run(this);
                    if (count > 0 && o.end != ObjectDecoder.End.STOPPED && !hand()) {
                        o.end = ObjectDecoder.End.STOPPED;
                    }
                }
            } catch (InterruptedException e) {
                // cancelled
            } catch (Throwable e) {
                t = e;
            } finally {
                stream = null;
                lock.lock();
                try {
                    outcome = o;
                    failure = t;
                    done = true;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }

        @Override
        public boolean accept(Event e, int textLength) throws InterruptedException {
            if (current == null) {
                current = new Event[capacity];
            } else if (count == current.length) {
                current = Arrays.copyOf(current, Math.min(CHUNK_EVENTS, count * 4));
            }
            current[count++] = e;
            bytes += textLength + EVENT_OVERHEAD;
            if (count == CHUNK_EVENTS || bytes >= CHUNK_BYTES) {
                return hand();
            }
            return !cancelled;
        }

        /** Hands the chunk being filled to the input thread, waiting for room. False when cancelled. */
        private boolean hand() throws InterruptedException {
            lock.lock();
            try {
                while (!cancelled && (chunks.size() >= MAX_CHUNKS
                        || (head != this && used > 0 && used + bytes > budget))) {
                    changed.await();
                }
                if (cancelled) {
                    return false;
                }
                chunks.add(new Chunk(current, count, bytes));
                used += bytes;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            current = null;
            capacity = CHUNK_EVENTS; // an object with more than one chunk likely has many
            count = 0;
            bytes = 0;
            return true;
        }

        private void cancel() {
            cancelled = true;
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            InputStream in = stream;
            if (in != null) {
                abort(in);
            }
            Future<?> f = future;
            if (f != null) {
                f.cancel(true);
            }
        }
    }

    /** Drops a body's connection without reading the rest of it. */
    static void abort(InputStream in) {
        try {
            if (in instanceof ResumingObjectStream r) {
                r.abort();
            } else if (in instanceof software.amazon.awssdk.core.ResponseInputStream<?> r) {
                r.abort();
                r.close();
            } else {
                in.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // abandoning it
        }
    }
}
