package io.logship.host.runtime;

import java.util.List;

/**
 * When {@code --once} may stop: every input caught up, every memory pm_buffer and output queue empty, every output
 * flushed, and no event moved while this was checked (a disk pm_buffer's output half feeds its input half, so a
 * single pass could see each side idle at a different moment and stop with events between them).
 */
final class CatchUp {
    private CatchUp() {
    }

    static boolean caughtUp(List<InputRunner> inputs, List<MemStage> stages, List<OutputRunner> outputs) {
        long before = progress(inputs, stages, outputs);
        return idle(inputs, stages, outputs) && progress(inputs, stages, outputs) == before;
    }

    /** A sum that changes whenever an event is posted, put in a queue or done with. */
    private static long progress(List<InputRunner> inputs, List<MemStage> stages, List<OutputRunner> outputs) {
        long n = 0;
        for (InputRunner in : inputs) {
            n += in.postedCount();
        }
        for (MemStage m : stages) {
            n += m.progress();
        }
        for (OutputRunner o : outputs) {
            n += o.progress();
        }
        return n;
    }

    private static boolean idle(List<InputRunner> inputs, List<MemStage> stages, List<OutputRunner> outputs) {
        for (InputRunner in : inputs) {
            if (!in.isCaughtUp()) {
                return false;
            }
        }
        for (MemStage m : stages) {
            if (!m.isIdle()) {
                return false;
            }
        }
        for (OutputRunner o : outputs) {
            if (!o.isIdle()) {
                return false;
            }
        }
        return true;
    }
}
