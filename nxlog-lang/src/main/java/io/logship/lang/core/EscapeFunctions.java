package io.logship.lang.core;

import static io.logship.lang.ExecFunction.function;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.lang.Types;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code escape_json}/{@code unescape_json}, {@code escape_html}/{@code unescape_html},
 * {@code escape_xml}/{@code unescape_xml}, {@code escape_url}/{@code unescape_url}. Undef in, undef out; a string
 * that needs no change is returned as it is (no copy).
 */
final class EscapeFunctions {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private EscapeFunctions() {
    }

    static List<ExecFunction> functions() {
        return List.of(
                function("escape_json", 1, 1, Types.STRING, "the string escaped as the inside of a JSON string",
                        (ctx, a) -> escapeJson(Args.string("escape_json", a, 0))).withArgTypes(Types.STRING),
                function("unescape_json", 1, 1, Types.STRING, "the JSON escapes of a string decoded",
                        (ctx, a) -> unescapeJson(Args.string("unescape_json", a, 0))).withArgTypes(Types.STRING),
                function("escape_html", 1, 1, Types.STRING, "& < > \" escaped as HTML entities",
                        (ctx, a) -> escapeMarkup(Args.string("escape_html", a, 0), false)).withArgTypes(Types.STRING),
                function("unescape_html", 1, 1, Types.STRING, "HTML entities decoded",
                        (ctx, a) -> unescapeMarkup("unescape_html", Args.string("unescape_html", a, 0)))
                        .withArgTypes(Types.STRING),
                function("escape_xml", 1, 1, Types.STRING, "& < > \" ' escaped as XML entities",
                        (ctx, a) -> escapeMarkup(Args.string("escape_xml", a, 0), true)).withArgTypes(Types.STRING),
                function("unescape_xml", 1, 1, Types.STRING, "XML entities decoded",
                        (ctx, a) -> unescapeMarkup("unescape_xml", Args.string("unescape_xml", a, 0)))
                        .withArgTypes(Types.STRING),
                function("escape_url", 1, 1, Types.STRING, "the string percent-encoded (UTF-8; A-Z a-z 0-9 - . _ ~ kept)",
                        (ctx, a) -> escapeUrl(Args.string("escape_url", a, 0))).withArgTypes(Types.STRING),
                function("unescape_url", 1, 1, Types.STRING, "%XX escapes decoded (as UTF-8)",
                        (ctx, a) -> unescapeUrl(Args.string("unescape_url", a, 0))).withArgTypes(Types.STRING));
    }

    static String escapeJson(String s) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return new String(JsonStringEncoder.getInstance().quoteAsString(s));
            }
        }
        return s;
    }

    static String unescapeJson(String s) {
        if (s == null) {
            return null;
        }
        int first = s.indexOf('\\');
        if (first < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length()).append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= s.length()) {
                throw new ExecError("unescape_json(): the string ends in a lone backslash");
            }
            char e = s.charAt(i);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) hex("unescape_json", s, i + 1, 4));
                    i += 4;
                }
                default -> throw new ExecError("unescape_json(): invalid escape \\" + e + " at offset " + (i - 1));
            }
        }
        return out.toString();
    }

    static String escapeMarkup(String s, boolean apostrophe) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> apostrophe ? "&apos;" : null;
                default -> null;
            };
            if (r != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (r != null) {
                    out.append(r);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    static String unescapeMarkup(String fn, String s) {
        if (s == null) {
            return null;
        }
        int amp = s.indexOf('&');
        if (amp < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length()).append(s, 0, amp);
        int i = amp;
        while (i < s.length()) {
            char c = s.charAt(i);
            int semi = c == '&' ? s.indexOf(';', i + 1) : -1;
            if (semi < 0 || semi - i > 12) {
                out.append(c);
                i++;
                continue;
            }
            String name = s.substring(i + 1, semi);
            int cp = entity(name);
            if (cp < 0) {
                out.append(c); // not an entity we know: kept as written
                i++;
                continue;
            }
            out.appendCodePoint(cp);
            i = semi + 1;
        }
        return out.toString();
    }

    private static int entity(String name) {
        switch (name) {
            case "amp": return '&';
            case "lt": return '<';
            case "gt": return '>';
            case "quot": return '"';
            case "apos": return '\'';
            case "nbsp": return 0xA0;
            default:
                break;
        }
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                int cp = Integer.parseInt(name.substring(2), 16);
                return Character.isValidCodePoint(cp) ? cp : -1;
            }
            if (name.startsWith("#")) {
                int cp = Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(cp) ? cp : -1;
            }
        } catch (NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static String escapeUrl(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && unreserved(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, i);
        byte[] rest = s.substring(i).getBytes(StandardCharsets.UTF_8);
        for (byte b : rest) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && unreserved(c)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    static String unescapeUrl(String s) {
        if (s == null) {
            return null;
        }
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%') {
                if (i + 2 >= in.length) {
                    throw new ExecError("unescape_url(): truncated %-escape at offset " + i);
                }
                out.write(hex("unescape_url", s, i + 1, 2, in));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(String fn, String s, int from, int n) {
        if (from + n > s.length()) {
            throw new ExecError(fn + "(): truncated escape at offset " + (from - 2));
        }
        int v = 0;
        for (int i = from; i < from + n; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                throw new ExecError(fn + "(): invalid hexadecimal digit '" + s.charAt(i) + "' at offset " + i);
            }
            v = v * 16 + d;
        }
        return v;
    }

    private static int hex(String fn, String s, int from, int n, byte[] in) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            int d = Character.digit((char) (in[i] & 0xFF), 16);
            if (d < 0) {
                throw new ExecError(fn + "(): invalid hexadecimal digit at byte offset " + i);
            }
            v = v * 16 + d;
        }
        return v;
    }
}
