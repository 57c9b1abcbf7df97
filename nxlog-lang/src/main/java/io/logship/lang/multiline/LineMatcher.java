package io.logship.lang.multiline;

import io.logship.lang.ExecError;
import io.logship.lang.Regex;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * xm_multiline's {@code HeaderLine} or {@code EndLine}: a string the whole line must equal (NXLog compares the
 * line, without its terminator, to the string), or a regular expression literal {@code /.../} (flags {@code i},
 * {@code m}, {@code s}, {@code x} allowed after it) that must match somewhere in the line.
 */
final class LineMatcher {
    private final String text;
    private final Regex regex;

    private LineMatcher(String text, Regex regex) {
        this.text = text;
        this.regex = regex;
    }

    /**
     * @param value the directive's value, quotes already removed by the config parser
     * @throws IllegalArgumentException for a regular expression that does not compile, saying why
     */
    static LineMatcher parse(String value) {
        String v = value.strip();
        int close = v.lastIndexOf('/');
        if (v.length() > 1 && v.charAt(0) == '/' && close > 0 && v.substring(close + 1).matches("[imsx]*")) {
            int flags = 0;
            for (char c : v.substring(close + 1).toCharArray()) {
                flags |= switch (c) {
                    case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                    case 'm' -> Pattern.MULTILINE;
                    case 's' -> Pattern.DOTALL;
                    default -> Pattern.COMMENTS;
                };
            }
            try {
                return new LineMatcher(null, new Regex(v, Pattern.compile(v.substring(1, close), flags)));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression " + v + ": " + e.getDescription()
                        + " near index " + e.getIndex());
            }
        }
        return new LineMatcher(v, null);
    }

    /**
     * Whether the line (without its terminator) matches.
     *
     * @throws ExecError when the regular expression gives up on the line (catastrophic backtracking)
     */
    boolean matches(String line) {
        return regex == null ? text.equals(line) : regex.matcher(line).find();
    }

    /** Two matchers that accept the same lines because they are written the same. */
    boolean sameAs(LineMatcher other) {
        return other != null && (regex == null ? text.equals(other.text)
                : other.regex != null && regex.source().equals(other.regex.source()));
    }

    @Override
    public String toString() {
        return regex == null ? '"' + text + '"' : regex.source();
    }
}
