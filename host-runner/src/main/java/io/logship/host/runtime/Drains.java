package io.logship.host.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The agent's stop steps after the inputs: memory pm_buffers pass on what they hold, outputs write and flush. */
final class Drains {
    private static final Logger LOG = LoggerFactory.getLogger("logship.agent");

    private Drains() {
    }

    /** Lets every memory pm_buffer pass on what it holds, upstream ones first; abandons those not done in time. */
    static boolean stages(List<MemStage> stages, long deadline) throws InterruptedException {
        boolean ok = true;
        for (MemStage m : stages) {
            m.drain();
            if (!m.awaitFinished(deadline)) {
                ok = false;
                LOG.error("pm_buffer {}: could not pass on what it holds ({}) within the stop timeout; those events "
                        + "were not committed and are read again at the next start", m.name(), m.stats());
                m.abort();
            }
        }
        return ok;
    }

    /** Lets every output worker write what is queued and flush; abandons those not done by the deadline. */
    static boolean outputs(List<OutputRunner> outputs, long deadline, Duration stopTimeout) {
        boolean ok = true;
        for (OutputRunner o : outputs) {
            o.drain();
        }
        try {
            for (OutputRunner o : outputs) {
                if (!o.awaitFinished(deadline)) {
                    ok = false;
                    LOG.error("output {}: could not write and flush its {} queued event(s) within the stop timeout "
                            + "of {} s; they were not committed and are read again at the next start", o.name(),
                            o.queueSize(), stopTimeout.toSeconds());
                    o.abort();
                    o.awaitFinished(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            for (OutputRunner o : outputs) {
                o.abort();
            }
            return false;
        }
        return ok;
    }
}
