package io.logship.s3.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.s3server.EmbeddedS3;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A gzip object far larger than the heap is read by im_s3 in a JVM started with -Xmx256m. The size is
 * {@code -Dims3.bigObjectBytes} (uncompressed bytes; default 512 MiB to keep CI fast; bench/im-s3.sh and
 * the README figure use 2 GiB: {@code -Dims3.bigObjectBytes=2147483648}).
 */
class BigObjectIT {
    private static final long DEFAULT_BYTES = 512L << 20;

    @TempDir
    Path dir;

    @Test
    void read_whenGzipObjectLargerThanHeap_streamsEveryLineWithCappedHeap() throws Exception {
        long target = Long.getLong("ims3.bigObjectBytes", DEFAULT_BYTES);
        Path gz = dir.resolve("big.log.gz");
        long lines = writeGzip(gz, target);
        try (EmbeddedS3 s3 = EmbeddedS3.onDisk(dir.resolve("store"), 0); S3Client c = TestS3.client(s3.endpoint())) {
            s3.createBucket("big");
            TestS3.put(c, "big", "huge/big.log.gz", gz);
            Files.delete(gz);
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    BigObjectReader.class.getName(), s3.endpoint().toString(), "big",
                    dir.resolve("cache").toString(), Long.toString(lines)));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
            System.out.println("big object (" + target + " bytes, " + lines + " lines): " + lastLine(out));
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("OK events=" + lines).doesNotContain("OutOfMemoryError");
        }
    }

    private static String lastLine(String out) {
        String[] l = out.strip().split("\n");
        return l[l.length - 1];
    }

    /** Streams about {@code bytes} of varied log lines into a gzip file (fast level); returns the line count. */
    static long writeGzip(Path file, long bytes) throws IOException {
        long written = 0;
        long n = 0;
        byte[] buf = new byte[256];
        try (OutputStream out = new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }, 1 << 16)) {
            while (written < bytes) {
                int len = line(n++, buf);
                out.write(buf, 0, len);
                written += len;
            }
        }
        return n;
    }

    private static final byte[] HEAD = "2026-11-23T04:51:48Z web-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MID = " app: GET /api/v1/items/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = " status=200 id=".getBytes(StandardCharsets.US_ASCII);

    private static int line(long i, byte[] buf) {
        int p = 0;
        System.arraycopy(HEAD, 0, buf, p, HEAD.length);
        p += HEAD.length;
        p = number(i % 17, buf, p);
        System.arraycopy(MID, 0, buf, p, MID.length);
        p += MID.length;
        p = number(i * 7919 % 100_000, buf, p);
        System.arraycopy(TAIL, 0, buf, p, TAIL.length);
        p += TAIL.length;
        p = number(i, buf, p);
        buf[p++] = '\n';
        return p;
    }

    private static int number(long v, byte[] buf, int p) {
        String s = Long.toString(v);
        for (int i = 0; i < s.length(); i++) {
            buf[p++] = (byte) s.charAt(i);
        }
        return p;
    }
}
