package io.logship.host.runtime;

import java.util.concurrent.TimeUnit;

/** Thread helpers shared by the input and output runners. */
final class Threads {
    private Threads() {
    }

    /** Waits for {@code t} (null = never started) until the deadline; true when it has ended. */
    static boolean joinUntil(Thread t, long deadlineNanos) throws InterruptedException {
        if (t == null) {
            return true;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.timedJoin(t, left);
        }
        return !t.isAlive();
    }
}
