package io.logship.host.buffer;

import io.logship.api.Event;
import io.logship.api.LogshipException;
import io.logship.api.ModuleContext;
import io.logship.api.OutputModule;
import io.logship.api.RetriableException;
import java.io.IOException;

/**
 * The side of a disk pm_buffer that the path before it writes to, run by the host as an output: {@link #write}
 * appends the event to the {@link DiskQueue} (waiting while it is full), {@link #flush} fsyncs. So, by the host's
 * commit rule, an input's position is committed once its events are durable in the buffer.
 */
final class DiskWriter implements OutputModule {
    private final DiskBuffer buffer;
    private ModuleContext context;

    DiskWriter(DiskBuffer buffer) {
        this.buffer = buffer;
    }

    @Override
    public void start(ModuleContext ctx) throws LogshipException {
        this.context = ctx;
        buffer.open(ctx);
    }

    @Override
    public void write(Event event) throws LogshipException, InterruptedException {
        DiskQueue q = buffer.queue();
        byte[] payload;
        try {
            payload = EventCodec.encode(event);
        } catch (IllegalArgumentException e) {
            throw new LogshipException("pm_buffer " + context.instanceName() + ": " + e.getMessage(), e);
        }
        if (q.isFull(payload.length)) {
            buffer.warnings().full(q.size());
        }
        try {
            q.append(payload, context::isStopping);
        } catch (IOException e) {
            throw new RetriableException("pm_buffer " + context.instanceName() + ": cannot append to "
                    + buffer.segments().dir() + ": " + e.getMessage(), e);
        }
        buffer.warnings().filled(q.size());
    }

    @Override
    public void flush() throws LogshipException {
        try {
            buffer.queue().sync();
        } catch (IOException e) {
            throw new RetriableException("pm_buffer " + context.instanceName() + ": cannot fsync "
                    + buffer.segments().dir() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() throws LogshipException {
        buffer.close();
    }
}
