package io.logship.host.buffer;

import io.logship.api.Event;
import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.api.LogshipException;
import io.logship.api.Position;
import java.io.IOException;
import java.time.Duration;

/**
 * The side of a disk pm_buffer that feeds the path after it, run by the host as an input: posts the buffered
 * events in order, each with its position in the buffer, which the host commits once the outputs after the
 * buffer have flushed it; then the buffer lets go of the records up to it. Replays from the committed position
 * after a restart.
 */
final class DiskReader implements InputModule {
    /** Events posted per read before the host is given the thread back. */
    static final int BATCH = 1000;
    /**
     * How soon an idle reader looks again. It does not wait inside a read (an input that is reading is not caught
     * up, which --once waits for), so this bounds the latency an idle buffer adds.
     */
    static final Duration IDLE = Duration.ofMillis(10);
    private final DiskBuffer buffer;
    private String lastCommitted;

    DiskReader(DiskBuffer buffer) {
        this.buffer = buffer;
    }

    @Override
    public void start(io.logship.api.ModuleContext ctx) {
        if (ctx instanceof InputContext in) {
            buffer.reader(in);
        }
    }

    @Override
    public void read(InputContext ctx) throws LogshipException, InterruptedException {
        DiskQueue q = buffer.queue();
        commit(ctx, q);
        for (int n = 0; n < BATCH && !ctx.isStopping(); n++) {
            DiskQueue.Record r;
            Event e;
            try {
                r = q.next(0);
                if (r == null) {
                    ctx.scheduleRead(n == 0 ? IDLE : Duration.ZERO);
                    return;
                }
            } catch (IOException ex) {
                throw new LogshipException("pm_buffer " + ctx.instanceName() + ": " + ex.getMessage(), ex);
            }
            try {
                e = EventCodec.decode(r.payload());
            } catch (IOException | RuntimeException ex) {
                // the checksum matched, so the writer wrote these bytes: a bug, not a torn write; skip the one event
                ctx.metrics().counter("buffer.undecodable").increment();
                ctx.logger().error("pm_buffer {}: {}: the record ending at offset {} is no event ({}); skipped it, "
                        + "the others go on", ctx.instanceName(), q.path(r.segment()), r.offsetAfter(),
                        ex.getMessage());
                continue;
            }
            if (!ctx.post(e.position(Position.of(r.position())))) {
                return;
            }
            if ((n & 127) == 127) {
                commit(ctx, q);
            }
        }
        ctx.scheduleRead(Duration.ZERO);
    }

    private void commit(InputContext ctx, DiskQueue q) throws LogshipException {
        String c = ctx.committedPositions().get("");
        if (c != null && !c.equals(lastCommitted)) {
            try {
                q.commit(c);
            } catch (IOException e) {
                throw new LogshipException("pm_buffer " + ctx.instanceName() + ": cannot delete a consumed segment "
                        + "in " + buffer.segments().dir() + ": " + e.getMessage(), e);
            }
            lastCommitted = c;
            buffer.warnings().filled(q.size());
        }
    }

    @Override
    public void stop() {
        DiskQueue q = buffer.queueOrNull();
        if (q != null) {
            q.wakeUp();
        }
    }
}
