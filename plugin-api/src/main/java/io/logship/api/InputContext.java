package io.logship.api;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What an input sees during {@link InputModule#read}. Mirrors NXLog's im_python module object:
 * {@link #post} is {@code event.post()}, {@link #scheduleRead} is {@code module.set_read_timer(delay)}.
 */
public interface InputContext extends ModuleContext {
    /**
     * Hands an event to the routes. Blocks while the queues are full (a slow output slows its inputs)
     * and returns false without posting when the host is stopping. An input with {@code FlowControl FALSE}
     * (allowed when its provider {@link ModuleProvider#mayDropWhenFull may drop}) never blocks: the copy of the
     * event bound for a full queue is dropped, counted and warned about by the host, and post returns true. The host fills in
     * {@code SourceModuleName}, {@code SourceModuleType}, {@code EventReceivedTime} and
     * {@code Hostname} when the input did not set them.
     */
    boolean post(Event event) throws InterruptedException;

    /**
     * Asks for the next {@link InputModule#read} after the delay ({@link Duration#ZERO} for "at once,
     * I have more"). Without a call, read is not called again (NXLog semantics). The last call wins.
     */
    void scheduleRead(Duration delay);

    /**
     * Says, during a read, that the input holds records it will post once its sources have been idle (a
     * multi-line record under {@code AutoFlush}), without new data: {@code --once} waits for them instead of
     * taking the input as caught up. Applies to the current read only.
     */
    default void holdsRecordsUntilIdle() {
    }

    /**
     * Every stream's last committed position, as persisted by the host: at start what the previous run
     * committed (empty on a first run), later what this run has committed so far (an input may act on
     * data once it is committed, e.g. delete a source object).
     */
    Map<String, String> committedPositions();

    /** The committed position of the default stream "". */
    default Optional<String> committedPosition() {
        return Optional.ofNullable(committedPositions().get(""));
    }
}
