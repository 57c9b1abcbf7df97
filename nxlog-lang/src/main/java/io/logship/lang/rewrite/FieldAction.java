package io.logship.lang.rewrite;

import io.logship.api.Event;
import java.util.List;
import java.util.Set;

/** One of xm_rewrite's Delete, Keep and Rename directives, applied to an event. Immutable, thread-safe. */
sealed interface FieldAction {
    void apply(Event e);

    /** {@code Delete a, b}: the fields are removed. */
    record Delete(List<String> fields) implements FieldAction {
        @Override
        public void apply(Event e) {
            for (String f : fields) {
                e.remove(f);
            }
        }
    }

    /** {@code Keep a, b}: every other field is removed, except raw_event, which NXLog never deletes. */
    record Keep(Set<String> fields) implements FieldAction {
        @Override
        public void apply(Event e) {
            String[] names = e.fieldNames().toArray(new String[0]);
            for (String n : names) {
                if (!fields.contains(n) && !n.equals(io.logship.api.Fields.RAW_EVENT)) {
                    e.remove(n);
                }
            }
        }
    }

    /** {@code Rename old new}: the field's value moves to the new name (replacing one there); absent, nothing. */
    record Rename(String from, String to) implements FieldAction {
        @Override
        public void apply(Event e) {
            Object v = e.remove(from);
            if (v != null) {
                e.set(to, v);
            }
        }
    }

    /**
     * Field names as NXLog users write them: separated by commas (or white space), optionally in parentheses and
     * with a leading {@code $}; {@code ${name with spaces}} for a name with spaces.
     *
     * @throws IllegalArgumentException for an empty list or a name that is not one
     */
    static List<String> names(String value) {
        String v = value.strip();
        if (v.startsWith("(") && v.endsWith(")")) {
            v = v.substring(1, v.length() - 1).strip();
        }
        if (v.isEmpty()) {
            throw new IllegalArgumentException("names no field");
        }
        List<String> out = new java.util.ArrayList<>();
        int i = 0;
        while (i < v.length()) {
            char c = v.charAt(i);
            if (c == ',' || Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (v.startsWith("${", i)) {
                int close = v.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("'${' without '}' in '" + value.strip() + "'");
                }
                out.add(v.substring(i + 2, close));
                i = close + 1;
                continue;
            }
            int j = i;
            while (j < v.length() && v.charAt(j) != ',' && !Character.isWhitespace(v.charAt(j))) {
                j++;
            }
            String name = v.substring(v.charAt(i) == '$' ? i + 1 : i, j);
            if (name.isEmpty() || !name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_'
                    || ch == '.' || ch == '-')) {
                throw new IllegalArgumentException("'" + v.substring(i, j) + "' is not a field name");
            }
            out.add(name);
            i = j;
        }
        return List.copyOf(out);
    }

    static Set<String> nameSet(String value) {
        return Set.copyOf(names(value));
    }
}
