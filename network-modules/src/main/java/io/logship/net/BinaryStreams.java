package io.logship.net;

import java.security.SecureRandom;
import java.util.BitSet;
import java.util.HexFormat;

/**
 * Position streams for the connections of one Binary input: each connection takes the lowest free slot
 * ({@code binary#0}, {@code binary#1}, ...) and gives it back when it closes, so the host's checkpoint keeps at most
 * one entry per concurrent connection. Thread-safe.
 */
final class BinaryStreams {
    private final BitSet used = new BitSet();
    private final SecureRandom random = new SecureRandom();

    /** The acknowledgement state of a new connection, in a free slot with a new session. */
    synchronized BinaryAcks open() {
        int slot = used.nextClearBit(0);
        used.set(slot);
        byte[] session = new byte[8];
        random.nextBytes(session);
        return new BinaryAcks("binary#" + slot, HexFormat.of().formatHex(session));
    }

    /** The connection closed: its slot may be taken again. */
    synchronized void close(BinaryAcks acks) {
        String s = acks.stream();
        used.clear(Integer.parseInt(s.substring(s.indexOf('#') + 1)));
    }
}
