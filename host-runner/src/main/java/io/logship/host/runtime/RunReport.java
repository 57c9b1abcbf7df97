package io.logship.host.runtime;

import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;

/** The agent's own report lines: the periodic and final stats of every runner, and --once's delivery rate. */
final class RunReport {
    private final Logger log;
    private final List<InputRunner> inputs;
    private final List<OutputRunner> outputs;
    private final List<MemStage> stages;

    RunReport(Logger log, List<InputRunner> inputs, List<OutputRunner> outputs, List<MemStage> stages) {
        this.log = log;
        this.inputs = inputs;
        this.outputs = outputs;
        this.stages = stages;
    }

    /** One line per input and output: the runner's counts and the module's own metrics. */
    void stats(String label) {
        for (InputRunner in : inputs) {
            log.info("{}: input {} ({}): {}{}", label, in.instanceName(), in.moduleName(), in.stats(),
                    moduleMetrics(in));
        }
        for (MemStage m : stages) {
            log.info("{}: pm_buffer {} (Type Mem): {}", label, m.name(), m.stats());
        }
        for (OutputRunner o : outputs) {
            log.info("{}: output {} ({}): {}{}", label, o.name(), o.context().moduleName(), o.stats(),
                    moduleMetrics(o.context()));
        }
    }

    /**
     * For --once (and bench/): the steady pipeline rate, from the first event any input posted to the last
     * flush that made events durable, and to the end of the outputs' stop (for outputs whose flush ends in
     * a spool, om_s3, that is when the events are at their destination).
     *
     * @param outputsStoppedNanos System.nanoTime() when every output module had stopped
     */
    void delivery(long outputsStoppedNanos) {
        long first = 0;
        long events = 0;
        for (InputRunner in : inputs) {
            if (in.isBufferReplay()) {
                continue; // its events were counted at the input that read them
            }
            long f = in.firstPostNanos();
            if (f != 0 && (first == 0 || f - first < 0)) {
                first = f;
            }
            events += in.postedCount();
        }
        long last = 0;
        for (OutputRunner o : outputs) {
            long l = o.lastDeliveryNanos();
            if (l != 0 && (last == 0 || l - last > 0)) {
                last = l;
            }
        }
        if (events == 0 || first == 0 || last == 0 || last - first <= 0) {
            log.info("--once: delivered {} events", events);
            return;
        }
        double secs = (last - first) / 1e9;
        double toStop = (outputsStoppedNanos - first) / 1e9;
        log.info(String.format(Locale.ROOT,
                "--once: delivered %d events in %.3f s (%.0f events/s), first event read to last flush;"
                        + " %.3f s (%.0f events/s) to the outputs' stop (what they send at stop included, such as"
                        + " om_s3's last uploads)", events, secs, events / secs, toStop, events / toStop));
    }

    private static String moduleMetrics(BaseContext ctx) {
        StringBuilder sb = new StringBuilder();
        ctx.simpleMetrics().counters().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        ctx.simpleMetrics().latencies().forEach((k, v) -> sb.append(' ').append(k).append("=[").append(v)
                .append(']'));
        return sb.toString();
    }
}
