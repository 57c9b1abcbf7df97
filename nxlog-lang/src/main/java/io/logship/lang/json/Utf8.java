package io.logship.lang.json;

/** Text that encodes to well-formed UTF-8: unpaired surrogates become U+FFFD (xm_json's ForceUTF8). */
final class Utf8 {
    private Utf8() {
    }

    static String wellFormed(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && !Character.isSurrogate(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                b.append('\uFFFD');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
