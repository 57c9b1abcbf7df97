package io.logship.net;

import io.logship.api.Event;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * One accepted connection, owned by the selector thread: its channel and transport (plain or TLS), its decoder, and
 * the batch of records decoded and not yet handed to the inbox. While a batch waits for room the connection is not
 * read, so its records are posted in order and what it sends meanwhile stays in the kernel (and then the sender).
 */
final class TcpInputConnection implements TcpInputDecoder.Records {
    static final String SOURCE_ADDRESS = "MessageSourceAddress";

    final SocketChannel channel;
    final TcpInputTransport transport;
    final String peer;
    /** MessageSourceAddress (the peer's IP), null for a Unix domain socket. */
    private final String sourceAddress;
    final TcpInputDecoder decoder;
    SelectionKey key;
    List<Event> batch = new ArrayList<>();
    /** Close once the batch is handed over (end of stream, framing error, timeout). */
    boolean closing;
    boolean paused;
    long lastDataNanos;
    /** When the current incomplete record began (0: none held). */
    long partialSinceNanos;
    boolean idleDone = true;
    long records;

    TcpInputConnection(SocketChannel channel, TcpInputTransport transport, String peer, String sourceAddress,
                       TcpInputDecoder decoder, long now) {
        this.channel = channel;
        this.transport = transport;
        this.peer = peer;
        this.sourceAddress = sourceAddress;
        this.decoder = decoder;
        this.lastDataNanos = now;
        this.partialSinceNanos = transport.incomplete() ? now : 0;
    }

    @Override
    public void add(Event record) {
        if (sourceAddress != null) {
            record.setIfAbsent(SOURCE_ADDRESS, sourceAddress);
        }
        batch.add(record);
        records++;
    }

    /** Decodes what {@code buf} holds (flipped). */
    void decode(ByteBuffer buf, long now) throws TcpInputDecoder.FramingException {
        lastDataNanos = now;
        idleDone = false;
        decoder.decode(buf, this);
    }

    /** After a read: starts or stops the incomplete-record clock (a record, or a TLS handshake, half done). */
    void progress(long now) {
        if (decoder.partial() || transport.incomplete()) {
            if (partialSinceNanos == 0) {
                partialSinceNanos = now;
            }
        } else {
            partialSinceNanos = 0;
        }
    }

    void end() {
        decoder.end(this);
        partialSinceNanos = 0;
    }

    void idle() {
        idleDone = true;
        decoder.idle(this);
    }

    void close() {
        decoder.release();
        if (key != null) {
            key.cancel();
        }
        try {
            transport.close(channel);
        } catch (IOException e) {
            // closing anyway
        }
    }
}
