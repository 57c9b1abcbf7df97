package io.logship.testkit;

import io.logship.api.Metrics;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** {@link Metrics} a test can read back: counter values, and count/average/maximum of each latency name. */
public final class TestMetrics implements Metrics {
    private final Map<String, TestCounter> counters = new ConcurrentHashMap<>();
    private final Map<String, Latency> latencies = new ConcurrentHashMap<>();

    @Override
    public Counter counter(String name) {
        return counters.computeIfAbsent(name, n -> new TestCounter());
    }

    @Override
    public void recordNanos(String name, long nanos) {
        latencies.computeIfAbsent(name, n -> new Latency()).record(nanos);
    }

    /** Counter values by name, sorted. */
    public Map<String, Long> counters() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** The counter's value, 0 when it was never used. */
    public long count(String name) {
        TestCounter c = counters.get(name);
        return c == null ? 0 : c.get();
    }

    /** How many latency samples were recorded under the name. */
    public long samples(String name) {
        Latency l = latencies.get(name);
        return l == null ? 0 : l.count();
    }

    /** Latency summaries by name, sorted: "count=N avg=Xms max=Yms". */
    public Map<String, String> latencies() {
        Map<String, String> out = new TreeMap<>();
        latencies.forEach((k, v) -> out.put(k, v.summary()));
        return out;
    }

    private static final class Latency {
        private long count;
        private long total;
        private long max;

        synchronized void record(long nanos) {
            count++;
            total += nanos;
            max = Math.max(max, nanos);
        }

        synchronized long count() {
            return count;
        }

        synchronized String summary() {
            return String.format(Locale.ROOT, "count=%d avg=%.1fms max=%.1fms", count,
                    count == 0 ? 0.0 : total / 1e6 / count, max / 1e6);
        }
    }

    private static final class TestCounter implements Counter {
        private final LongAdder adder = new LongAdder();

        @Override
        public void add(long n) {
            adder.add(n);
        }

        @Override
        public long get() {
            return adder.sum();
        }
    }
}
