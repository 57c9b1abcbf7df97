package io.logship.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts what is read from a kernel log device into records. {@code /dev/kmsg} returns exactly one record (its
 * header line and its {@code " KEY=VALUE"} lines) per read, so a record ends with each read that ends at a line
 * end; a regular file (tests, a saved {@code dmesg -r}) is read in chunks and cut at its lines the same way.
 * Blocking: runs on its own thread.
 */
final class KmsgReader {
    /** Where records go: a header line and its continuation lines. */
    interface Sink {
        void record(String header, List<String> continuation) throws InterruptedException;

        /** The kernel overwrote records before they were read (EPIPE on /dev/kmsg); reading goes on. */
        void overrun();
    }

    /** A record is at most 8 KiB on Linux (PRINTK_MESSAGE_MAX is 2 KiB, with dictionary less than 8 KiB). */
    static final int READ_SIZE = 16 * 1024;

    private KmsgReader() {
    }

    /** Reads until the end of the stream (never, for /dev/kmsg) or an error other than an overrun. */
    static void pump(InputStream in, Sink sink) throws IOException, InterruptedException {
        byte[] buf = new byte[READ_SIZE];
        StringBuilder partial = new StringBuilder();
        String header = null;
        List<String> continuation = new ArrayList<>();
        while (true) {
            int n;
            try {
                n = in.read(buf);
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).contains("Broken pipe")) {
                    sink.overrun();
                    continue;
                }
                throw e;
            }
            if (n < 0) {
                break;
            }
            partial.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            int start = 0;
            int nl;
            while ((nl = partial.indexOf("\n", start)) >= 0) {
                String line = partial.substring(start, nl);
                start = nl + 1;
                if (line.startsWith(" ")) {
                    if (header != null) {
                        continuation.add(line);
                    }
                    continue;
                }
                if (header != null) {
                    sink.record(header, List.copyOf(continuation));
                }
                header = line.isEmpty() ? null : line;
                continuation.clear();
            }
            partial.delete(0, start);
            if (partial.length() == 0 && header != null) {
                sink.record(header, List.copyOf(continuation)); // a read that ended at a line end
                header = null;
                continuation.clear();
            }
        }
        if (partial.length() > 0 && !partial.toString().startsWith(" ")) {
            if (header != null) {
                sink.record(header, List.copyOf(continuation));
            }
            header = partial.toString();
            continuation.clear();
        }
        if (header != null) {
            sink.record(header, List.copyOf(continuation));
        }
    }
}
