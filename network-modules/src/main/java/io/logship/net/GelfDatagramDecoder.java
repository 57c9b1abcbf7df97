package io.logship.net;

import io.logship.api.Event;
import java.util.Optional;

/**
 * xm_gelf's reader for one datagram input: a datagram is plain GELF JSON, gzip or zlib of it, or a chunk of a
 * larger message (whose whole payload is then any of those three), reassembled by a {@link GelfReassembler}.
 * Incomplete messages past their timeout are given up at the next datagram, whatever it is.
 * Used by one thread at a time.
 */
final class GelfDatagramDecoder implements DatagramInputType.Decoder {
    private final GelfReader reader;
    private final GelfReassembler chunks;

    GelfDatagramDecoder(GelfReader reader, GelfReassembler chunks) {
        this.reader = reader;
        this.chunks = chunks;
    }

    @Override
    public Optional<Event> datagram(byte[] data, int offset, int length, String peer) {
        byte[] payload;
        int off;
        int len;
        chunks.expire(); // a message whose chunks stopped coming is reported even when only whole ones follow
        if (GelfChunker.isChunk(data, offset, length)) {
            payload = chunks.chunk(data, offset, length, peer);
            if (payload == null) {
                return Optional.empty();
            }
            off = 0;
            len = payload.length;
        } else {
            payload = data;
            off = offset;
            len = length;
        }
        GelfCompression.Kind kind = GelfCompression.detect(payload, off, len);
        if (kind != GelfCompression.Kind.PLAIN) {
            payload = GelfCompression.decode(payload, off, len);
            off = 0;
            len = payload.length;
        }
        return Optional.of(reader.read(payload, off, len));
    }

    GelfReassembler reassembler() {
        return chunks;
    }
}
