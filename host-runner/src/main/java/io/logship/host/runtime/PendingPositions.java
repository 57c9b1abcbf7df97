package io.logship.host.runtime;

import io.logship.api.Position;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One input's positions between post and commit: the positions its events carried, held until every output on
 * the input's routes has flushed the events up to them, then folded into the map the host saves. Thread-safe:
 * the input's thread remembers, the agent's thread collapses and saves.
 */
final class PendingPositions {
    /** A pending checkpoint is queued at least every this many events of one stream. */
    static final int PENDING_EVERY = 64;

    private record Pending(long seq, Position position) {
    }

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** The newest position posted and not yet queued in {@link #pending} (null: none), with its seq. */
    private Position heldPosition;
    private long heldSeq;
    private long lastQueuedSeq;
    private final Map<String, String> committable;
    private long committableVersion;
    private long savedVersion;

    /** @param committed the positions committed before (loaded at start) */
    PendingPositions(Map<String, String> committed) {
        this.committable = new LinkedHashMap<>(committed);
    }

    /**
     * Records that event {@code s} carries position {@code p}. Only the newest position of a stream is held
     * as it changes; it is queued as a pending checkpoint when the stream changes and at least every
     * {@link #PENDING_EVERY} events, so the queue holds a few entries per thousand events, not one per event.
     * A commit therefore lands on the newest queued or held position at or below the commit point.
     */
    synchronized void remember(long s, Position p) {
        Position held = heldPosition;
        if (held != null && (s - lastQueuedSeq >= PENDING_EVERY || !held.stream().equals(p.stream()))) {
            pending.addLast(new Pending(heldSeq, held));
            lastQueuedSeq = heldSeq;
        }
        heldSeq = s;
        heldPosition = p;
    }

    /** Folds every pending position at or below {@code commitPoint} (a seq) into the committable map. */
    synchronized void collapse(long commitPoint) {
        Pending head;
        Position prev = null;
        while ((head = pending.peekFirst()) != null && head.seq() <= commitPoint) {
            pending.pollFirst();
            Position p = head.position();
            // only the newest value of a run of one stream matters
            if (prev != null && !prev.stream().equals(p.stream())) {
                commit(prev);
            }
            prev = p;
        }
        if (heldPosition != null && pending.isEmpty() && heldSeq <= commitPoint) {
            // the newest position of all: everything posted so far is flushed
            if (prev != null && !prev.stream().equals(heldPosition.stream())) {
                commit(prev);
            }
            prev = heldPosition;
            heldPosition = null;
        }
        if (prev != null) {
            commit(prev);
        }
    }

    private void commit(Position p) {
        String old = committable.put(p.stream(), p.value());
        if (!p.value().equals(old)) {
            committableVersion++;
        }
    }

    /** The committable positions when they changed since the last {@link #markSaved}, else null. */
    synchronized Map<String, String> toSave() {
        return committableVersion == savedVersion ? null : new LinkedHashMap<>(committable);
    }

    /** Records that {@code saved} is on disk. */
    synchronized void markSaved(Map<String, String> saved) {
        if (committable.equals(saved)) {
            savedVersion = committableVersion;
        }
    }

    /** Positions held or queued, not yet committable. */
    synchronized int count() {
        return pending.size() + (heldPosition == null ? 0 : 1);
    }
}
