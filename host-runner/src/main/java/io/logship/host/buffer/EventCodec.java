package io.logship.host.buffer;

import io.logship.api.Event;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * An event's fields as bytes and back, every NXLog type kept (string, integer, boolean, float, datetime, binary,
 * ip4addr/ip6addr): a field count, then per field its name, a type tag and the value. The position is not
 * encoded (the buffer gives the events it replays positions of its own).
 */
final class EventCodec {
    private static final byte STRING = 'S';
    private static final byte INTEGER = 'I';
    private static final byte BOOLEAN = 'B';
    private static final byte FLOAT = 'F';
    private static final byte DATETIME = 'T';
    private static final byte BINARY = 'Y';
    private static final byte ADDRESS = 'A';

    private EventCodec() {
    }

    static byte[] encode(Event event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 2 * estimate(event));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(event.size());
            for (Map.Entry<String, Object> f : event.fields().entrySet()) {
                writeText(out, f.getKey());
                Object v = f.getValue();
                if (v instanceof String s) {
                    out.writeByte(STRING);
                    writeText(out, s);
                } else if (v instanceof Long l) {
                    out.writeByte(INTEGER);
                    out.writeLong(l);
                } else if (v instanceof Boolean b) {
                    out.writeByte(BOOLEAN);
                    out.writeBoolean(b);
                } else if (v instanceof Double d) {
                    out.writeByte(FLOAT);
                    out.writeDouble(d);
                } else if (v instanceof Instant t) {
                    out.writeByte(DATETIME);
                    out.writeLong(t.getEpochSecond());
                    out.writeInt(t.getNano());
                } else if (v instanceof byte[] b) {
                    out.writeByte(BINARY);
                    writeBytes(out, b);
                } else if (v instanceof InetAddress a) {
                    out.writeByte(ADDRESS);
                    writeBytes(out, a.getAddress());
                } else {
                    throw new IllegalArgumentException("field " + f.getKey() + ": cannot buffer a value of type "
                            + Event.typeName(v));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IOException when the bytes are no encoded event (the message says what is wrong)
     */
    static Event decode(byte[] data) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data));
        int n = in.readInt();
        if (n < 0 || n > data.length) {
            throw new IOException("bad field count " + n);
        }
        Event e = new Event();
        for (int i = 0; i < n; i++) {
            String name = readText(in, data.length);
            byte type = in.readByte();
            Object v = switch (type) {
                case STRING -> readText(in, data.length);
                case INTEGER -> in.readLong();
                case BOOLEAN -> in.readBoolean();
                case FLOAT -> in.readDouble();
                case DATETIME -> Instant.ofEpochSecond(in.readLong(), in.readInt());
                case BINARY -> readBytes(in, data.length);
                case ADDRESS -> InetAddress.getByAddress(readBytes(in, data.length));
                default -> throw new IOException("unknown type tag " + type + " for field " + name);
            };
            e.set(name, v);
        }
        if (in.available() != 0) {
            throw new IOException(in.available() + " bytes after the last field");
        }
        return e;
    }

    /** A cheap estimate of an event's encoded size (for the in-memory buffer's MaxSize). */
    static int estimate(Event event) {
        int n = 4;
        for (Map.Entry<String, Object> f : event.fields().entrySet()) {
            n += 5 + f.getKey().length() + 1;
            Object v = f.getValue();
            if (v instanceof String s) {
                n += 4 + s.length();
            } else if (v instanceof byte[] b) {
                n += 4 + b.length;
            } else {
                n += 12;
            }
        }
        return n;
    }

    private static void writeText(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readText(DataInputStream in, int limit) throws IOException {
        return new String(readBytes(in, limit), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInputStream in, int limit) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > limit) {
            throw new IOException("bad length " + len);
        }
        byte[] b = new byte[len];
        in.readFully(b);
        return b;
    }
}
