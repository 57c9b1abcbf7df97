package io.logship.lang;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled regular expression literal ({@code /.../flags}) with the guard that keeps a catastrophically
 * backtracking pattern from freezing the agent: the text is read through a {@link CharSequence} that counts
 * the engine's reads and fails the match with an {@link ExecError} past a budget proportional to the text's
 * length. The engine is {@link java.util.regex} (Perl-like, as NXLog's PCRE).
 */
public final class Regex {
    /** Reads allowed per character of text (at least {@link #MIN_BUDGET}) before a match is given up. */
    static final long READS_PER_CHAR = 10_000;
    static final long MIN_BUDGET = 1_000_000;

    private final String source;
    private final Pattern pattern;
    private final int groupCount;

    public Regex(String source, Pattern pattern) {
        this.source = source;
        this.pattern = pattern;
        this.groupCount = pattern.matcher("").groupCount();
    }

    /** The literal as written, e.g. {@code /^debug/i}. */
    public String source() {
        return source;
    }

    public Pattern pattern() {
        return pattern;
    }

    public int groupCount() {
        return groupCount;
    }

    /** A matcher over {@code text} that gives up (ExecError) when the engine reads too much. */
    public Matcher matcher(String text) {
        return pattern.matcher(new Guarded(text, this));
    }

    /** The text seen through a read counter. */
    static final class Guarded implements CharSequence {
        private final String text;
        private final Regex regex;
        private long budget;

        Guarded(String text, Regex regex) {
            this.text = text;
            this.regex = regex;
            this.budget = Math.max(MIN_BUDGET, text.length() * READS_PER_CHAR);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--budget < 0) {
                throw new ExecError("regular expression " + regex.source + " gave up after too many steps on a "
                        + text.length() + "-character value (catastrophic backtracking; rewrite the pattern)");
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
