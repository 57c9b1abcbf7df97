package io.logship.net;

import java.nio.ByteBuffer;

/**
 * Reads a receiver's cumulative acknowledgements ({@link BinaryFrames}: uint64 sequence numbers) as they arrive, in
 * any pieces. An acknowledgement of a frame not sent yet, or one lower than the one before, is a broken stream: a
 * {@link BinaryFrameException} naming the peer. Not thread-safe.
 */
final class BinaryAckReader {
    private final String peer;
    private final byte[] pending = new byte[BinaryFrames.ACK];
    private int pos;
    private long acked;

    /** @param peer host:port, for messages */
    BinaryAckReader(String peer, long alreadyAcked) {
        this.peer = peer;
        this.acked = alreadyAcked;
    }

    /** The highest sequence number acknowledged so far. */
    long acked() {
        return acked;
    }

    /**
     * Consumes bytes from the receiver.
     *
     * @param highestSent the highest sequence number sent on this connection
     * @return the highest sequence number acknowledged so far
     */
    long feed(byte[] buf, int off, int len, long highestSent) throws BinaryFrameException {
        for (int i = off; i < off + len; i++) {
            pending[pos++] = buf[i];
            if (pos == BinaryFrames.ACK) {
                pos = 0;
                long seq = ByteBuffer.wrap(pending).getLong();
                if (Long.compareUnsigned(seq, highestSent) > 0) {
                    throw new BinaryFrameException(peer + ": acknowledgement of sequence number "
                            + Long.toUnsignedString(seq) + ", but only up to " + highestSent + " was sent (is the "
                            + "receiver using InputType Binary?)");
                }
                if (Long.compareUnsigned(seq, acked) < 0) {
                    throw new BinaryFrameException(peer + ": acknowledgement of sequence number "
                            + Long.toUnsignedString(seq) + " after " + acked + " (acknowledgements must not go back)");
                }
                acked = seq;
            }
        }
        return acked;
    }
}
