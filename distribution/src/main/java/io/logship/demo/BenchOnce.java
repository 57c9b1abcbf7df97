package io.logship.demo;

import io.logship.host.Main;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code logship bench-once CONF...}: runs {@code logship --once -c CONF} for each file in turn, in one JVM,
 * and prints after each {@code bench-once: CONF exit N in S s} (wall time of that run: config, module
 * start, every event delivered, stop). The benchmarks time a later run after an earlier one of the same
 * shape, so that run is measured on a warm JVM, as a long-running agent is (JIT-compiled code, loaded
 * classes, an HTTP connection pool filled once before); the earlier run's figures are the cold ones.
 * Stops at the first run that fails and exits with its code.
 */
public final class BenchOnce {
    private BenchOnce() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: logship bench-once CONF [CONF...]");
            System.exit(2);
        }
        System.exit(run(System.out, args));
    }

    /** Runs {@code --once} on each config in turn; returns 0, or the exit code of the first run that failed. */
    static int run(PrintStream out, String... confs) {
        int code = 0;
        for (String conf : confs) {
            long t0 = System.nanoTime();
            code = Main.execute("--once", "-c", conf);
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "bench-once: %s exit %d in %.3f s%n", conf, code, seconds);
            out.flush();
            if (code != 0) {
                break;
            }
        }
        return code;
    }
}
