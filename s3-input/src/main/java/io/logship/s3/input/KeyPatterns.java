package io.logship.s3.input;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Include / Exclude key patterns: globs matched against the whole key, where {@code *} matches any
 * characters except {@code /}, {@code **} matches any characters including {@code /}, and {@code ?}
 * one character except {@code /}. A key is taken when it matches an Include (or none are given) and
 * no Exclude.
 */
final class KeyPatterns {
    private final List<Pattern> include;
    private final List<Pattern> exclude;

    KeyPatterns(List<String> include, List<String> exclude) {
        this.include = include.stream().map(KeyPatterns::compile).toList();
        this.exclude = exclude.stream().map(KeyPatterns::compile).toList();
    }

    boolean matches(String key) {
        if (!include.isEmpty() && include.stream().noneMatch(p -> p.matcher(key).matches())) {
            return false;
        }
        return exclude.stream().noneMatch(p -> p.matcher(key).matches());
    }

    static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    re.append(".*");
                    i += 2;
                    continue;
                }
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
