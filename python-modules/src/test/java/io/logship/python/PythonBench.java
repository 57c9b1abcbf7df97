package io.logship.python;

import io.logship.api.Event;
import io.logship.api.Fields;
import io.logship.api.InputModule;
import io.logship.api.OutputModule;
import io.logship.testkit.TestInputContext;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * Benchmark driver for bench/python.sh (not a test): events/s through a pass-through om_python and
 * an im_python counter, and the time from JVM start to the first event.
 *
 * <pre>java -cp ... io.logship.python.PythonBench out|in EVENTS [SCRIPT_DIR]</pre>
 */
public final class PythonBench {
    private PythonBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "out";
        long events = args.length > 1 ? Long.parseLong(args[1]) : 200_000;
        long jvmStartMs = ManagementFactory.getRuntimeMXBean().getStartTime();
        Path tmp = Files.createTempDirectory("pybench");
        TestInputContext ctx = new TestInputContext("im_python", "bench", tmp);
        ctx.keep = false;
        if (mode.equals("out")) {
            OmPythonProvider p = new OmPythonProvider();
            long t0 = System.nanoTime();
            OutputModule out = (OutputModule) p.create(Scripts.config(p, "bench", tmp,
                    "PythonCode", "passthrough.py"));
            out.start(ctx);
            long started = System.nanoTime();
            String line = "2026-11-23T05:00:00Z host app[1234]: user=alice action=login result=ok id=";
            long bytes = 0;
            Instant now = Instant.now();
            out.write(event(line + 0, now));
            long first = System.nanoTime();
            double toFirst = (System.currentTimeMillis() - jvmStartMs) / 1000.0;
            String runtime = runtimeName();
            report("om_python passthrough start", runtime, String.format(Locale.ROOT,
                    "module start %.2f s, JVM start to first event written %.2f s",
                    (started - t0) / 1e9, toFirst));
            for (long i = 1; i < events; i++) {
                String raw = line + i;
                bytes += raw.length();
                out.write(event(raw, now));
            }
            out.flush();
            double secs = (System.nanoTime() - first) / 1e9;
            report("om_python passthrough", runtime, String.format(Locale.ROOT,
                    "%d events in %.2f s = %.0f events/s, %.1f MB/s", events - 1, secs, (events - 1) / secs,
                    bytes / secs / 1e6));
            out.stop();
            report("calibration", runtime, calibrate());
        } else {
            ImPythonProvider p = new ImPythonProvider();
            long t0 = System.nanoTime();
            InputModule in = (InputModule) p.create(Scripts.config(p, "bench", tmp, "PythonCode", "counter_input.py",
                    "Param", "limit=" + events, "Param", "batch=1000"));
            in.start(ctx);
            long started = System.nanoTime();
            ctx.runUntilIdle(in, Integer.MAX_VALUE);
            double secs = (System.nanoTime() - started) / 1e9;
            double toFirst = (ctx.firstPostNanos - t0) / 1e9;
            String runtime = runtimeName();
            report("im_python counter", runtime, String.format(Locale.ROOT,
                    "module start %.2f s, first event posted %.2f s after module create; %d events in %.2f s = %.0f events/s",
                    (started - t0) / 1e9, toFirst, ctx.posted, secs, ctx.posted / secs));
            in.stop();
            report("calibration", runtime, calibrate());
        }
    }

    /**
     * Calibration on the same JVM and moment: plain Java-to-Python calls of {@code f(x): return x + 1}
     * per second (what "GraalPy runs N Python calls/s" means), so figures taken on a loaded machine
     * can be compared as a ratio.
     */
    private static String calibrate() {
        try (org.graalvm.polyglot.Context c = org.graalvm.polyglot.Context.newBuilder("python")
                .engine(Engines.get(false)).allowHostAccess(PythonScript.BRIDGE_ONLY).build()) {
            org.graalvm.polyglot.Value f = c.eval("python", "def f(x):\n    return x + 1\nf");
            long sum = 0;
            for (int i = 0; i < 50_000; i++) {
                sum += f.execute(i).asLong();
            }
            int n = 300_000;
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sum += f.execute(i).asLong();
            }
            double secs = (System.nanoTime() - t) / 1e9;
            return String.format(Locale.ROOT, "%.0f plain Python calls/s (checksum %d)", n / secs, sum % 10);
        }
    }

    private static Event event(String raw, Instant now) {
        return Event.ofRaw(raw).set(Fields.EVENT_RECEIVED_TIME, now).set(Fields.SOURCE_MODULE_NAME, "in")
                .set(Fields.SOURCE_MODULE_TYPE, "im_file").set(Fields.HOSTNAME, "bench");
    }

    private static String runtimeName() {
        return "Java " + System.getProperty("java.version") + ", " + Engines.get(false).getImplementationName();
    }

    private static void report(String what, String runtime, String figures) {
        System.out.println(what + " [" + runtime + "]: " + figures);
    }
}
