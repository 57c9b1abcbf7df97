package io.logship.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * Reading {@link NetSpool}'s chunk format: a 12-byte header (body length, event count, CRC-32 of the body, all
 * big-endian ints) and the body. Used at open to find where the valid chunks of a segment end.
 */
final class NetSpoolChunks {
    private NetSpoolChunks() {
    }

    /** The length of the file's valid chunks (stops at the first short or corrupt one). */
    static long validLength(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = 0;
            ByteBuffer h = ByteBuffer.allocate(NetSpool.HEADER);
            ByteBuffer body = ByteBuffer.allocate(1 << 16);
            while (pos + NetSpool.HEADER <= size) {
                h.clear();
                readFully(ch, h, pos);
                int len = h.getInt(0);
                if (len <= 0 || len > NetSpool.MAX_CHUNK || pos + NetSpool.HEADER + len > size) {
                    break;
                }
                CRC32 c = new CRC32();
                long p = pos + NetSpool.HEADER;
                long left = len;
                while (left > 0) {
                    body.clear().limit((int) Math.min(body.capacity(), left));
                    readFully(ch, body, p);
                    c.update(body.array(), 0, body.limit());
                    p += body.limit();
                    left -= body.limit();
                }
                if ((int) c.getValue() != h.getInt(8)) {
                    break;
                }
                pos += NetSpool.HEADER + len;
            }
            return pos;
        }
    }

    static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) {
                throw new IOException("unexpected end of spool file");
            }
            pos += n;
        }
        b.flip();
    }
}
