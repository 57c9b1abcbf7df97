package io.logship.host.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * A file's fingerprint: the CRC-32 of its first bytes (up to {@link #FP_MAX}), which tells the same file
 * from a reused inode, a copy from another file, and a file truncated and rewritten from the one read so far.
 */
final class Fingerprints {
    static final int FP_MAX = 256;

    private final FileHandles handles;
    private final byte[] fpBuf = new byte[FP_MAX];

    Fingerprints(FileHandles handles) {
        this.handles = handles;
    }

    /** Verifies the first bytes against the fingerprint, extending the fingerprint while the file is young. */
    boolean check(TrackedFile f, long size) throws IOException {
        int want = (int) Math.min(FP_MAX, size);
        if (want == 0) {
            return f.fpLen == 0;
        }
        int n = readPrefix(f.channel, want);
        if (n < f.fpLen) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(fpBuf, 0, f.fpLen);
        if (f.fpLen > 0 && crc.getValue() != f.fpCrc) {
            return false;
        }
        if (n > f.fpLen) {
            crc.update(fpBuf, f.fpLen, n - f.fpLen);
            f.setFingerprint(n, crc.getValue());
        }
        return true;
    }

    /** Opens the file (if needed) and compares its first len bytes with a fingerprint. */
    boolean prefixMatches(TrackedFile f, int len, long crcValue) throws IOException {
        if (len == 0) {
            return true;
        }
        handles.ensureOpen(f);
        int n = readPrefix(f.channel, len);
        if (n < len) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(fpBuf, 0, len);
        return crc.getValue() == crcValue;
    }

    /** Compares the first len bytes of a file that is not followed (briefly opened outside ActiveFiles). */
    boolean prefixMatches(Path p, int len, long crcValue) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            int n = readPrefix(ch, len);
            if (n < len) {
                return false;
            }
            CRC32 crc = new CRC32();
            crc.update(fpBuf, 0, len);
            return crc.getValue() == crcValue;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private int readPrefix(FileChannel ch, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(fpBuf, 0, len);
        while (bb.hasRemaining()) {
            if (ch.read(bb, bb.position()) <= 0) {
                break;
            }
        }
        return bb.position();
    }
}
