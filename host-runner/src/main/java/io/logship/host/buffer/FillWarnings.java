package io.logship.host.buffer;

import org.slf4j.Logger;

/**
 * pm_buffer's two warnings, NXLog's way: one WARN when the fill reaches {@code WarnLimit}, not again until it has
 * fallen to half of it; one WARN when the buffer is full (the inputs feeding it wait, or drop with
 * {@code FlowControl FALSE}), not again until it has fallen to half of {@code MaxSize}. Thread-safe.
 */
final class FillWarnings {
    private final String instance;
    private final Logger log;
    private final long warnBytes;
    private final long maxBytes;
    private boolean warned;
    private boolean warnedFull;

    /** @param warnBytes WarnLimit in bytes, 0 for none */
    FillWarnings(String instance, Logger log, long warnBytes, long maxBytes) {
        this.instance = instance;
        this.log = log;
        this.warnBytes = warnBytes;
        this.maxBytes = maxBytes;
    }

    /** The fill is now {@code bytes}. */
    synchronized void filled(long bytes) {
        if (warnBytes > 0 && !warned && bytes >= warnBytes) {
            warned = true;
            log.warn("pm_buffer {}: holds {} KiB, reaching its WarnLimit of {} KiB (MaxSize {} KiB)", instance,
                    bytes / 1024, warnBytes / 1024, maxBytes / 1024);
        } else if (warned && bytes <= warnBytes / 2) {
            warned = false;
        }
        if (warnedFull && bytes <= maxBytes / 2) {
            warnedFull = false;
        }
    }

    /** An event waits for room: the buffer holds {@code bytes}. */
    synchronized void full(long bytes) {
        if (!warnedFull) {
            warnedFull = true;
            log.warn("pm_buffer {}: full ({} KiB of MaxSize {} KiB): the inputs feeding it wait (those with "
                    + "FlowControl FALSE drop) until the outputs after it take events again", instance, bytes / 1024,
                    maxBytes / 1024);
        }
    }
}
