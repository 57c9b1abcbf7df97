package io.logship.lang.kvp;

import io.logship.api.Event;
import io.logship.api.Fields;
import io.logship.lang.ExecError;
import io.logship.lang.Types;
import io.logship.lang.json.JsonValues;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One xm_kvp instance's format. Reading, as NXLog does: a key, the key-value delimiter, a value, the pair
 * delimiter, and so on. Delimiters and quote characters left unset are detected per line: the first {@code =}
 * or {@code :} after a key, the first {@code ,} {@code ;} or space after a value, a leading {@code "} or
 * {@code '}. Keys and unquoted values are trimmed; an empty pair ({@code ,,}) is skipped; a key longer than 255
 * characters is skipped with its value. The escape character before the escape, the quote or (unquoted) the
 * pair delimiter makes it literal, before n r t b a control character with {@code EscapeControl}, and is kept
 * before anything else. With {@code DetectNumericValues} an unquoted integer becomes an integer field. A line
 * that ends inside a key or after a key without a value, or a misplaced quote, is an ExecError and sets
 * nothing. Writing ({@code to_kvp}): every field but raw_event and hidden ones (. or _) as key, delimiter,
 * value, pair delimiter (NXLog writes it after every pair, the last too); {@code =} and {@code ;} unless set;
 * string values escaped and quoted as {@code QuoteMethod} says (Auto: only when they hold a space or the pair
 * delimiter), other values in NXLog's text form.
 */
final class KvpCodec {
    enum QuoteMethod { ALL, AUTO, NONE }

    static final int MAX_KEY = 255;

    private final char kvDelimiter; // 0: detect
    private final char kvpDelimiter; // 0: detect
    private final char keyQuote; // 0: detect
    private final char valueQuote; // 0: detect
    private final char escape; // 0: none
    private final boolean escapeControl;
    private final boolean detectNumbers;
    private final QuoteMethod quoteMethod;

    KvpCodec(char kvDelimiter, char kvpDelimiter, char keyQuote, char valueQuote, char escape,
             boolean escapeControl, boolean detectNumbers, QuoteMethod quoteMethod) {
        this.kvDelimiter = kvDelimiter;
        this.kvpDelimiter = kvpDelimiter;
        this.keyQuote = keyQuote;
        this.valueQuote = valueQuote;
        this.escape = escape;
        this.escapeControl = escapeControl;
        this.detectNumbers = detectNumbers;
        this.quoteMethod = quoteMethod;
    }

    void parse(String src, Event event) {
        char kv = kvDelimiter;
        char kvp = kvpDelimiter;
        char kq = keyQuote;
        char vq = valueQuote;
        List<Object> pairs = new ArrayList<>();
        StringBuilder key = new StringBuilder();
        StringBuilder val = new StringBuilder();
        int n = src.length();
        int i = 0;
        while (true) {
            // the key
            while (i < n && (src.charAt(i) == ' ' || (kvp != 0 && src.charAt(i) == kvp))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            key.setLength(0);
            boolean keyQuoted = false;
            char c = src.charAt(i);
            if (kq == 0 && (c == '"' || c == '\'')) {
                kq = c;
            }
            if (kq != 0 && c == kq) {
                keyQuoted = true;
                i++;
                boolean closed = false;
                while (i < n) {
                    c = src.charAt(i++);
                    if (escape != 0 && c == escape && i < n) {
                        char e = src.charAt(i++);
                        if (e != escape && e != kq) {
                            key.append(escape);
                        }
                        key.append(e);
                    } else if (c == kq) {
                        closed = true;
                        break;
                    } else {
                        key.append(c);
                    }
                }
                if (!closed) {
                    throw bad("unbalanced quote " + kq + " in a key", src);
                }
                while (i < n && src.charAt(i) == ' ') {
                    i++;
                }
                if (i >= n) {
                    throw bad("key '" + key + "' has no value", src);
                }
                c = src.charAt(i);
                if (kv == 0 && (c == '=' || c == ':')) {
                    kv = c;
                }
                if (c != kv) {
                    throw bad("expected " + (kv == 0 ? "= or :" : "'" + kv + "'") + " after key '" + key + "'", src);
                }
                i++;
            } else {
                boolean found = false;
                while (i < n) {
                    c = src.charAt(i++);
                    if (kv == 0 && (c == '=' || c == ':')) {
                        kv = c;
                    }
                    if (c == kv) {
                        found = true;
                        break;
                    }
                    if (escape != 0 && c == escape && i < n) {
                        char e = src.charAt(i++);
                        if (e != escape && e != kq) {
                            key.append(escape);
                        }
                        key.append(e);
                    } else {
                        key.append(c);
                    }
                }
                if (!found) {
                    throw bad("'" + excerpt(key.toString().strip()) + "' has no key-value delimiter", src);
                }
            }
            // the value
            while (i < n && src.charAt(i) == ' ') {
                i++;
            }
            val.setLength(0);
            boolean valueQuoted = false;
            if (i < n) {
                c = src.charAt(i);
                if (vq == 0 && (c == '"' || c == '\'')) {
                    vq = c;
                }
                if (vq != 0 && c == vq) {
                    valueQuoted = true;
                    i++;
                }
            }
            boolean closed = !valueQuoted;
            while (i < n) {
                c = src.charAt(i++);
                if (escape != 0 && c == escape && i < n) {
                    unescape(src.charAt(i++), val, valueQuoted, vq, kvp);
                } else if (valueQuoted && c == vq) {
                    closed = true;
                    break;
                } else if (!valueQuoted && vq != 0 && c == vq) {
                    if (val.length() > 0) {
                        throw bad("quote " + vq + " inside the unquoted value of '" + key + "'", src);
                    }
                } else if (!valueQuoted && (kvp == 0 ? (c == ',' || c == ';' || c == ' ') : c == kvp)) {
                    if (kvp == 0) {
                        kvp = c;
                    }
                    i--; // leave the delimiter for the next key
                    break;
                } else {
                    val.append(c);
                }
            }
            if (!closed) {
                throw bad("unbalanced quote " + vq + " in the value of '" + key + "'", src);
            }
            if (valueQuoted) {
                // after the closing quote: spaces, then the pair delimiter (detected if unset) or the end
                int before = i;
                while (i < n && src.charAt(i) == ' ') {
                    i++;
                }
                boolean spaced = i > before;
                if (i < n) {
                    c = src.charAt(i);
                    if (kvp == 0 && (c == ',' || c == ';')) {
                        kvp = c;
                    } else if (kvp == 0 && spaced) {
                        kvp = ' ';
                    } else if (c != kvp && !(kvp == ' ' && spaced)) {
                        throw bad("unexpected '" + c + "' after the quoted value of '" + key + "'", src);
                    }
                }
            }
            String k = keyQuoted ? key.toString() : key.toString().strip();
            if (k.length() <= MAX_KEY && !k.isEmpty()) {
                String v = valueQuoted ? val.toString() : val.toString().strip();
                pairs.add(k);
                pairs.add(!valueQuoted && detectNumbers ? number(v) : v);
            }
        }
        for (int p = 0; p < pairs.size(); p += 2) {
            event.set((String) pairs.get(p), pairs.get(p + 1));
        }
    }

    private void unescape(char c, StringBuilder out, boolean quoted, char vq, char kvp) {
        if (escapeControl) {
            switch (c) {
                case 'n' -> {
                    out.append('\n');
                    return;
                }
                case 'r' -> {
                    out.append('\r');
                    return;
                }
                case 't' -> {
                    out.append('\t');
                    return;
                }
                case 'b' -> {
                    out.append('\b');
                    return;
                }
                default -> {
                }
            }
        }
        if (c == escape || (vq != 0 && c == vq) || (!quoted && kvp != 0 && c == kvp)) {
            out.append(c);
        } else {
            out.append(escape).append(c);
        }
    }

    private static Object number(String v) {
        int n = v.length();
        int start = n > 0 && v.charAt(0) == '-' ? 1 : 0;
        if (n == start || n - start > 18) {
            return v;
        }
        for (int i = start; i < n; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return v;
            }
        }
        return Long.parseLong(v);
    }

    String format(Event event, ZoneId zone) {
        char kv = kvDelimiter == 0 ? '=' : kvDelimiter;
        char kvp = kvpDelimiter == 0 ? ';' : kvpDelimiter;
        char q = valueQuote == 0 ? '"' : valueQuote;
        StringBuilder out = new StringBuilder(128);
        for (Map.Entry<String, Object> f : event.fields().entrySet()) {
            String name = f.getKey();
            if (name.equals(Fields.RAW_EVENT) || name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            out.append(name).append(kv);
            Object v = f.getValue();
            if (v instanceof String s) {
                appendString(s, out, q, kvp);
            } else {
                String text = v instanceof byte[] b ? JsonValues.hex(b) : Types.toText(v, zone);
                if (quoteMethod == QuoteMethod.ALL) {
                    out.append(q).append(text).append(q);
                } else {
                    out.append(text);
                }
            }
            out.append(kvp);
        }
        return out.toString();
    }

    private void appendString(String s, StringBuilder out, char q, char kvp) {
        boolean needQuote = quoteMethod == QuoteMethod.ALL;
        int start = out.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (escape != 0 && (c == escape || c == q)) {
                out.append(escape).append(c);
            } else if (escape != 0 && escapeControl && (c == '\n' || c == '\r' || c == '\t' || c == '\b')) {
                out.append(escape).append(c == '\n' ? 'n' : c == '\r' ? 'r' : c == '\t' ? 't' : 'b');
            } else {
                if (quoteMethod == QuoteMethod.AUTO && (c == ' ' || c == kvp)) {
                    needQuote = true;
                }
                out.append(c);
            }
        }
        if (needQuote && !s.isEmpty()) {
            out.insert(start, q).append(q);
        }
    }

    private static ExecError bad(String what, String src) {
        return new ExecError("parse_kvp(): " + what + " in '" + excerpt(src) + "'");
    }

    private static String excerpt(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
