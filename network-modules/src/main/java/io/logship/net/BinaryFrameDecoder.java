package io.logship.net;

import io.logship.api.Event;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads {@link BinaryFrames} from a byte stream as it arrives, in any pieces. Two kinds of bad input:
 * <ul>
 * <li>a broken stream (a length under the minimum or over the limit, a sequence number that does not grow): the
 * frames cannot be found any more, so {@link #feed} throws a {@link BinaryFrameException} naming the peer, the stream
 * offset and the reason, and the connection must be closed;</li>
 * <li>a well-framed frame whose payload is bad (unknown version or type tag, invalid UTF-8, a value running past the
 * frame, octets left over): only that frame is lost; {@link Sink#malformed} is told its sequence number and why, and
 * the next frame is read.</li>
 * </ul>
 * Memory is bounded by the limit: a frame's buffer is allocated once its length has been checked. Not thread-safe.
 */
final class BinaryFrameDecoder {
    /** Receives what the stream holds, in order. */
    interface Sink {
        void frame(long sequence, Event event) throws InterruptedException;

        /** A frame whose payload could not be read: it is skipped. */
        void malformed(long sequence, String reason);
    }

    private final String peer;
    private final int maxFrame;
    private final byte[] header = new byte[BinaryFrames.HEADER];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private int headerPos;
    private byte[] payload;
    private int payloadPos;
    private long sequence;
    private long lastSequence;
    private long offset;
    private boolean broken;

    /**
     * @param peer     host:port, for messages
     * @param maxFrame the largest length accepted
     */
    BinaryFrameDecoder(String peer, int maxFrame) {
        this.peer = peer;
        this.maxFrame = maxFrame;
    }

    /** True when no part of a frame is held. */
    boolean idle() {
        return headerPos == 0 && payload == null;
    }

    /** The sequence number of the last frame read (0 before the first). */
    long lastSequence() {
        return lastSequence;
    }

    void feed(byte[] buf, int off, int len, Sink sink) throws BinaryFrameException, InterruptedException {
        if (broken) {
            throw new BinaryFrameException(peer + ": Binary stream already broken");
        }
        int i = off;
        int end = off + len;
        while (i < end) {
            if (payload == null) {
                int n = Math.min(end - i, BinaryFrames.HEADER - headerPos);
                System.arraycopy(buf, i, header, headerPos, n);
                headerPos += n;
                i += n;
                if (headerPos == BinaryFrames.HEADER) {
                    startFrame();
                }
            } else {
                int n = Math.min(end - i, payload.length - payloadPos);
                System.arraycopy(buf, i, payload, payloadPos, n);
                payloadPos += n;
                i += n;
            }
            if (payload != null && payloadPos == payload.length) {
                byte[] p = payload;
                payload = null;
                headerPos = 0;
                offset += BinaryFrames.HEADER + p.length;
                deliver(p, sink);
            }
        }
    }

    private void startFrame() throws BinaryFrameException {
        ByteBuffer h = ByteBuffer.wrap(header);
        long length = Integer.toUnsignedLong(h.getInt(0));
        sequence = h.getLong(4);
        if (length < 8 + 3) {
            throw broken("frame length " + length + " is under the minimum of 11");
        }
        if (length > maxFrame) {
            throw broken("frame length " + length + " is over the limit of " + maxFrame + " octets (is the sender "
                    + "using OutputType Binary?)");
        }
        if (sequence <= lastSequence) {
            throw broken("sequence number " + Long.toUnsignedString(sequence) + " after "
                    + Long.toUnsignedString(lastSequence) + " (sequence numbers must grow)");
        }
        payload = new byte[(int) (length - 8)];
        payloadPos = 0;
    }

    private void deliver(byte[] p, Sink sink) throws InterruptedException {
        lastSequence = sequence;
        Event e;
        try {
            e = decode(ByteBuffer.wrap(p));
        } catch (BadPayload bad) {
            sink.malformed(sequence, peer + ": Binary frame " + sequence + " skipped: " + bad.getMessage());
            return;
        }
        sink.frame(sequence, e);
    }

    private Event decode(ByteBuffer b) throws BadPayload {
        int version = u8(b, "version");
        if (version != BinaryFrames.VERSION) {
            throw new BadPayload("unknown version " + version + " (this receiver reads version "
                    + BinaryFrames.VERSION + ")");
        }
        int count = u16(b, "field count");
        Event e = new Event();
        for (int f = 0; f < count; f++) {
            String name = utf8(b, u16(b, "field name length"), "field name");
            if (name.isEmpty()) {
                throw new BadPayload("field " + (f + 1) + " has an empty name");
            }
            e.set(name, value(b, name));
        }
        if (b.hasRemaining()) {
            throw new BadPayload(b.remaining() + " octet(s) after the last of " + count + " field(s)");
        }
        return e;
    }

    private Object value(ByteBuffer b, String name) throws BadPayload {
        int tag = u8(b, "type of " + name);
        switch (tag) {
            case BinaryFrames.STRING:
                return utf8(b, len(b, name), "string " + name);
            case BinaryFrames.INTEGER:
                need(b, 8, name);
                return b.getLong();
            case BinaryFrames.BOOLEAN:
                int v = u8(b, name);
                if (v > 1) {
                    throw new BadPayload("boolean " + name + " is " + v + ", not 0 or 1");
                }
                return v == 1;
            case BinaryFrames.FLOAT:
                need(b, 8, name);
                return Double.longBitsToDouble(b.getLong());
            case BinaryFrames.DATETIME:
                need(b, 12, name);
                long seconds = b.getLong();
                long nanos = Integer.toUnsignedLong(b.getInt());
                if (nanos > 999_999_999L) {
                    throw new BadPayload("datetime " + name + " has " + nanos + " nanoseconds");
                }
                try {
                    return Instant.ofEpochSecond(seconds, nanos);
                } catch (java.time.DateTimeException ex) {
                    throw new BadPayload("datetime " + name + " out of range: " + seconds + " s");
                }
            case BinaryFrames.BINARY:
                byte[] bytes = new byte[len(b, name)];
                b.get(bytes);
                return bytes;
            case BinaryFrames.IP4:
                return address(b, 4, name);
            case BinaryFrames.IP6:
                return address(b, 16, name);
            default:
                throw new BadPayload("field " + name + " has unknown type tag " + tag);
        }
    }

    private static InetAddress address(ByteBuffer b, int n, String name) throws BadPayload {
        need(b, n, name);
        byte[] a = new byte[n];
        b.get(a);
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new BadPayload("address " + name + ": " + e.getMessage());
        }
    }

    private String utf8(ByteBuffer b, int n, String what) throws BadPayload {
        need(b, n, what);
        ByteBuffer slice = b.slice();
        slice.limit(n);
        b.position(b.position() + n);
        try {
            CharBuffer c = utf8.reset().decode(slice);
            return c.toString();
        } catch (CharacterCodingException e) {
            throw new BadPayload(what + " is not valid UTF-8");
        }
    }

    private static int len(ByteBuffer b, String name) throws BadPayload {
        need(b, 4, name);
        long n = Integer.toUnsignedLong(b.getInt());
        if (n > b.remaining()) {
            throw new BadPayload("field " + name + " claims " + n + " octets, " + b.remaining() + " left in the frame");
        }
        return (int) n;
    }

    private static int u8(ByteBuffer b, String what) throws BadPayload {
        need(b, 1, what);
        return b.get() & 0xff;
    }

    private static int u16(ByteBuffer b, String what) throws BadPayload {
        need(b, 2, what);
        return b.getShort() & 0xffff;
    }

    private static void need(ByteBuffer b, int n, String what) throws BadPayload {
        if (b.remaining() < n) {
            throw new BadPayload(what + " runs past the end of the frame");
        }
    }

    private BinaryFrameException broken(String why) {
        broken = true;
        return new BinaryFrameException(peer + ": not a Binary frame at stream offset " + offset + ": " + why);
    }

    /** A payload that cannot be read; only its frame is lost. */
    private static final class BadPayload extends Exception {
        private static final long serialVersionUID = 1L;

        BadPayload(String message) {
            super(message, null, false, false);
        }
    }
}
