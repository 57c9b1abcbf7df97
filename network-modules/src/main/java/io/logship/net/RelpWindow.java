package io.logship.net;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The messages om_relp has accepted and the receiver has not yet acknowledged, oldest first, each with its
 * transaction number in the current session. At most {@code size} are held (RELP's window: librelp's default is
 * 128): a write waits for room. After a reconnect {@link #restart} numbers them all again from the new session's
 * first transaction number so they are sent again, in order. Responses must come in command order (the spec:
 * "Responses must be sent by the server in the exact same order as commands where received"), so an
 * acknowledgement always takes the oldest. Not thread-safe.
 */
final class RelpWindow {
    /** One unacknowledged message. */
    record Entry(int txnr, byte[] message) {
    }

    private final int size;
    private final ArrayDeque<Entry> entries;
    private int nextTxnr = 1;

    RelpWindow(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("window size must be at least 1: " + size);
        }
        this.size = size;
        this.entries = new ArrayDeque<>(Math.min(size, 4096));
    }

    int capacity() {
        return size;
    }

    boolean hasRoom() {
        return entries.size() < size;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Unacknowledged messages held. */
    int held() {
        return entries.size();
    }

    /** The transaction number the next command of this session gets. */
    int nextTxnr() {
        return nextTxnr;
    }

    /** Takes a transaction number for a command that is not a held message ({@code open}, {@code close}). */
    int takeTxnr() {
        int t = nextTxnr;
        nextTxnr = RelpFrame.nextTxnr(t);
        return t;
    }

    /**
     * Holds a message and gives it the next transaction number.
     *
     * @throws IllegalStateException when the window is full
     */
    int add(byte[] message) {
        if (!hasRoom()) {
            throw new IllegalStateException("RELP window full (" + size + ")");
        }
        int t = takeTxnr();
        entries.addLast(new Entry(t, message));
        return t;
    }

    /**
     * The response to the oldest held message: removes and returns it.
     *
     * @throws RelpProtocolException when {@code txnr} is not the oldest's (out of order, or nothing is held)
     */
    Entry acknowledge(String peer, int txnr) throws RelpProtocolException {
        Entry head = entries.peekFirst();
        if (head == null || head.txnr() != txnr) {
            throw new RelpProtocolException(peer + ": RELP response for transaction " + txnr + ", expected "
                    + (head == null ? "none (no command outstanding)" : "transaction " + head.txnr()));
        }
        return entries.removeFirst();
    }

    /**
     * A new session begins with {@code firstTxnr} as its next transaction number: every held message is numbered
     * again from there, in order.
     *
     * @return the held messages with their new numbers, to send again
     */
    List<Entry> restart(int firstTxnr) {
        nextTxnr = firstTxnr;
        ArrayDeque<Entry> renumbered = new ArrayDeque<>(entries.size());
        for (Entry e : entries) {
            renumbered.addLast(new Entry(takeTxnr(), e.message()));
        }
        entries.clear();
        entries.addAll(renumbered);
        return List.copyOf(entries);
    }
}
