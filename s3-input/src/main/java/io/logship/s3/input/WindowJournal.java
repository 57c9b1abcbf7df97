package io.logship.s3.input;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The late-arrival window's keys on disk ({@code CacheDir/im_s3/<instance>.window}), so that the host's
 * small committed position need not carry them. Each finished object is appended with a sequence
 * number; the committed position names the sequence it covers, and on start the entries after it are
 * dropped (they belong to events that were never committed). The file is replaced atomically (write
 * temp, fsync, rename) on start and when it has grown; appends in between reach the OS before the
 * event that depends on them is posted, so a SIGKILL loses none. A lost or damaged file only makes
 * the window forget keys (a late key could then be missed), never repeats an object below the cursor.
 *
 * <pre>
 * im_s3-window 3 &lt;bucket/prefix, escaped&gt; TAB &gt;&lt;initial cursor, escaped&gt;   (or - when there is none)
 * &lt;seq&gt; TAB &lt;lastModified ms&gt; TAB &lt;flag r|e|f&gt; TAB &lt;key, escaped&gt; TAB &lt;floor, escaped&gt;
 * a TAB &lt;seq&gt;          (AfterRead done for that object)
 * </pre>
 *
 * <p>The header names the {@link S3Location} the file belongs to. Version 2 files (no location) are still
 * read, as belonging to the configured location; version 1 files (no floor field, no location) too, each key
 * taken as its own floor. An older agent reading a newer file starts with an empty window (it repeats
 * nothing, but may miss a late key).
 */
final class WindowJournal implements AutoCloseable {
    static final String HEADER = "im_s3-window 3";
    private static final String HEADER_V2 = "im_s3-window 2";
    private static final String HEADER_V1 = "im_s3-window 1";

    /**
     * A journal line for a finished object. flag: r = read, e = empty, f = failed; floor: the key listed
     * before it ("" for the start of the listing; see {@link LateWindow.Entry}).
     */
    record Line(long seq, long lastModified, char flag, String key, String floor) {
    }

    /** What a journal file held; location null when the file does not say (version 1 or 2, or no file). */
    record Loaded(S3Location location, String initialCursor, List<Line> lines, Set<Long> actioned,
                  List<String> problems) {
    }

    private final Path file;
    private final S3Location location;
    private Writer out;
    private long appended;

    /** A journal of {@code location}'s reading, written to {@code file}. */
    WindowJournal(Path file, S3Location location) {
        this.file = file;
        this.location = location;
    }

    Path file() {
        return file;
    }

    /** Reads the file; a damaged line is reported in problems and skipped, a missing file is empty. */
    static Loaded load(Path file) throws IOException {
        List<Line> lines = new ArrayList<>();
        Set<Long> actioned = new HashSet<>();
        List<String> problems = new ArrayList<>();
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Loaded(null, null, lines, actioned, problems);
        } catch (java.nio.charset.MalformedInputException e) {
            problems.add(file + ": not UTF-8 text; the late-arrival window starts empty");
            return new Loaded(null, null, lines, actioned, problems);
        }
        String header = text.isEmpty() ? "" : text.get(0);
        boolean v1 = header.startsWith(HEADER_V1);
        boolean v3 = header.startsWith(HEADER + " ");
        if (!(v1 || v3 || header.startsWith(HEADER_V2))) {
            problems.add(file + ": unknown header; the late-arrival window starts empty");
            return new Loaded(null, null, lines, actioned, problems);
        }
        String h = header.length() > HEADER.length() + 1 ? header.substring(HEADER.length() + 1) : "-";
        S3Location location = null;
        if (v3) {
            int tab = h.indexOf('\t');
            try {
                location = S3Location.parse(unescape(tab < 0 ? h : h.substring(0, tab)));
            } catch (IllegalArgumentException e) {
                problems.add(file + ": damaged header; the late-arrival window starts empty");
                return new Loaded(null, null, lines, actioned, problems);
            }
            h = tab < 0 ? "-" : h.substring(tab + 1);
        }
        String initial = h.startsWith(">") ? unescape(h.substring(1)) : null;
        for (int i = 1; i < text.size(); i++) {
            String l = text.get(i);
            try {
                if (l.startsWith("a\t")) {
                    actioned.add(Long.parseLong(l.substring(2)));
                    continue;
                }
                String[] p = l.split("\t", -1);
                if (p.length != (v1 ? 4 : 5) || p[2].length() != 1) {
                    throw new IllegalArgumentException("bad field count");
                }
                String key = unescape(p[3]);
                lines.add(new Line(Long.parseLong(p[0]), Long.parseLong(p[1]), p[2].charAt(0), key,
                        v1 ? key : unescape(p[4])));
            } catch (RuntimeException e) {
                // the last line may be cut short by a crash during an append
                problems.add(file + ":" + (i + 1) + ": damaged line skipped");
            }
        }
        return new Loaded(location, initial, lines, actioned, problems);
    }

    /** Replaces the file atomically with these lines, then keeps it open for appends. */
    void rewrite(String initialCursor, Collection<Line> lines, Collection<Long> actioned) throws IOException {
        closeWriter();
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8))) {
            w.write(HEADER + " " + escape(location.text()) + "\t"
                    + (initialCursor == null ? "-" : ">" + escape(initialCursor)) + "\n");
            for (Line l : lines) {
                writeLine(w, l);
            }
            for (Long s : actioned) {
                w.write("a\t" + s + "\n");
            }
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.APPEND),
                StandardCharsets.UTF_8), 8192);
        appended = 0;
    }

    void append(Line l) throws IOException {
        writeLine(out, l);
        appended++;
    }

    void appendAction(long seq) throws IOException {
        out.write("a\t" + seq + "\n");
        appended++;
    }

    /** Hands buffered appends to the OS (enough against SIGKILL). */
    void flush() throws IOException {
        out.flush();
    }

    /** Lines appended since the last rewrite. */
    long appended() {
        return appended;
    }

    private static void writeLine(Writer w, Line l) throws IOException {
        w.write(Long.toString(l.seq()));
        w.write('\t');
        w.write(Long.toString(l.lastModified()));
        w.write('\t');
        w.write(l.flag());
        w.write('\t');
        w.write(escape(l.key()));
        w.write('\t');
        w.write(escape(l.floor()));
        w.write('\n');
    }

    static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (rep != null && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private void closeWriter() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeWriter();
    }
}
