package io.logship.host.config;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code define NAME value} and the {@code %NAME%} substitution on every later line. */
final class Defines {
    private static final Pattern DEFINE_REF = Pattern.compile("%([A-Za-z_][A-Za-z0-9_]*)%");
    private static final Pattern DEFINE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private record Define(String value, String location) {
    }

    private final Map<String, Define> defines = new HashMap<>();

    /** {@code rest} is what follows {@code define} on the line (already substituted with earlier defines). */
    void define(String rest, String file, int line, ParseReport report) {
        int sp = ConfigLexer.indexOfWhitespace(rest);
        String name = sp < 0 ? rest : rest.substring(0, sp);
        String value = sp < 0 ? "" : rest.substring(sp).strip();
        if (name.isEmpty() || !DEFINE_NAME.matcher(name).matches()) {
            report.problem(file, line, "define needs a name ([A-Za-z_][A-Za-z0-9_]*) and a value, got 'define "
                    + rest + "'");
            return;
        }
        Define previous = defines.get(name);
        if (previous != null) {
            report.problem(file, line, "define " + name + " is already defined at " + previous.location());
            return;
        }
        defines.put(name, new Define(value, file + ":" + line));
    }

    /** Replaces every {@code %NAME%} of a defined NAME; other {@code %...%} stay as written. */
    String substitute(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        Matcher m = DEFINE_REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Define d = defines.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(d == null ? m.group() : d.value()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
