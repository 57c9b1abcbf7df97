package io.logship.net;

import io.logship.api.Event;
import io.logship.api.InputContext;
import io.logship.api.Metrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bounded hand-over between the selector thread (which decodes) and the input's read thread (which posts, and
 * blocks when the routes are full). Batches, not events, so the hand-over costs little per event. When it is full
 * the selector stops reading the connection whose batch did not fit (TCP backpressure to the sender) and asks to be
 * woken once the reader has made room.
 */
final class TcpInputInbox {
    private final ArrayBlockingQueue<List<Event>> queue;
    private volatile boolean wakeWanted;
    private volatile Runnable waker = () -> { };

    TcpInputInbox(int batches) {
        this.queue = new ArrayBlockingQueue<>(batches);
    }

    void waker(Runnable r) {
        this.waker = r;
    }

    /** Selector side: false when full (then the waker runs once the reader took a batch). */
    boolean offer(List<Event> batch) {
        if (queue.offer(batch)) {
            return true;
        }
        wakeWanted = true;
        // the reader may have taken a batch between the failed offer and the flag: try once more
        if (queue.offer(batch)) {
            return true;
        }
        return false;
    }

    /** Reader side: the next batch, waiting up to the timeout; null when none came. */
    List<Event> poll(long millis) throws InterruptedException {
        List<Event> b = queue.poll(millis, TimeUnit.MILLISECONDS);
        if (b != null) {
            made();
        }
        return b;
    }

    /** Reader side: the next batch if one is there. */
    List<Event> poll() {
        List<Event> b = queue.poll();
        if (b != null) {
            made();
        }
        return b;
    }

    private void made() {
        if (wakeWanted) {
            wakeWanted = false;
            waker.run();
        }
    }

    /**
     * Reader side (an input's read callback): posts the batches that are there, waiting up to {@code waitMillis}
     * for the first, at most {@code maxBatches}; asks for the next read at once when it posted, after a
     * millisecond when it found nothing (so the host sees the input as caught up).
     */
    void postTo(InputContext context, Metrics.Counter events, long waitMillis, int maxBatches)
            throws InterruptedException {
        List<Event> batch = poll(waitMillis);
        int batches = 0;
        while (batch != null) {
            for (Event e : batch) {
                if (!context.post(e)) {
                    return; // the host is stopping
                }
            }
            events.add(batch.size());
            if (++batches == maxBatches) {
                break;
            }
            batch = poll();
        }
        context.scheduleRead(batches > 0 ? Duration.ZERO : Duration.ofMillis(1));
    }

    int size() {
        return queue.size();
    }

    void clear() {
        queue.clear();
    }
}
