package io.logship.host.runtime;

import io.logship.api.LogshipException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Positions in {@code CacheDir/positions/<instance>.pos}, one file per input. A save writes
 * {@code <instance>.pos.tmp}, fsyncs it, renames it over the old file and fsyncs the directory, so a
 * crash at any moment leaves either the previous or the new file. The file is text:
 *
 * <pre>
 * logship-positions 1
 * stream&lt;TAB&gt;value        (backslash escapes for \ TAB CR LF)
 * end &lt;count&gt; &lt;crc32 of everything above, hex&gt;
 * </pre>
 *
 * A file that does not end with a matching {@code end} line is corrupt: load fails naming the file,
 * and the agent does not start (it never silently re-reads an input from the beginning).
 */
final class FileCheckpointStore implements CheckpointStore {
    static final String HEADER = "logship-positions 1";
    private final Path dir;

    FileCheckpointStore(Path cacheDir) {
        this.dir = cacheDir.resolve("positions");
    }

    Path dir() {
        return dir;
    }

    Path fileFor(String instance) {
        return dir.resolve(escape(instance) + ".pos");
    }

    @Override
    public Map<String, String> load(String instance) throws LogshipException {
        Path file = fileFor(instance);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new LogshipException("cannot read position file " + file + " of input " + instance + ": " + e, e);
        }
        try {
            return parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new LogshipException("corrupt position file " + file + " of input " + instance + ": "
                    + e.getMessage() + ". logship will not start rather than re-read the input from an unknown"
                    + " point; restore the file, or remove it to let the input start as on a first run", e);
        }
    }

    @Override
    public void save(String instance, Map<String, String> positions) throws IOException {
        Files.createDirectories(dir);
        Path file = fileFor(instance);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        byte[] bytes = render(positions);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        fsyncDir(dir);
    }

    static byte[] render(Map<String, String> positions) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        Map<String, String> sorted = new TreeMap<>(positions);
        sorted.forEach((k, v) -> sb.append(escapeText(k)).append('\t').append(escapeText(v)).append('\n'));
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(body);
        String end = String.format(Locale.ROOT, "end %d %08x\n", sorted.size(), crc.getValue());
        byte[] tail = end.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + tail.length];
        System.arraycopy(body, 0, out, 0, body.length);
        System.arraycopy(tail, 0, out, body.length, tail.length);
        return out;
    }

    static Map<String, String> parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8 text");
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the file is empty");
        }
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the file is truncated (no final line)");
        }
        int lastStart = text.lastIndexOf('\n', text.length() - 2) + 1;
        String endLine = text.substring(lastStart, text.length() - 1);
        String body = text.substring(0, lastStart);
        String[] end = endLine.split(" ");
        if (end.length != 3 || !end[0].equals("end")) {
            throw new IllegalArgumentException("the file is truncated (no end line)");
        }
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        if (!String.format(Locale.ROOT, "%08x", crc.getValue()).equals(end[2])) {
            throw new IllegalArgumentException("checksum mismatch");
        }
        String[] lines = body.split("\n", -1);
        if (!lines[0].equals(HEADER)) {
            throw new IllegalArgumentException("unknown format (first line is not '" + HEADER + "')");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 1; i < lines.length - 1; i++) {
            String line = lines[i];
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IllegalArgumentException("line " + (i + 1) + " has no TAB");
            }
            out.put(unescapeText(line.substring(0, tab), i + 1), unescapeText(line.substring(tab + 1), i + 1));
        }
        if (out.size() != Integer.parseInt(end[1])) {
            throw new IllegalArgumentException("expected " + end[1] + " entries, found " + out.size());
        }
        return out;
    }

    /** An instance name as a safe file name: [A-Za-z0-9_-] and inner dots kept, the rest %XX. */
    static String escape(String instance) {
        StringBuilder sb = new StringBuilder();
        byte[] bytes = instance.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_'
                    || b == '-' || (b == '.' && i > 0);
            if (plain) {
                sb.append((char) b);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", b));
            }
        }
        return sb.length() == 0 ? "%" : sb.toString();
    }

    private static String escapeText(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String unescapeText(String s, int line) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= s.length()) {
                throw new IllegalArgumentException("line " + line + " ends in a lone backslash");
            }
            switch (s.charAt(i)) {
                case '\\' -> sb.append('\\');
                case 't' -> sb.append('\t');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                default -> throw new IllegalArgumentException("line " + line + " has a bad escape");
            }
        }
        return sb.toString();
    }

    private static void fsyncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open or sync a directory; the rename itself is still atomic there.
        }
    }
}
