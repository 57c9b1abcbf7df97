package io.logship.net;

import io.logship.api.Event;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The sending side of {@code OutputType Binary}: frames written and not yet acknowledged, oldest first, bounded by
 * a number of frames and of octets (a write waits for room). Sequence numbers start at 1 and keep growing across
 * reconnects: after one, {@link #unacknowledged} gives every held frame, with its sequence number, to send again in
 * order before any new one. A cumulative acknowledgement drops every frame up to it. Not thread-safe.
 */
final class BinaryWindow {
    private final int maxFrames;
    private final long maxBytes;
    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
    private long bytes;
    private long nextSequence = 1;
    private long acked;

    /**
     * @param maxFrames frames held at most
     * @param maxBytes  octets held at most (one frame larger than this is still accepted into an empty window)
     */
    BinaryWindow(int maxFrames, long maxBytes) {
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
    }

    /** True when another frame of {@code size} octets may be held. */
    boolean hasRoom(int size) {
        return frames.isEmpty() || (frames.size() < maxFrames && bytes + size <= maxBytes);
    }

    boolean isEmpty() {
        return frames.isEmpty();
    }

    int held() {
        return frames.size();
    }

    long heldBytes() {
        return bytes;
    }

    /** The highest sequence number given to a frame so far (0 before the first). */
    long highestSequence() {
        return nextSequence - 1;
    }

    /** The highest sequence number acknowledged. */
    long acknowledged() {
        return acked;
    }

    /**
     * Encodes the event as the next frame and holds it.
     *
     * @throws IllegalArgumentException when the event cannot be written in Binary (the window is unchanged)
     */
    byte[] add(Event event) {
        byte[] f = encodeNext(event);
        hold(f);
        return f;
    }

    /**
     * The event as the next frame, not held yet (to check {@link #hasRoom} with its size).
     *
     * @throws IllegalArgumentException when the event cannot be written in Binary
     */
    byte[] encodeNext(Event event) {
        return BinaryFrames.encode(nextSequence, event);
    }

    /** Holds the frame {@link #encodeNext} made. */
    void hold(byte[] frame) {
        if (BinaryFrames.sequenceOf(frame) != nextSequence) {
            throw new IllegalStateException("frame " + BinaryFrames.sequenceOf(frame) + " is not the next, "
                    + nextSequence);
        }
        nextSequence++;
        frames.addLast(frame);
        bytes += frame.length;
    }

    /** Every frame up to {@code sequence} was committed by the receiver: drops them; returns how many. */
    int acknowledge(long sequence) {
        int n = 0;
        while (!frames.isEmpty() && BinaryFrames.sequenceOf(frames.peekFirst()) <= sequence) {
            bytes -= frames.removeFirst().length;
            n++;
        }
        if (sequence > acked) {
            acked = sequence;
        }
        return n;
    }

    /** The held frames in order, to send again on a new connection. */
    List<byte[]> unacknowledged() {
        return List.copyOf(frames);
    }
}
