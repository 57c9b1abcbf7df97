package io.logship.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets the values of {@code define NAME value} lines in a config text, leaving everything else (comments,
 * layout, other defines) as written. The config language forbids defining a name twice, so a wrapper that
 * re-defines a value cannot work; rewriting the line can.
 */
final class ConfigDefines {
    private static final Pattern DEFINE = Pattern.compile("(?im)^([ \\t]*define[ \\t]+)([A-Za-z_][A-Za-z0-9_]*)([ \\t]+)(.*)$");

    private ConfigDefines() {
    }

    /**
     * @param text   the config text
     * @param values new values by define name (exact case)
     * @return the text with those define lines rewritten
     * @throws IllegalArgumentException if a name in {@code values} has no define line
     */
    static String rewrite(String text, Map<String, String> values) {
        Map<String, String> left = new LinkedHashMap<>(values);
        Matcher m = DEFINE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String value = left.remove(name);
            String replacement = value == null ? m.group() : m.group(1) + name + m.group(3) + value;
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("no define line for " + left.keySet());
        }
        return out.toString();
    }
}
