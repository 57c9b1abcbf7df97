package io.logship.lang.charconv;

import io.logship.lang.ExecError;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Strict decoding and encoding with JDK charsets, and xm_charconv's detection: a byte order mark names UTF-8,
 * UTF-16 or UTF-32 (and is dropped); otherwise the first charset of {@code AutodetectCharsets} that decodes the
 * bytes without an error wins. Single-byte charsets (ISO-8859-x, windows-125x) decode anything, so they belong
 * last in the list; this is as far as decoding can tell, not a statistical guess. Thread-safe.
 */
final class Charsets {
    private final List<Charset> autodetect;
    private final ConcurrentMap<String, Charset> byName = new ConcurrentHashMap<>();

    Charsets(List<Charset> autodetect) {
        this.autodetect = List.copyOf(autodetect);
    }

    /** The charset a name means ("auto" is null), or an ExecError naming {@code fn}. */
    Charset named(String name, String fn) {
        if (name.equalsIgnoreCase("auto")) {
            return null;
        }
        Charset c = byName.get(name);
        if (c == null) {
            try {
                c = lookup(name);
            } catch (IllegalArgumentException e) {
                throw new ExecError(fn + "(): " + e.getMessage());
            }
            byName.put(name, c);
        }
        return c;
    }

    /** Charset.forName with a message that names the charset. */
    static Charset lookup(String name) {
        try {
            return Charset.forName(name.strip().toUpperCase(Locale.ROOT).equals("UTF8") ? "UTF-8" : name.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown character set '" + name + "' (the JDK's names: UTF-8, "
                    + "ISO-8859-2, windows-1252, UTF-16LE, ...)");
        }
    }

    /** The text of {@code bytes} in {@code from} (null: detect), strictly. */
    String decode(byte[] bytes, Charset from, String fn) {
        if (from == null) {
            return detect(bytes, fn);
        }
        try {
            return strict(from, bytes, 0);
        } catch (CharacterCodingException e) {
            throw new ExecError(fn + "(): the bytes are not valid " + from.name() + " (" + e.getMessage() + ")");
        }
    }

    private String detect(byte[] b, String fn) {
        int n = b.length;
        try {
            if (n >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xff) == 0xFE && (b[3] & 0xff) == 0xFF) {
                return strict(Charset.forName("UTF-32BE"), b, 4);
            }
            if (n >= 4 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE && b[2] == 0 && b[3] == 0) {
                return strict(Charset.forName("UTF-32LE"), b, 4);
            }
            if (n >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
                return strict(StandardCharsets.UTF_8, b, 3);
            }
            if (n >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
                return strict(StandardCharsets.UTF_16BE, b, 2);
            }
            if (n >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
                return strict(StandardCharsets.UTF_16LE, b, 2);
            }
        } catch (CharacterCodingException e) {
            throw new ExecError(fn + "(): the bytes start with a byte order mark but are not valid in its encoding");
        }
        for (Charset c : autodetect) {
            try {
                return strict(c, b, 0);
            } catch (CharacterCodingException e) {
                // next one
            }
        }
        throw new ExecError(fn + "(): the bytes are none of AutodetectCharsets ("
                + String.join(", ", autodetect.stream().map(Charset::name).toList()) + ")");
    }

    private static String strict(Charset c, byte[] b, int from) throws CharacterCodingException {
        return c.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(b, from, b.length - from)).toString();
    }

    /** {@code text} in {@code to}, strictly. */
    static byte[] encode(String text, Charset to, String fn) {
        try {
            ByteBuffer out = to.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            byte[] b = new byte[out.remaining()];
            out.get(b);
            return b;
        } catch (CharacterCodingException e) {
            throw new ExecError(fn + "(): the text has characters " + to.name() + " cannot hold");
        }
    }
}
