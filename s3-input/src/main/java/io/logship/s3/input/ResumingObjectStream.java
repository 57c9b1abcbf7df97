package io.logship.s3.input;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongFunction;

/**
 * An object's body that survives a broken connection: when a read fails, the rest is asked for again
 * from the byte reached (HTTP Range, pinned to the ETag by the opener) up to {@code maxResumes} times.
 * When it gives up, it throws {@link TransientReadException}, which the reader treats as "try again at
 * the next read", not as a corrupt object.
 */
final class ResumingObjectStream extends InputStream {
    /** A read failure that is the network's fault, not the object's. */
    static final class TransientReadException extends IOException {
        private static final long serialVersionUID = 1L;

        TransientReadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final LongFunction<InputStream> opener;
    private final int maxResumes;
    private InputStream in;
    private long offset;
    private int resumes;
    private volatile boolean closed;

    /**
     * @param first  the body of the first GET
     * @param opener opens the body from a byte offset (throws an unchecked exception when it cannot)
     */
    ResumingObjectStream(InputStream first, LongFunction<InputStream> opener, int maxResumes) {
        this.in = first;
        this.opener = opener;
        this.maxResumes = maxResumes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            try {
                int n = in.read(b, off, len);
                if (n > 0) {
                    offset += n;
                }
                return n;
            } catch (IOException e) {
                if (closed) {
                    throw e;
                }
                resume(e);
            }
        }
    }

    private void resume(IOException cause) throws IOException {
        if (resumes >= maxResumes) {
            throw new TransientReadException("connection lost at byte " + offset + " after " + resumes
                    + " resumes: " + cause.getMessage(), cause);
        }
        resumes++;
        try {
            in.close();
        } catch (IOException | RuntimeException ignored) {
            // the broken stream is abandoned
        }
        try {
            in = opener.apply(offset);
        } catch (RuntimeException e) {
            throw new TransientReadException("cannot resume at byte " + offset + ": " + e.getMessage(), e);
        }
    }

    /** Bytes read so far. */
    long offset() {
        return offset;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        in.close();
    }

    /**
     * Drops the connection without reading the rest of the body (closing an HTTP body that is not at its
     * end reads it to the end so the connection can be reused: for a large object, all of it). A read
     * blocked in another thread fails.
     */
    void abort() throws IOException {
        closed = true;
        InputStream i = in;
        if (i instanceof software.amazon.awssdk.core.ResponseInputStream<?> r) {
            r.abort();
        }
        i.close();
    }
}
