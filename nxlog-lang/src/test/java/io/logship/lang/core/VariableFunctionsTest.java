package io.logship.lang.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.lang.ExecError;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariableFunctionsTest {
    private final CoreHarness h = new CoreHarness();

    @Test
    void setGetDelete() {
        assertThat(h.call("get_var", "x")).isNull();
        h.run("set_var", "x", 42L);
        assertThat(h.call("get_var", "x")).isEqualTo(42L);
        h.run("set_var", "x", "now a string");
        assertThat(h.call("get_var", "x")).isEqualTo("now a string");
        h.run("delete_var", "x");
        assertThat(h.call("get_var", "x")).isNull();
        h.run("delete_var", "never-there");
        assertThat(h.call("get_var", (Object) null)).isNull();
    }

    @Test
    void createVar_existingIsKept_newIsUndef() {
        h.run("create_var", "v");
        assertThat(h.call("get_var", "v")).isNull();
        h.run("set_var", "v", 1L);
        h.run("create_var", "v");
        assertThat(h.call("get_var", "v")).isEqualTo(1L);
    }

    @Test
    void createVar_lifetimeSeconds_expiresOnTheClock() {
        h.run("create_var", "v", 60L);
        h.run("set_var", "v", "kept");
        h.clock.advance(Duration.ofSeconds(59));
        assertThat(h.call("get_var", "v")).isEqualTo("kept");
        h.clock.advance(Duration.ofSeconds(1));
        assertThat(h.call("get_var", "v")).isNull();
        h.run("set_var", "v", "again"); // recreated without a lifetime
        h.clock.advance(Duration.ofDays(365));
        assertThat(h.call("get_var", "v")).isEqualTo("again");
    }

    @Test
    void createVar_expiryDatetime_andPastExpiryNeverExpiresWithWarning() {
        h.run("create_var", "a", CoreHarness.NOW.plusSeconds(10));
        h.run("set_var", "a", 1L);
        h.run("create_var", "b", Instant.parse("2000-01-01T00:00:00Z"));
        h.run("set_var", "b", 2L);
        h.clock.advance(Duration.ofSeconds(10));
        assertThat(h.call("get_var", "a")).isNull();
        assertThat(h.call("get_var", "b")).isEqualTo(2L);
        assertThat(h.module.logged()).anyMatch(l -> l.startsWith("WARN") && l.contains("'b'") && l.contains("past"));
    }

    @Test
    void badNamesAndLifetimes_areErrors() {
        assertThat(h.procError("set_var", null, 1L)).isEqualTo("set_var(): the variable name (argument 1) is undef");
        assertThat(h.procError("create_var", "")).contains("empty string");
        assertThat(h.procError("create_var", 5L)).isEqualTo("create_var(): argument 1 must be string, not integer");
        assertThat(h.procError("create_var", "v", "soon")).contains("must be integer or datetime, not string");
        assertThat(h.procError("create_var", "v", 0L)).contains("must be positive");
        assertThat(h.error("get_var", 5L)).isEqualTo("get_var(): argument 1 must be string, not integer");
    }

    @Test
    void variables_areBounded_expiredOnesMakeRoom() {
        ModuleVariables vars = new ModuleVariables(h.clock, 3);
        vars.create("t", "a", CoreHarness.NOW.plusSeconds(1));
        vars.set("t", "b", 1L);
        vars.set("t", "c", 1L);
        assertThatThrownBy(() -> vars.set("t", "d", 1L)).isInstanceOf(ExecError.class)
                .hasMessageContaining("too many module variables (3)");
        vars.set("t", "c", 2L); // an existing one can still be set
        h.clock.advance(Duration.ofSeconds(1));
        vars.set("t", "d", 1L); // "a" expired and was swept
        assertThat(vars.size()).isEqualTo(3);
        assertThat(vars.get("d")).isEqualTo(1L);
    }

    @Test
    void variables_perInstance() {
        CoreHarness other = new CoreHarness();
        h.run("set_var", "x", 1L);
        assertThat(other.call("get_var", "x")).isNull();
    }

    @Test
    void concurrentSetVar_fromManyThreads_lastValuesAllVisible() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        VariableFunctions.vars(h.ctx).set("set_var", "k" + id + "-" + i, (long) i);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(VariableFunctions.vars(h.ctx).size()).isEqualTo(4000);
        assertThat(h.call("get_var", "k3-999")).isEqualTo(999L);
    }
}
