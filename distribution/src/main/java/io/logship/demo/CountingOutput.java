package io.logship.demo;

import io.logship.api.Event;
import io.logship.api.LogshipException;
import io.logship.api.ModuleContext;
import io.logship.api.OutputModule;
import java.util.concurrent.atomic.AtomicLong;

/** Passes everything to an output and counts the events written to it, for the demo's progress line. */
final class CountingOutput implements OutputModule {
    private final OutputModule delegate;
    private final AtomicLong written;

    CountingOutput(OutputModule delegate, AtomicLong written) {
        this.delegate = delegate;
        this.written = written;
    }

    @Override
    public void start(ModuleContext context) throws LogshipException {
        delegate.start(context);
    }

    @Override
    public void write(Event event) throws LogshipException, InterruptedException {
        delegate.write(event);
        written.incrementAndGet();
    }

    @Override
    public void flush() throws LogshipException, InterruptedException {
        delegate.flush();
    }

    @Override
    public void stop() throws LogshipException {
        delegate.stop();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
