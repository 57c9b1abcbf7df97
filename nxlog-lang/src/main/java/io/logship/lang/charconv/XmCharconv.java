package io.logship.lang.charconv;

import io.logship.api.Event;
import io.logship.api.ExtensionModule;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.lang.ExecLibrary;
import io.logship.lang.Types;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An xm_charconv instance. NXLog converts a value's bytes; here a binary value is its bytes and a string's bytes
 * are its UTF-8 encoding (how logship holds and writes text), so {@code convert($bin, "iso-8859-2", "utf-8")}
 * turns legacy bytes into text, and converting a string gives what NXLog gives for a field holding that UTF-8
 * text. The result is a string when the target is UTF-8, otherwise binary (the bytes in the target charset).
 * {@code "auto"} as the source detects (see {@link Charsets}). Invalid bytes or unmappable characters are an
 * ExecError naming the function; nothing is replaced silently.
 */
final class XmCharconv implements ExtensionModule, ExecLibrary {
    private final String instance;
    private final Charsets charsets;

    XmCharconv(String instance, List<Charset> autodetect) {
        this.instance = instance;
        this.charsets = new Charsets(autodetect);
    }

    @Override
    public List<ExecFunction> execFunctions() {
        return List.of(
                ExecFunction.function("convert", 3, 3, Types.ANY,
                        "convert(value, from, to): the value's bytes in charset from, converted to charset to.",
                        (ctx, args) -> convert(args[0], text(args[1], "convert"), text(args[2], "convert"),
                                "convert"))
                        .withArgTypes(Types.ANY, Types.STRING, Types.STRING),
                ExecFunction.procedure("convert_fields", 2, 2,
                        "convert_fields(from, to): converts every string field from one charset to another.",
                        this::convertFields).withArgTypes(Types.STRING, Types.STRING));
    }

    private static String text(Object v, String fn) {
        if (!(v instanceof String s)) {
            throw new ExecError(fn + "(): a character set name must be a string, not " + Types.typeName(v));
        }
        return s;
    }

    private Object convert(Object value, String from, String to, String fn) {
        if (value == null) {
            return null;
        }
        byte[] bytes;
        if (value instanceof byte[] b) {
            bytes = b;
        } else if (value instanceof String s) {
            bytes = s.getBytes(StandardCharsets.UTF_8);
        } else {
            throw new ExecError(fn + "(): expected a string or binary value, not " + Types.typeName(value));
        }
        Charset src = charsets.named(from, fn);
        Charset dst = charsets.named(to, fn);
        if (dst == null) {
            throw new ExecError(fn + "(): \"auto\" can only be the source character set");
        }
        if (src != null && src.equals(dst) && value instanceof String) {
            return value;
        }
        String text = charsets.decode(bytes, src, fn);
        return dst.equals(StandardCharsets.UTF_8) ? text : Charsets.encode(text, dst, fn);
    }

    private Object convertFields(ExecContext ctx, Object[] args) {
        Event e = ctx.requireEvent();
        String from = text(args[0], "convert_fields");
        String to = text(args[1], "convert_fields");
        List<Object> changed = new ArrayList<>();
        for (Map.Entry<String, Object> f : e.fields().entrySet()) {
            if (f.getValue() instanceof String) {
                changed.add(f.getKey());
                changed.add(convert(f.getValue(), from, to, "convert_fields"));
            }
        }
        for (int i = 0; i < changed.size(); i += 2) {
            e.set((String) changed.get(i), changed.get(i + 1));
        }
        return null;
    }

    @Override
    public String toString() {
        return "xm_charconv[" + instance + "]";
    }
}
