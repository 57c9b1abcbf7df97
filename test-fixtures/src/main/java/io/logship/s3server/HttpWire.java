package io.logship.s3server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 on the wire for {@link FaultyS3}: heads read and rewritten, bodies copied with their framing
 * (fixed length, chunked, until close) so the proxy forwards bytes unchanged, and sockets closed or reset.
 */
final class HttpWire {
    /** Largest request or response head, and longest chunk-size line. */
    static final int MAX_HEAD = 64 * 1024;
    static final int BUFFER = 64 * 1024;

    private HttpWire() {
    }

    /** The head with "Connection: close" (replacing any Connection header). */
    static byte[] withConnectionClose(Head head) {
        StringBuilder sb = new StringBuilder(head.startLine()).append("\r\n");
        for (String[] h : head.headers()) {
            if (!h[0].equalsIgnoreCase("Connection")) {
                sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
        }
        sb.append("Connection: close\r\n\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static boolean wantsClose(Head head, String version) {
        String connection = head.header("Connection").orElse("").toLowerCase(Locale.ROOT);
        if (connection.contains("close")) {
            return true;
        }
        return version.trim().equalsIgnoreCase("HTTP/1.0") && !connection.contains("keep-alive");
    }

    static boolean isChunked(Head head) {
        return head.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
                .orElse(false);
    }

    static boolean hasBody(Head req) {
        return isChunked(req) || contentLength(req) > 0;
    }

    static long contentLength(Head head) {
        return head.header("Content-Length").map(v -> Long.parseLong(v.trim())).orElse(0L);
    }

    static void copyBody(Head req, InputStream in, OutputStream out) throws IOException {
        if (isChunked(req)) {
            copyChunked(in, out);
        } else {
            copyFixed(in, out, contentLength(req));
        }
    }

    static void copyResponseBody(Head resp, InputStream in, OutputStream out, boolean untilClose)
            throws IOException {
        if (isChunked(resp)) {
            copyChunked(in, out);
        } else if (untilClose) {
            in.transferTo(out);
        } else {
            copyFixed(in, out, contentLength(resp));
        }
    }

    static void copyFixed(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(BUFFER, Math.max(n, 1))];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new EOFException("body ended " + left + " bytes early");
            }
            out.write(buf, 0, r);
            left -= r;
        }
    }

    static void copyChunked(InputStream in, OutputStream out) throws IOException {
        while (true) {
            byte[] sizeLine = readLine(in);
            out.write(sizeLine);
            String s = new String(sizeLine, StandardCharsets.US_ASCII).trim();
            int semi = s.indexOf(';');
            long size = Long.parseLong(semi < 0 ? s : s.substring(0, semi).trim(), 16);
            if (size == 0) {
                while (true) { // trailers, then the empty line
                    byte[] trailer = readLine(in);
                    out.write(trailer);
                    if (trailer.length <= 2) {
                        return;
                    }
                }
            }
            copyFixed(in, out, size);
            out.write(readLine(in));
        }
    }

    /** One line including its CRLF. */
    static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(32);
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside chunked framing");
            }
            line.write(b);
            if (prev == '\r' && b == '\n') {
                return line.toByteArray();
            }
            if (line.size() > MAX_HEAD) {
                throw new IOException("line too long in chunked framing");
            }
            prev = b;
        }
    }

    static Head readResponseHead(InputStream in) throws IOException {
        Head h = Head.read(in);
        if (h == null) {
            throw new EOFException("store closed the connection before answering");
        }
        return h;
    }

    static Head readFinalResponseHead(InputStream in) throws IOException {
        Head h = readResponseHead(in);
        while (h.status() >= 100 && h.status() < 200) {
            h = readResponseHead(in);
        }
        return h;
    }

    static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0); // close() now sends RST
        } catch (IOException ignored) {
            // already closed
        }
        closeQuietly(s);
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    /** A request or response head: the raw bytes (forwarded unchanged) and its parsed lines. */
    record Head(byte[] raw, String startLine, List<String[]> headers) {
        /** Reads up to and including the empty line; null on a clean end of stream before any byte. */
        static Head read(InputStream in) throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
            int last4 = 0; // the last four bytes read
            while (last4 != 0x0D0A0D0A) {
                int b = in.read();
                if (b < 0) {
                    if (buf.size() == 0) {
                        return null;
                    }
                    throw new EOFException("connection closed inside an HTTP head");
                }
                buf.write(b);
                if (buf.size() > MAX_HEAD) {
                    throw new IOException("HTTP head larger than " + MAX_HEAD + " bytes");
                }
                last4 = (last4 << 8) | b;
            }
            byte[] raw = buf.toByteArray();
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\r\n");
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
                }
            }
            return new Head(raw, lines[0], headers);
        }

        Optional<String> header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return Optional.of(h[1]);
                }
            }
            return Optional.empty();
        }

        int status() {
            String[] parts = startLine.split(" ", 3);
            try {
                return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /** Passes at most {@code budget} bytes, then throws {@link Exhausted}. */
    static final class Budget extends FilterOutputStream {
        static final class Exhausted extends IOException {
            private static final long serialVersionUID = 1L;

            Exhausted() {
                super("fault budget reached");
            }
        }

        private long left;

        Budget(OutputStream out, long budget) {
            super(out);
            this.left = budget;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int n = (int) Math.min(len, left);
            out.write(b, off, n);
            left -= n;
            if (n < len) {
                throw new Exhausted();
            }
        }
    }
}
