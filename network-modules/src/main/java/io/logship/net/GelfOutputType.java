package io.logship.net;

import io.logship.api.Event;
import java.util.Arrays;
import java.util.List;

/**
 * One of xm_gelf's writers. {@link #TCP GELF_TCP}: over a stream, the JSON and its delimiter (NUL, or a line feed
 * with UseNullDelimiter FALSE); as datagrams, the JSON uncompressed, chunked when over the limit.
 * {@link #UDP GELF_UDP} (and {@code GELF}, the same): the JSON compressed with zlib as NXLog does, one datagram
 * when it fits, else chunked; over a stream, that compressed payload alone (what NXLog writes; GELF receivers do not
 * read compressed TCP). Thread-safe.
 */
final class GelfOutputType implements DatagramOutputType {
    enum Transport { TCP, UDP }

    private final GelfWriter writer;
    private final Transport transport;
    private final byte delimiter;

    GelfOutputType(GelfWriter writer, Transport transport, byte delimiter) {
        this.writer = writer;
        this.transport = transport;
        this.delimiter = delimiter;
    }

    @Override
    public byte[] encode(Event event) {
        byte[] json = writer.json(event);
        if (transport == Transport.UDP) {
            return GelfCompression.zlib(json);
        }
        byte[] out = Arrays.copyOf(json, json.length + 1);
        out[json.length] = delimiter;
        return out;
    }

    @Override
    public List<byte[]> datagrams(Event event, int maxDatagram) {
        byte[] json = writer.json(event);
        return GelfChunker.datagrams(transport == Transport.UDP ? GelfCompression.zlib(json) : json, maxDatagram);
    }

    Transport transport() {
        return transport;
    }

    @Override
    public String toString() {
        return "GELF_" + transport;
    }
}
