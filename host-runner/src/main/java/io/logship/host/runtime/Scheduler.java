package io.logship.host.runtime;

import io.logship.host.config.Schedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs every {@code <Schedule>} of the config on one thread, without an event: {@code When @startup} once at
 * start, {@code When} crontab times at their minutes, {@code Every} at its interval (from {@code First} when
 * given: runs missed before the start are not made up, the next one falls on {@code First + n * Every}).
 * Times come from the injected clock; {@link #runDue} is what the thread calls, and tests call it too.
 */
final class Scheduler {
    /** The longest the thread waits before it looks at the clock again (a test clock may jump). */
    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** One schedule and when it runs next (null: never again). */
    static final class Job {
        final String instance;
        final Schedule schedule;
        final InstanceExec exec;
        Instant next;
        long runs;

        Job(String instance, Schedule schedule, InstanceExec exec) {
            this.instance = instance;
            this.schedule = schedule;
            this.exec = exec;
        }
    }

    private final Clock clock;
    private final ZoneId zone;
    private final List<Job> jobs = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean stopped;
    private Thread thread;

    Scheduler(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    void add(String instance, Schedule schedule, InstanceExec exec) {
        jobs.add(new Job(instance, schedule, exec));
    }

    boolean isEmpty() {
        return jobs.isEmpty();
    }

    List<Job> jobs() {
        return jobs;
    }

    /** Computes the first run of every job from now; {@code @startup} jobs are due at once. */
    void plan() {
        Instant now = clock.instant();
        for (Job j : jobs) {
            Schedule s = j.schedule;
            if (s.when() != null) {
                j.next = s.when().isStartup() ? now : nextCron(s, now);
            } else if (s.first() != null) {
                j.next = s.first().isBefore(now) ? after(s.first(), s.every(), now) : s.first();
            } else {
                j.next = now.plus(s.every());
            }
        }
    }

    /** Runs every job due at the clock's time and plans its next run; the number of runs. */
    int runDue() {
        Instant now = clock.instant();
        int ran = 0;
        for (Job j : jobs) {
            if (j.next == null || j.next.isAfter(now)) {
                continue;
            }
            j.exec.runWithoutEvent();
            j.runs++;
            ran++;
            Schedule s = j.schedule;
            if (s.when() != null) {
                j.next = s.when().isStartup() ? null : nextCron(s, now);
            } else {
                j.next = after(j.next, s.every(), now);
            }
        }
        return ran;
    }

    private Instant nextCron(Schedule s, Instant now) {
        ZonedDateTime n = s.when().next(now.atZone(zone));
        return n == null ? null : n.toInstant();
    }

    /** The first {@code from + k * every} (k >= 1) after {@code now}. */
    private static Instant after(Instant from, Duration every, Instant now) {
        long gap = Duration.between(from, now).toNanos();
        long k = gap < 0 ? 1 : gap / every.toNanos() + 1;
        return from.plus(every.multipliedBy(k));
    }

    void start() {
        plan();
        if (jobs.isEmpty()) {
            return;
        }
        thread = new Thread(this::loop, "logship-schedule");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        stopped = true;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean awaitFinished(long deadlineNanos) throws InterruptedException {
        return Threads.joinUntil(thread, deadlineNanos);
    }

    private void loop() {
        boolean once = true; // @startup runs even when the agent stops at once (--once)
        while (once || !stopped) {
            once = false;
            runDue();
            long wait = MAX_WAIT_NANOS;
            Instant now = clock.instant();
            for (Job j : jobs) {
                if (j.next != null) {
                    wait = Math.min(wait, Math.max(0, Duration.between(now, j.next).toNanos()));
                }
            }
            lock.lock();
            try {
                if (!stopped && wait > 0) {
                    wake.awaitNanos(wait);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }
}
