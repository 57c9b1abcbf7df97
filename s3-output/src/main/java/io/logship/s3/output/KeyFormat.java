package io.logship.s3.output;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The object key template of om_s3. Tokens in braces, everything else literal ({@code {{} and {@code }}}
 * for braces):
 * <ul>
 *   <li>{@code {server}}: the Server directive, made safe for a key (characters outside
 *       {@code A-Za-z0-9._-} become '_', so it is exactly one key segment)</li>
 *   <li>{@code {yyyy} {MM} {dd} {HH} {mm} {ss} {SSS}}: UTC date and time parts of the object's time;
 *       {@code {date}} = {@code {yyyy}-{MM}-{dd}}, {@code {time}} = {@code {HH}.{mm}.{ss}}</li>
 *   <li>{@code {seq}}: the writer's object sequence number, zero-padded to 10 digits ({@code {seq:N}} for N
 *       digits, 1 to 19); it only grows, across restarts too</li>
 *   <li>{@code {writer}}: this writer's id (8 hex digits, chosen once and kept in the spool)</li>
 *   <li>{@code {uuid}}, {@code {random}}: a UUID / 8 hex digits derived from writer id and sequence (so a
 *       retried upload gets the same key)</li>
 *   <li>{@code {ext}}: {@code .gz}, {@code .zst} or nothing, after Compression</li>
 * </ul>
 */
final class KeyFormat {
    static final String DEFAULT = "{server}/{date}/{time}.{seq}{ext}";
    static final int DEFAULT_SEQ_WIDTH = 10;

    private sealed interface Part permits Literal, Token {
    }

    private record Literal(String text) implements Part {
    }

    private record Token(String name, int width) implements Part {
    }

    private final String template;
    private final List<Part> parts;
    private final String server;
    private final String writerId;
    private final String ext;

    private KeyFormat(String template, List<Part> parts, String server, String writerId, String ext) {
        this.template = template;
        this.parts = parts;
        this.server = server;
        this.writerId = writerId;
        this.ext = ext;
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException naming the bad token, or when no token makes keys unique
     */
    static KeyFormat parse(String template, String server, String writerId, String ext) {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        boolean unique = false;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                lit.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                lit.append('}');
                i += 2;
            } else if (c == '{') {
                int end = template.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed '{' at position " + (i + 1));
                }
                String spec = template.substring(i + 1, end);
                String name = spec;
                int width = 0;
                int colon = spec.indexOf(':');
                if (colon >= 0) {
                    name = spec.substring(0, colon);
                    try {
                        width = Integer.parseInt(spec.substring(colon + 1));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("bad width in {" + spec + "}");
                    }
                    if (!name.equals("seq") || width < 1 || width > 19) {
                        throw new IllegalArgumentException("only {seq:N} takes a width, N from 1 to 19: {" + spec + "}");
                    }
                }
                switch (name) {
                    case "server", "yyyy", "MM", "dd", "HH", "mm", "ss", "SSS", "date", "time", "writer", "ext" -> {
                    }
                    case "seq", "uuid", "random" -> unique = true;
                    default -> throw new IllegalArgumentException("unknown token {" + spec + "}; known: {server}"
                            + " {date} {time} {yyyy} {MM} {dd} {HH} {mm} {ss} {SSS} {seq} {seq:N} {writer} {uuid}"
                            + " {random} {ext}");
                }
                if (!lit.isEmpty()) {
                    parts.add(new Literal(lit.toString()));
                    lit.setLength(0);
                }
                parts.add(new Token(name, name.equals("seq") && width == 0 ? DEFAULT_SEQ_WIDTH : width));
                i = end + 1;
            } else if (c == '}') {
                throw new IllegalArgumentException("unmatched '}' at position " + (i + 1) + " (write }} for a brace)");
            } else {
                lit.append(c);
                i++;
            }
        }
        if (!lit.isEmpty()) {
            parts.add(new Literal(lit.toString()));
        }
        if (!unique) {
            throw new IllegalArgumentException("the key format needs {seq}, {uuid} or {random} so that every"
                    + " object gets its own key");
        }
        if (template.startsWith("/")) {
            throw new IllegalArgumentException("a key must not start with '/'");
        }
        return new KeyFormat(template, List.copyOf(parts), safeSegment(server), writerId, ext);
    }

    /** The key of the object with this sequence number and time. */
    String render(long seq, long epochMillis) {
        ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(64);
        for (Part p : parts) {
            if (p instanceof Literal l) {
                sb.append(l.text());
                continue;
            }
            Token tk = (Token) p;
            switch (tk.name()) {
                case "server" -> sb.append(server);
                case "yyyy" -> pad(sb, t.getYear(), 4);
                case "MM" -> pad(sb, t.getMonthValue(), 2);
                case "dd" -> pad(sb, t.getDayOfMonth(), 2);
                case "HH" -> pad(sb, t.getHour(), 2);
                case "mm" -> pad(sb, t.getMinute(), 2);
                case "ss" -> pad(sb, t.getSecond(), 2);
                case "SSS" -> pad(sb, t.getNano() / 1_000_000, 3);
                case "date" -> {
                    pad(sb, t.getYear(), 4);
                    sb.append('-');
                    pad(sb, t.getMonthValue(), 2);
                    sb.append('-');
                    pad(sb, t.getDayOfMonth(), 2);
                }
                case "time" -> {
                    pad(sb, t.getHour(), 2);
                    sb.append('.');
                    pad(sb, t.getMinute(), 2);
                    sb.append('.');
                    pad(sb, t.getSecond(), 2);
                }
                case "seq" -> pad(sb, seq, tk.width());
                case "writer" -> sb.append(writerId);
                case "uuid" -> sb.append(uuid(seq));
                case "random" -> sb.append(uuid(seq).toString(), 0, 8);
                case "ext" -> sb.append(ext);
                default -> throw new IllegalStateException(tk.name());
            }
        }
        return sb.toString();
    }

    /** The largest sequence number whose {seq} still has its full width (lexical order holds up to it). */
    long maxOrderedSeq() {
        int w = 19;
        for (Part p : parts) {
            if (p instanceof Token t && t.name().equals("seq")) {
                w = Math.min(w, t.width());
            }
        }
        return w >= 19 ? Long.MAX_VALUE : (long) Math.pow(10, w) - 1;
    }

    private UUID uuid(long seq) {
        return UUID.nameUUIDFromBytes((writerId + ":" + seq).getBytes(StandardCharsets.UTF_8));
    }

    private static void pad(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }

    /** One key segment: no '/', no "." or "..", only A-Za-z0-9._- (others become '_'); never empty. */
    static String safeSegment(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
                    || c == '_';
            sb.append(ok ? c : '_');
        }
        String out = sb.toString();
        if (out.isEmpty() || out.equals(".") || out.equals("..")) {
            return out.isEmpty() ? "_" : out.replace('.', '_');
        }
        return out;
    }

    String template() {
        return template;
    }

    @Override
    public String toString() {
        return "KeyFormat[" + template + ", server=" + server + ", writer=" + writerId + "]";
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
