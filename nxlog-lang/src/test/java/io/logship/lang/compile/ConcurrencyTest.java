package io.logship.lang.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Event;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecProgram;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One compiled program, one context per thread: no state is shared between the threads' events. */
class ConcurrencyTest {
    @Test
    void oneProgram_manyThreads_eachEventGetsItsOwnCapturesAndFields() throws Exception {
        Lang lang = new Lang();
        ExecProgram p = lang.compile("if $raw_event =~ /^(\\w+) (\\d+)$/ { $word = $1; $n = $2; "
                + "$date = 2000-01-02 03:04:05; } if $word == 'drop' drop(); $kept = TRUE;");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                Callable<Integer> job = () -> {
                    ExecContext ctx = new ExecContext(lang.env);
                    int wrong = 0;
                    for (int i = 0; i < 20_000; i++) {
                        String word = i % 10 == 0 ? "drop" : "w" + thread;
                        Event e = new Event().set("raw_event", word + " " + i);
                        p.run(ctx.reset(e));
                        boolean ok = word.equals(e.get("word")) && String.valueOf(i).equals(e.get("n"))
                                && ctx.dropped() == (i % 10 == 0) && e.has("kept") != ctx.dropped();
                        wrong += ok ? 0 : 1;
                    }
                    return wrong;
                };
                results.add(pool.submit(job));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(lang.errors).isEmpty();
    }
}
