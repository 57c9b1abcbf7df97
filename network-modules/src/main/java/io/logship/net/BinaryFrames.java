package io.logship.net;

import io.logship.api.Event;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * logship's {@code Binary} framing for logship-to-logship transport: every field of an event with its type, and a
 * sequence number the receiver acknowledges. NXLog's own Binary format is not documented in its manual (only "for
 * NXLog-to-NXLog, keeps the fields"), and it has no acknowledgements, so this is logship's own, not compatible with
 * NXLog's.
 *
 * <pre>
 * frame   = length:uint32 sequence:uint64 payload        ; length = 8 + payload octets, at most the limit
 * payload = version:uint8 (1) count:uint16 field*count
 * field   = nameLength:uint16 name:UTF-8 tag:uint8 value
 * value   = string   (tag 1): length:uint32 UTF-8
 *         | integer  (tag 2): int64
 *         | boolean  (tag 3): uint8 0 or 1
 *         | float    (tag 4): IEEE 754 binary64
 *         | datetime (tag 5): seconds:int64 nanos:uint32 (0..999,999,999), since 1970-01-01T00:00:00Z
 *         | binary   (tag 6): length:uint32 octets
 *         | ip4addr  (tag 7): 4 octets
 *         | ip6addr  (tag 8): 16 octets
 * ack     = sequence:uint64                               ; receiver to sender: every frame up to it is committed
 * </pre>
 *
 * All integers are big-endian (network order). Sequence numbers start at 1 and grow by one per frame; an
 * acknowledgement is cumulative. The event's position is not sent: the receiving input gives its own.
 */
final class BinaryFrames {
    static final int VERSION = 1;
    /** uint32 length, uint64 sequence. */
    static final int HEADER = 12;
    /** Length of an acknowledgement. */
    static final int ACK = 8;
    /** The default largest frame a decoder accepts: 16 MiB. */
    static final int DEFAULT_MAX_FRAME = 16 * 1024 * 1024;

    static final byte STRING = 1;
    static final byte INTEGER = 2;
    static final byte BOOLEAN = 3;
    static final byte FLOAT = 4;
    static final byte DATETIME = 5;
    static final byte BINARY = 6;
    static final byte IP4 = 7;
    static final byte IP6 = 8;

    private BinaryFrames() {
    }

    /**
     * One event as a frame.
     *
     * @throws IllegalArgumentException when the event has more than 65,535 fields, a name over 65,535 octets, or
     *                                  a value of a type Event does not hold
     */
    static byte[] encode(long sequence, Event event) {
        Out out = new Out(256);
        out.int32(0); // length, filled in below
        out.int64(sequence);
        out.write(VERSION);
        if (event.size() > 0xffff) {
            throw new IllegalArgumentException("an event with " + event.size() + " fields cannot be sent in Binary "
                    + "(at most 65535)");
        }
        out.int16(event.size());
        for (Map.Entry<String, Object> f : event.fields().entrySet()) {
            byte[] name = f.getKey().getBytes(StandardCharsets.UTF_8);
            if (name.length > 0xffff) {
                throw new IllegalArgumentException("field name of " + name.length + " octets cannot be sent in "
                        + "Binary (at most 65535)");
            }
            out.int16(name.length);
            out.write(name, 0, name.length);
            value(out, f.getKey(), f.getValue());
        }
        byte[] frame = out.toByteArray();
        ByteBuffer.wrap(frame).putInt(0, frame.length - 4);
        return frame;
    }

    private static void value(Out out, String name, Object v) {
        if (v instanceof String s) {
            out.write(STRING);
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.int32(b.length);
            out.write(b, 0, b.length);
        } else if (v instanceof Long l) {
            out.write(INTEGER);
            out.int64(l);
        } else if (v instanceof Boolean b) {
            out.write(BOOLEAN);
            out.write(b ? 1 : 0);
        } else if (v instanceof Double d) {
            out.write(FLOAT);
            out.int64(Double.doubleToRawLongBits(d));
        } else if (v instanceof Instant t) {
            out.write(DATETIME);
            out.int64(t.getEpochSecond());
            out.int32(t.getNano());
        } else if (v instanceof byte[] b) {
            out.write(BINARY);
            out.int32(b.length);
            out.write(b, 0, b.length);
        } else if (v instanceof Inet4Address a) {
            out.write(IP4);
            out.write(a.getAddress(), 0, 4);
        } else if (v instanceof Inet6Address a) {
            out.write(IP6);
            out.write(a.getAddress(), 0, 16);
        } else {
            throw new IllegalArgumentException("field " + name + ": " + Event.typeName(v)
                    + " values cannot be sent in Binary");
        }
    }

    /** The acknowledgement of every frame up to {@code sequence}. */
    static byte[] ack(long sequence) {
        return ByteBuffer.allocate(ACK).putLong(sequence).array();
    }

    /** The sequence number of an encoded frame. */
    static long sequenceOf(byte[] frame) {
        return ByteBuffer.wrap(frame).getLong(4);
    }

    /** A byte array stream with big-endian integer writes. */
    private static final class Out extends ByteArrayOutputStream {
        Out(int size) {
            super(size);
        }

        void int16(int v) {
            write(v >>> 8);
            write(v);
        }

        void int32(int v) {
            write(v >>> 24);
            write(v >>> 16);
            write(v >>> 8);
            write(v);
        }

        void int64(long v) {
            int32((int) (v >>> 32));
            int32((int) v);
        }
    }
}
