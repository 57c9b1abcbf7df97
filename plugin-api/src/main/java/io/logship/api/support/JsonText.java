package io.logship.api.support;

/** JSON string quoting for modules that write small JSON lines without a JSON library. */
public final class JsonText {
    private JsonText() {
    }

    /** Appends {@code s} as a JSON string literal (quotes, backslash and control characters escaped). */
    public static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    /** {@code s} as a JSON string literal, or {@code null} for null. */
    public static String quote(String s) {
        return s == null ? "null" : quote(new StringBuilder(s.length() + 2), s).toString();
    }
}
