package io.logship.e2e;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test data: numbered log lines of about 120 bytes, and the checks run on what arrived. */
final class Lines {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 =:/-_.,é€";

    private Lines() {
    }

    /** Line {@code n}: a sequence number, then pseudo-random text (some multi-byte UTF-8), ~120 bytes. */
    static String line(long n, Random random) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(String.format("%010d", n)).append(" 2026-11-23T05:00:00Z host app[42]: ");
        int len = 60 + random.nextInt(40);
        for (int i = 0; i < len; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Writes lines [from, to) to the file (appending), and returns them. */
    static List<String> append(Path file, long from, long to, long seed) throws IOException {
        Random random = new Random(seed ^ from);
        List<String> out = new ArrayList<>((int) (to - from));
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            for (long n = from; n < to; n++) {
                String l = line(n, random);
                out.add(l);
                w.write(l);
                w.write('\n');
            }
        }
        return out;
    }

    static long count(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (var in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                for (int i = 0; i < r; i++) {
                    if (buf[i] == '\n') {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * What an at-least-once delivery across one crash may look like: the input's lines [0, k) (written
     * before the crash) followed by lines [j, n) (written after the restart) with j &lt;= k: nothing missing,
     * and the only duplicates are the contiguous run [j, k) re-delivered after the restart.
     *
     * @return j, the line the restarted agent started from (k - j lines were delivered twice)
     */
    static int checkOneRedeliveredTail(List<String> input, List<String> output) {
        int k = 0;
        while (k < output.size() && k < input.size() && output.get(k).equals(input.get(k))) {
            k++;
        }
        int rest = output.size() - k;
        int j = input.size() - rest;
        if (j < 0 || j > k) {
            throw new AssertionError("output is not input[0," + k + ") + input[j," + input.size() + ") with j <= k: "
                    + output.size() + " lines out, " + input.size() + " in, first " + k + " match"
                    + (k < output.size() ? "; line " + k + " of the output is '" + output.get(k) + "'" : ""));
        }
        for (int i = 0; i < rest; i++) {
            if (!output.get(k + i).equals(input.get(j + i))) {
                throw new AssertionError("after the first " + k + " lines the output should continue with input line "
                        + j + " onwards, but output line " + (k + i) + " is '" + output.get(k + i)
                        + "' where input line " + (j + i) + " is '" + input.get(j + i) + "'");
            }
        }
        return j;
    }
}
