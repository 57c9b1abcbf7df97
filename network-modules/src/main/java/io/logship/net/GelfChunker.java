package io.logship.net;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Splits a GELF payload into datagrams of at most a given size, Graylog's chunked GELF: a payload that fits goes
 * out as it is; a larger one as chunks of a 12-byte header (magic {@code 1e 0f}, an 8-byte message id shared by
 * every chunk, the sequence number from 0, the chunk count) and a slice of the payload, at most 128 chunks.
 */
final class GelfChunker {
    static final int HEADER = 12;
    static final int MAX_CHUNKS = 128;
    static final byte MAGIC_0 = 0x1e;
    static final byte MAGIC_1 = 0x0f;

    private GelfChunker() {
    }

    /**
     * @param maxDatagram the largest datagram the output may send
     * @throws IllegalArgumentException when the payload needs more than 128 chunks of that size
     */
    static List<byte[]> datagrams(byte[] payload, int maxDatagram) {
        if (payload.length <= maxDatagram) {
            return List.of(payload);
        }
        if (maxDatagram <= HEADER) {
            throw new IllegalArgumentException("a datagram limit of " + maxDatagram + " bytes leaves no room for "
                    + "a GELF chunk (its header is " + HEADER + " bytes)");
        }
        int slice = maxDatagram - HEADER;
        int count = (payload.length + slice - 1) / slice;
        if (count > MAX_CHUNKS) {
            throw new IllegalArgumentException("the GELF message is " + payload.length + " bytes, which needs "
                    + count + " chunks of " + maxDatagram + " bytes; GELF allows at most " + MAX_CHUNKS
                    + " (at most " + (long) MAX_CHUNKS * slice + " bytes)");
        }
        long id = ThreadLocalRandom.current().nextLong();
        List<byte[]> out = new ArrayList<>(count);
        for (int seq = 0; seq < count; seq++) {
            int from = seq * slice;
            int n = Math.min(slice, payload.length - from);
            byte[] d = new byte[HEADER + n];
            d[0] = MAGIC_0;
            d[1] = MAGIC_1;
            for (int i = 0; i < 8; i++) {
                d[2 + i] = (byte) (id >>> (56 - 8 * i));
            }
            d[10] = (byte) seq;
            d[11] = (byte) count;
            System.arraycopy(payload, from, d, HEADER, n);
            out.add(d);
        }
        return out;
    }

    /** True when a datagram starts with the chunk magic. */
    static boolean isChunk(byte[] b, int off, int len) {
        return len >= 2 && b[off] == MAGIC_0 && b[off + 1] == MAGIC_1;
    }
}
