package io.logship.lang.compile;

import io.logship.lang.Regex;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns a {@code /pattern/modifiers} literal into a {@link Regex}, once, at compile time. NXLog's modifiers:
 * {@code i} (case-insensitive), {@code m} (^ and $ at line breaks), {@code s} (. matches line breaks), and
 * {@code g} (replace all) for {@code s///}. PCRE's named groups ({@code (?<name>...)}, {@code (?P<name>...)})
 * set fields of those names on a match; their names may hold '_' (java.util.regex's may not), so every named
 * group is renamed for the engine and the field names are kept beside it.
 */
final class RegexLiterals {
    /**
     * A compiled literal: the regex, its named groups (field name and the engine's group name), s///'s g, and
     * for a pattern that is plain text ({@code /^debug/}, {@code /error/}) that text and whether it is anchored
     * at the start, so a match is {@code startsWith} or {@code indexOf} instead of the engine.
     */
    record Compiled(Regex regex, String[] fieldNames, String[] groupNames, boolean global, String plain,
                    boolean anchored) {
    }

    /** Characters that make a pattern more than plain text. */
    private static final String META = "\\.[]{}()*+?^$|#";

    private RegexLiterals() {
    }

    /**
     * @return the compiled literal, or null after reporting a problem at (line, col)
     */
    static Compiled compile(String pattern, String modifiers, boolean substitution, Problems problems,
                            int line, int col) {
        String written = "/" + pattern + "/" + modifiers;
        int flags = 0;
        boolean global = false;
        for (char m : modifiers.toCharArray()) {
            switch (m) {
                case 'i' -> flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> flags |= Pattern.MULTILINE;
                case 's' -> flags |= Pattern.DOTALL;
                case 'g' -> {
                    if (!substitution) {
                        problems.add(line, col, "modifier 'g' is for s/// substitution only, not in " + written);
                        return null;
                    }
                    global = true;
                }
                default -> {
                    problems.add(line, col, "unknown regular expression modifier '" + m + "' in " + written
                            + " (NXLog has i, m, s" + (substitution ? " and g" : "") + ")");
                    return null;
                }
            }
        }
        Map<String, String> named = new LinkedHashMap<>();
        String translated = renameGroups(pattern, named);
        try {
            Pattern p = Pattern.compile(translated, flags);
            Regex regex = new Regex(written, p);
            boolean anchored = pattern.startsWith("^");
            String body = anchored ? pattern.substring(1) : pattern;
            String plain = flags == 0 && !body.isEmpty() && body.chars().noneMatch(ch -> META.indexOf(ch) >= 0)
                    ? body : null;
            return new Compiled(regex, named.values().toArray(new String[0]), named.keySet().toArray(new String[0]),
                    global, plain, anchored);
        } catch (PatternSyntaxException e) {
            problems.add(line, col, "invalid regular expression " + written + ": " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            return null;
        }
    }

    /**
     * The pattern with {@code (?<name>} and {@code (?P<name>} as {@code (?<gN>}, and {@code \k<name>},
     * {@code (?P=name)} pointing at the new names; {@code named} receives engine name to field name.
     */
    static String renameGroups(String pattern, Map<String, String> named) {
        Map<String, String> byField = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder(pattern.length() + 16);
        boolean inClass = false;
        int n = pattern.length();
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < n) {
                if (!inClass && pattern.startsWith("k<", i + 1)) {
                    int end = pattern.indexOf('>', i + 3);
                    String ref = end < 0 ? null : byField.get(pattern.substring(i + 3, end));
                    if (ref != null) {
                        out.append("\\k<").append(ref).append('>');
                        i = end;
                        continue;
                    }
                }
                out.append(c).append(pattern.charAt(i + 1));
                i++;
            } else if (inClass) {
                inClass = c != ']';
                out.append(c);
            } else if (c == '[') {
                inClass = true;
                out.append(c);
                if (i + 1 < n && pattern.charAt(i + 1) == ']') { // []...] and [^]...]: ']' is literal
                    out.append(']');
                    i++;
                } else if (i + 2 < n && pattern.charAt(i + 1) == '^' && pattern.charAt(i + 2) == ']') {
                    out.append("^]");
                    i += 2;
                }
            } else if (c == '(' && (pattern.startsWith("?<", i + 1) || pattern.startsWith("?P<", i + 1))) {
                int nameStart = i + (pattern.charAt(i + 2) == 'P' ? 4 : 3);
                int end = pattern.indexOf('>', nameStart);
                char first = nameStart < n ? pattern.charAt(nameStart) : '\0';
                if (end < 0 || first == '=' || first == '!') { // lookbehind, or malformed: the engine says
                    out.append(c);
                    continue;
                }
                String field = pattern.substring(nameStart, end);
                String engine = "nxg" + (named.size() + 1);
                named.put(engine, field);
                byField.putIfAbsent(field, engine);
                out.append("(?<").append(engine).append('>');
                i = end;
            } else if (c == '(' && pattern.startsWith("?P=", i + 1)) {
                int end = pattern.indexOf(')', i + 4);
                String ref = end < 0 ? null : byField.get(pattern.substring(i + 4, end));
                if (ref == null) {
                    out.append(c);
                    continue;
                }
                out.append("\\k<").append(ref).append('>');
                i = end;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The replacement of {@code s///}: NXLog treats it literally (no $1), so it is quoted for the engine. */
    static String literalReplacement(String replacement) {
        return Matcher.quoteReplacement(replacement);
    }
}
