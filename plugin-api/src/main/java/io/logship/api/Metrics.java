package io.logship.api;

/** Named counters and latency records of one module instance; the host reports them. */
public interface Metrics {
    /** A monotonic counter, created on first use. */
    Counter counter(String name);

    /** Records one latency sample in nanoseconds (e.g. "s3.list", "s3.get"). */
    void recordNanos(String name, long nanos);

    /** A cumulative count. Thread-safe. */
    interface Counter {
        void add(long n);

        default void increment() {
            add(1);
        }

        long get();
    }
}
