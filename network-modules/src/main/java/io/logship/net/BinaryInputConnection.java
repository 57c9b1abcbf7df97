package io.logship.net;

import io.logship.api.Event;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import javax.net.ssl.SSLSocket;

/**
 * One connection of {@code InputType Binary}, on a thread of its own: (TLS handshake,) frames decoded
 * ({@link BinaryFrameDecoder}) into events that keep every field and type, each given its position
 * ({@link BinaryAcks}) and {@code MessageSourceAddress} when the sender did not keep one, then put in the input's
 * bounded inbox: while it is full this thread does not read, so the sender is slowed down by TCP. The input's thread
 * writes the acknowledgements ({@link #acknowledge}). A broken stream closes this connection only, with one WARN per
 * burst naming the peer; a frame that cannot be read is skipped and reported, the others go on.
 */
final class BinaryInputConnection implements Runnable {
    private final Socket socket;
    private final String peer;
    private final String sourceAddress;
    private final BinaryAcks acks;
    private final BlockingQueue<Event> inbox;
    private final TcpInputStats stats;
    private final int maxFrame;
    private final long incompleteMillis;
    private final Runnable closed;
    private volatile OutputStream out;
    private volatile boolean open = true;

    /**
     * @param incompleteMillis IncompleteRecordTimeout: a connection holding part of a frame for longer is closed
     *                         (an idle connection between frames is not)
     */
    BinaryInputConnection(Socket socket, BinaryAcks acks, BlockingQueue<Event> inbox, TcpInputStats stats,
                          int maxFrame, long incompleteMillis, Runnable closed) {
        this.incompleteMillis = incompleteMillis;
        this.socket = socket;
        InetSocketAddress r = (InetSocketAddress) socket.getRemoteSocketAddress();
        String ip = r.getAddress().getHostAddress();
        this.peer = (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + r.getPort();
        this.sourceAddress = ip;
        this.acks = acks;
        this.inbox = inbox;
        this.stats = stats;
        this.maxFrame = maxFrame;
        this.closed = closed;
    }

    String peer() {
        return peer;
    }

    BinaryAcks acks() {
        return acks;
    }

    boolean isOpen() {
        return open;
    }

    @Override
    public void run() {
        try (socket) {
            if (socket instanceof SSLSocket ssl) {
                try {
                    ssl.startHandshake();
                } catch (IOException e) {
                    stats.framing(peer, TlsContext.reason(e));
                    return;
                }
            }
            out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            BinaryFrameDecoder decoder = new BinaryFrameDecoder(peer, maxFrame);
            BinaryFrameDecoder.Sink sink = new BinaryFrameDecoder.Sink() {
                @Override
                public void frame(long sequence, Event event) throws InterruptedException {
                    event.setIfAbsent(TcpInputConnection.SOURCE_ADDRESS, sourceAddress);
                    event.position(acks.posted(sequence));
                    inbox.put(event);
                }

                @Override
                public void malformed(long sequence, String reason) {
                    acks.skipped(sequence);
                    stats.rejected(peer, reason);
                }
            };
            byte[] buf = new byte[64 * 1024];
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, incompleteMillis));
            long partialSince = 0;
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (java.net.SocketTimeoutException idle) {
                    if (!decoder.idle() && System.nanoTime() - partialSince >= incompleteMillis * 1_000_000) {
                        stuck();
                        return;
                    }
                    continue;
                }
                if (n < 0) {
                    break;
                }
                stats.bytes.add(n);
                long before = decoder.lastSequence();
                decoder.feed(buf, 0, n, sink);
                long now = System.nanoTime();
                if (decoder.idle()) {
                    partialSince = 0;
                } else if (decoder.lastSequence() != before || partialSince == 0) {
                    partialSince = now; // a frame completed (progress), or the first piece of one
                } else if (now - partialSince >= incompleteMillis * 1_000_000) {
                    stuck(); // a slowloris: bytes, but no frame completed within the timeout
                    return;
                }
            }
            if (!decoder.idle()) {
                stats.framing(peer, "the connection ended inside a frame (the sender sends it again)");
            }
        } catch (BinaryFrameException e) {
            stats.framing(peer, e.getMessage());
        } catch (IOException e) {
            // the sender went away: it sends the unacknowledged frames again on its next connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open = false;
            closed.run();
        }
    }

    private void stuck() {
        stats.framing(peer, "a Binary frame was incomplete for more than " + incompleteMillis + " ms "
                + "(IncompleteRecordTimeout); nothing of it is posted, the sender sends it again");
        stats.timeouts.increment();
    }

    /** Writes the acknowledgement of every frame up to {@code sequence} (from the input's thread). */
    void acknowledge(long sequence) {
        OutputStream o = out;
        if (o == null || !open) {
            return;
        }
        try {
            synchronized (o) {
                o.write(BinaryFrames.ack(sequence));
                o.flush();
            }
        } catch (IOException e) {
            close(); // the sender went away; it sends again what it had no acknowledgement for
        }
    }

    void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException e) {
            // gone
        }
    }
}
