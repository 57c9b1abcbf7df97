package io.logship.api;

/**
 * NXLog's {@code OutputType}: the bytes an output writes for one event. An output provider's
 * {@code OutputType} directive names a built-in type ({@code LineBased}: {@code raw_event} and a line feed)
 * or an {@code <Extension>} instance that implements this interface, found with
 * {@link ModuleContext#extension}. Implementations are thread-safe.
 */
@FunctionalInterface
public interface OutputType {
    /**
     * The event as written, its record separator included (a line feed for line-based types).
     *
     * @throws IllegalArgumentException when the event cannot be written in this type; the message says why
     */
    byte[] encode(Event event);
}
