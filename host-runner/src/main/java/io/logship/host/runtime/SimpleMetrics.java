package io.logship.host.runtime;

import io.logship.api.Metrics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A thread-safe in-memory {@link Metrics}: counters plus count/total/max of each latency name. */
final class SimpleMetrics implements Metrics {
    private final Map<String, SimpleCounter> counters = new ConcurrentHashMap<>();
    private final Map<String, Latency> latencies = new ConcurrentHashMap<>();

    @Override
    public Counter counter(String name) {
        return counters.computeIfAbsent(name, n -> new SimpleCounter());
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

    /** Latency summaries by name: "count=N avg=Xms max=Yms". */
    public Map<String, String> latencies() {
        Map<String, String> out = new TreeMap<>();
        latencies.forEach((k, v) -> out.put(k, v.summary()));
        return out;
    }

    private static final class SimpleCounter implements Counter {
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

    private static final class Latency {
        private long count;
        private long total;
        private long max;

        synchronized void record(long nanos) {
            count++;
            total += nanos;
            max = Math.max(max, nanos);
        }

        synchronized String summary() {
            return String.format(java.util.Locale.ROOT, "count=%d avg=%.1fms max=%.1fms", count,
                    count == 0 ? 0.0 : total / 1e6 / count, max / 1e6);
        }
    }
}
