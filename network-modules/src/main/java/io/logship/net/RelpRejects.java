package io.logship.net;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * The dead-letter file of one om_relp instance, {@code <SpoolDir>/<instance>.relp-rejected}: each message the
 * receiver answered with an error status (not 200) is appended as one line, {@code time TAB status TAB message},
 * the message's control characters escaped. A rejection is final in RELP (sending it again gets the same answer),
 * so it is kept here rather than retried or dropped.
 */
final class RelpRejects {
    private final Path file;
    private final Clock clock;

    RelpRejects(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    Path file() {
        return file;
    }

    /** Appends one rejected message; the line is on disk when this returns (DSYNC). */
    void add(byte[] message, RelpResponse response) throws IOException {
        String line = clock.instant() + "\t" + response.describe() + "\t"
                + escape(new String(message, StandardCharsets.UTF_8)) + "\n";
        Files.createDirectories(file.getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.DSYNC)) {
            w.write(line);
        }
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                sb.append("\\\\");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
