package io.logship.host.buffer;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Reads records out of segment files through a read-ahead buffer (one large read serves many small records),
 * never past the length the writer has made visible. One thread.
 */
final class RecordReader implements Closeable {
    private static final int BUFFER = 256 * 1024;
    private final Segments segments;
    private final ByteBuffer buf = ByteBuffer.allocate(BUFFER);
    private FileChannel channel;
    private long channelId = -1;
    /** File offset of buf[0], and how many bytes buf holds from there. */
    private long bufStart;
    private int bufLen;

    RecordReader(Segments segments) {
        this.segments = segments;
    }

    /**
     * The payload of the record at {@code off} in segment {@code id}, whose visible length is {@code limit}.
     *
     * @throws IOException (without the file name) when the record cannot be read or its checksum fails
     */
    byte[] read(long id, long off, long limit) throws IOException {
        if (channelId != id) {
            close();
            channel = FileChannel.open(segments.path(id), StandardOpenOption.READ);
            channelId = id;
            bufLen = 0;
        }
        ensure(off, Segments.RECORD_OVERHEAD, limit);
        int at = (int) (off - bufStart);
        int len = buf.getInt(at);
        int crc = buf.getInt(at + 4);
        if (len < 0 || off + Segments.RECORD_OVERHEAD + len > limit) {
            throw new IOException("bad record length " + len);
        }
        byte[] payload = new byte[len];
        if (Segments.RECORD_OVERHEAD + len > BUFFER) {
            Segments.readFully(channel, ByteBuffer.wrap(payload), off + Segments.RECORD_OVERHEAD);
        } else {
            ensure(off, Segments.RECORD_OVERHEAD + len, limit);
            buf.get((int) (off - bufStart) + Segments.RECORD_OVERHEAD, payload);
        }
        if (Segments.crc(payload) != crc) {
            throw new IOException("checksum mismatch");
        }
        return payload;
    }

    /** Makes buf hold [off, off + n), reading ahead up to {@code limit}. */
    private void ensure(long off, int n, long limit) throws IOException {
        if (off >= bufStart && off + n <= bufStart + bufLen) {
            return;
        }
        int want = (int) Math.min(BUFFER, limit - off);
        if (want < n) {
            throw new IOException("the record goes past the end of what was written");
        }
        ByteBuffer b = buf.clear().limit(want);
        Segments.readFully(channel, b, off);
        bufStart = off;
        bufLen = want;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
            channelId = -1;
        }
    }
}
