package io.logship.host.file;

/**
 * im_file's position value: {@code v1 off=OFFSET fp=LEN:CRC32HEX t=EPOCHMS path=PATH}. OFFSET is the byte
 * offset just after the event's line; fp is a CRC-32 of the file's first LEN bytes (LEN at most 256) to tell
 * a reused inode from the same file; t is when the line was read; PATH (last, may contain spaces) is where
 * the file was, so a file rotated to another name can be found again in that directory.
 */
record SavedPosition(long offset, int fpLen, long fpCrc, long t, String path) {
    static final String PREFIX = "v1 off=";

    static String suffix(int fpLen, long fpCrc, long t, String path) {
        return " fp=" + fpLen + ":" + Long.toHexString(fpCrc) + " t=" + t + " path=" + path;
    }

    String encode() {
        return PREFIX + offset + suffix(fpLen, fpCrc, t, path);
    }

    /** Parses a value, or returns null when it is not one of ours. */
    static SavedPosition parse(String v) {
        if (v == null || !v.startsWith(PREFIX)) {
            return null;
        }
        try {
            String[] parts = v.split(" ", 5);
            if (parts.length != 5 || !parts[2].startsWith("fp=") || !parts[3].startsWith("t=")
                    || !parts[4].startsWith("path=")) {
                return null;
            }
            long off = Long.parseLong(parts[1].substring(4));
            String fp = parts[2].substring(3);
            int colon = fp.indexOf(':');
            int len = Integer.parseInt(fp.substring(0, colon));
            long crc = Long.parseLong(fp.substring(colon + 1), 16);
            long t = Long.parseLong(parts[3].substring(2));
            String path = parts[4].substring(5);
            if (off < 0 || len < 0 || len > Fingerprints.FP_MAX) {
                return null;
            }
            return new SavedPosition(off, len, crc, t, path);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
