package io.logship.lang.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.logship.api.Event;
import io.logship.api.Fields;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code to_json()}: every field except {@code raw_event}, in the event's order, values by {@link JsonValues}.
 * Options as xm_json's directives: hidden fields (names starting with {@code .} or {@code _}) left out unless
 * {@code IncludeHiddenFields}; with {@code DetectNestedJSON} a string field holding a JSON object or array is
 * written as that structure rather than as a string (what parse_json made of a nested object goes back out
 * nested); with {@code UnFlatten} dotted names become nested objects ({@code $a.b} → {@code {"a":{"b":..}}});
 * {@code PrettyPrint} indents; {@code ForceUTF8} replaces unpaired surrogates with U+FFFD.
 */
final class JsonWriter {
    private final JsonFactory factory;
    private final JsonDateFormat dates;
    private final boolean includeHidden;
    private final boolean detectNested;
    private final boolean unflatten;
    private final boolean pretty;
    private final boolean forceUtf8;
    private final ThreadLocal<Reused> reused = new ThreadLocal<>();
    /** A thread keeps its buffer only while it stays this small (one huge event does not pin its memory). */
    private static final int MAX_KEPT_CHARS = 64 * 1024;

    JsonWriter(JsonFactory factory, JsonDateFormat dates, boolean includeHidden, boolean detectNested,
               boolean unflatten, boolean pretty, boolean forceUtf8) {
        this.factory = factory;
        this.dates = dates;
        this.includeHidden = includeHidden;
        this.detectNested = detectNested;
        this.unflatten = unflatten;
        this.pretty = pretty;
        this.forceUtf8 = forceUtf8;
    }

    String write(Event event, ZoneId zone) {
        if (pretty) {
            StringWriter out = new StringWriter(256);
            try (JsonGenerator g = factory.createGenerator(out)) {
                g.useDefaultPrettyPrinter();
                writeObject(g, event, zone);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a StringWriter does not fail
            }
            return out.toString();
        }
        Reused r = reused.get();
        boolean keep = false;
        try {
            if (r == null) {
                r = new Reused(factory);
            }
            writeObject(r.generator, event, zone);
            r.generator.flush();
            StringBuffer text = r.out.getBuffer();
            String json = text.toString();
            keep = text.capacity() <= MAX_KEPT_CHARS;
            text.setLength(0);
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        } finally {
            if (keep) {
                reused.set(r);
            } else {
                reused.remove(); // after a failure the generator's state is unknown; a huge buffer is not kept
            }
        }
    }

    private void writeObject(JsonGenerator g, Event event, ZoneId zone) throws IOException {
        if (unflatten && hasDottedName(event)) {
            writeTree(g, tree(event), zone);
        } else {
            g.writeStartObject();
            for (Map.Entry<String, Object> f : event.fields().entrySet()) {
                if (skip(f.getKey())) {
                    continue;
                }
                g.writeFieldName(text(f.getKey()));
                writeValue(g, f.getValue(), zone);
            }
            g.writeEndObject();
        }
    }

    /**
     * One generator and buffer per thread, writing one root object after another with no separator: creating a
     * generator per event cost more than writing the fields.
     */
    private static final class Reused {
        final StringWriter out = new StringWriter(256);
        final JsonGenerator generator;

        Reused(JsonFactory factory) throws IOException {
            generator = factory.createGenerator(out);
            generator.setRootValueSeparator(null);
        }
    }

    private boolean skip(String name) {
        if (name.equals(Fields.RAW_EVENT)) {
            return true;
        }
        return !includeHidden && !name.isEmpty() && (name.charAt(0) == '.' || name.charAt(0) == '_');
    }

    private void writeValue(JsonGenerator g, Object v, ZoneId zone) throws IOException {
        if (v instanceof String s) {
            if (detectNested && looksNested(s) && writeNested(g, s)) {
                return;
            }
            g.writeString(text(s));
        } else {
            JsonValues.write(g, v, dates, zone);
        }
    }

    private static boolean looksNested(String s) {
        int n = s.length();
        if (n < 2) {
            return false;
        }
        char a = s.charAt(0);
        char z = s.charAt(n - 1);
        return (a == '{' && z == '}') || (a == '[' && z == ']');
    }

    /** Copies the JSON a string holds into the output; false (nothing written) when it is not valid JSON. */
    private boolean writeNested(JsonGenerator g, String s) throws IOException {
        try (JsonParser check = factory.createParser(s)) {
            check.nextToken();
            check.skipChildren();
            if (check.nextToken() != null) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        try (JsonParser p = factory.createParser(s)) {
            p.nextToken();
            g.copyCurrentStructure(p);
        }
        return true;
    }

    private String text(String s) {
        return forceUtf8 ? Utf8.wellFormed(s) : s;
    }

    private boolean hasDottedName(Event e) {
        for (String n : e.fieldNames()) {
            if (n.indexOf('.') > 0 && !skip(n)) {
                return true;
            }
        }
        return false;
    }

    /** The fields as nested maps: a leaf is the value, a branch a LinkedHashMap; a name clash keeps both flat. */
    private Map<String, Object> tree(Event e) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, Object> f : e.fields().entrySet()) {
            String name = f.getKey();
            if (skip(name)) {
                continue;
            }
            String[] parts = name.split("\\.", -1);
            Map<String, Object> node = root;
            boolean clash = false;
            for (int i = 0; i < parts.length - 1 && !clash; i++) {
                Object child = node.get(parts[i]);
                if (parts[i].isEmpty() || (child != null && !(child instanceof Branch))) {
                    clash = true;
                } else {
                    if (child == null) {
                        child = new Branch();
                        node.put(parts[i], child);
                    }
                    node = (Branch) child;
                }
            }
            String leaf = parts[parts.length - 1];
            if (clash || leaf.isEmpty() || node.get(leaf) instanceof Branch) {
                root.put(name, f.getValue());
            } else {
                node.put(leaf, f.getValue());
            }
        }
        return root;
    }

    private void writeTree(JsonGenerator g, Map<String, Object> node, ZoneId zone) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> m : node.entrySet()) {
            g.writeFieldName(text(m.getKey()));
            if (m.getValue() instanceof Branch b) {
                writeTree(g, b, zone);
            } else {
                writeValue(g, m.getValue(), zone);
            }
        }
        g.writeEndObject();
    }

    /** A nested object of {@link #tree}. */
    private static final class Branch extends LinkedHashMap<String, Object> {
        private static final long serialVersionUID = 1L;
    }
}
