package io.logship.lang.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatisticsFunctionsTest {
    private final CoreHarness h = new CoreHarness();

    private void add(String name, long v) {
        h.run("add_stat", name, v);
    }

    private Object get(String name) {
        return h.call("get_stat", name);
    }

    private void tick(long seconds) {
        h.clock.advance(Duration.ofSeconds(seconds));
    }

    @Test
    void count_sumsTheValuesAdded() {
        h.run("create_stat", "c", "COUNT");
        assertThat(get("c")).isEqualTo(0L);
        add("c", 1);
        add("c", 5);
        assertThat(get("c")).isEqualTo(6L);
        h.run("create_stat", "c", "COUNT"); // exists: kept
        assertThat(get("c")).isEqualTo(6L);
    }

    @Test
    void rate_isTheSumPerIntervalOfTheLastCompleteInterval() {
        h.run("create_stat", "r", "rate", 10L); // type names are case-insensitive
        add("r", 3);
        add("r", 4);
        assertThat(get("r")).isNull(); // no interval has ended
        tick(10);
        assertThat(get("r")).isEqualTo(7L);
        add("r", 1);
        tick(20); // read late: 1 over 20 s is 0.5 per 10 s
        assertThat(get("r")).isEqualTo(0L);
    }

    @Test
    void rateMaxAndMin_keepTheExtremes() {
        h.run("create_stat", "max", "RATEMAX", 1L);
        h.run("create_stat", "min", "RATEMIN", 1L);
        long[] perSecond = {5, 9, 2, 4};
        for (long n : perSecond) {
            add("max", n);
            add("min", n);
            tick(1);
        }
        assertThat(get("max")).isEqualTo(9L);
        assertThat(get("min")).isEqualTo(2L);
    }

    @Test
    void avg_isTheMeanOfTheValuesAddedInTheInterval() {
        h.run("create_stat", "a", "AVG", 60L);
        add("a", 10);
        add("a", 20);
        add("a", 60);
        tick(60);
        assertThat(get("a")).isEqualTo(30L);
        add("a", 1); // the next interval
        tick(60);
        assertThat(get("a")).isEqualTo(1L);
    }

    @Test
    void grad_isTheChangeOfTheRate() {
        h.run("create_stat", "g", "GRAD", 1L);
        h.run("create_stat", "gmax", "GRADMAX", 1L);
        h.run("create_stat", "gmin", "GRADMIN", 1L);
        long[] perSecond = {4, 10, 7};
        for (long n : perSecond) {
            add("g", n);
            add("gmax", n);
            add("gmin", n);
            tick(1);
        }
        assertThat(get("g")).isEqualTo(-3L); // 7 - 10
        assertThat(get("gmax")).isEqualTo(6L); // 10 - 4
        assertThat(get("gmin")).isEqualTo(-3L);
    }

    @Test
    void countMinMax_sampleTheTotalEachInterval() {
        h.run("create_stat", "cmax", "COUNTMAX", 1L);
        add("cmax", 2);
        tick(1);
        add("cmax", 3);
        tick(1);
        assertThat(get("cmax")).isEqualTo(5L);
    }

    @Test
    void explicitTimes_drivenByTheTimeArguments() {
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        h.run("create_stat", "r", "RATE", 10L, t0);
        h.run("add_stat", "r", 5L, t0.plusSeconds(1));
        assertThat(h.call("get_stat", "r", t0.plusSeconds(5))).isNull();
        assertThat(h.call("get_stat", "r", t0.plusSeconds(10))).isEqualTo(5L);
    }

    @Test
    void lifetime_expiresTheCounter() {
        h.run("create_stat", "c", "COUNT", 1L, null, 30L);
        add("c", 1);
        tick(30);
        assertThat(get("c")).isNull();
        assertThat(h.procError("add_stat", "c", 1L)).contains("no statistical counter 'c'");
    }

    @Test
    void errors_nameTheFunctionAndTheProblem() {
        assertThat(h.procError("create_stat", "x", "BOGUS")).contains("unknown counter type 'BOGUS'");
        assertThat(h.procError("create_stat", "x", "RATE")).contains("needs an interval");
        assertThat(h.procError("create_stat", "x", "RATE", 0L)).contains("positive number of seconds");
        assertThat(h.procError("add_stat", "nope", 1L))
                .isEqualTo("add_stat(): no statistical counter 'nope' (create it with create_stat())");
        h.run("create_stat", "c", "COUNT");
        assertThat(h.procError("add_stat", "c", "1")).isEqualTo("add_stat(): argument 2 must be integer, not string");
        assertThat(h.procError("add_stat", "c", null)).contains("undef");
        assertThat(get("nope")).isNull();
    }

    @Test
    void concurrentAdds_fromManyThreads_areAllCounted() throws Exception {
        h.run("create_stat", "c", "COUNT");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    io.logship.lang.ExecContext own = new io.logship.lang.ExecContext(h.env);
                    io.logship.lang.ExecFunction addStat = h.find("add_stat", true);
                    for (int i = 0; i < 10_000; i++) {
                        addStat.impl().call(own, new Object[] {"c", 1L});
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(get("c")).isEqualTo(40_000L);
    }
}
