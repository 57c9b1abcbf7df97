package io.logship.lang.csv;

import io.logship.api.Event;
import io.logship.lang.ExecError;
import io.logship.lang.Types;
import io.logship.lang.json.JsonValues;
import java.time.ZoneId;
import java.util.List;

/**
 * One xm_csv instance's format, as NXLog reads and writes it. Reading: a field starts after the delimiter,
 * leading spaces skipped; a field that starts with the quote character runs to the matching quote (a doubled
 * quote is one quote); the escape character takes the next character literally ({@code \n \r \t \b} are
 * control characters when {@code EscapeControl}); an empty column sets nothing; a value equal to
 * {@code UndefValue} is undef. One column fewer than {@code Fields} is allowed (the last is undef), more is an
 * error, and with {@code StrictMode} the count must match. Writing: the fields in order, undef and missing ones
 * as {@code UndefValue} (empty by default); strings are quoted ({@code QuoteMethod String}, the default),
 * everything ({@code All}) or nothing ({@code None}); the escape character is put before itself, the quote and
 * the delimiter, and before n, r, t, b for the control characters with {@code EscapeControl}.
 */
final class CsvCodec {
    enum QuoteMethod { ALL, STRING, NONE }

    private final List<String> fields;
    private final List<FieldType> types;
    private final char delimiter;
    private final char quote; // 0: none
    private final char escape; // 0: none
    private final boolean escapeControl;
    private final QuoteMethod quoteMethod;
    private final String undefValue; // null: none
    private final boolean strict;

    CsvCodec(List<String> fields, List<FieldType> types, char delimiter, char quote, char escape,
             boolean escapeControl, QuoteMethod quoteMethod, String undefValue, boolean strict) {
        this.fields = List.copyOf(fields);
        this.types = List.copyOf(types);
        this.delimiter = delimiter;
        this.quote = quote;
        this.escape = escape;
        this.escapeControl = escapeControl;
        this.quoteMethod = quoteMethod;
        this.undefValue = undefValue;
        this.strict = strict;
    }

    /** Sets the columns of {@code src} as fields; nothing is set when it is not valid (ExecError). */
    void parse(String src, Event event, ZoneId zone) {
        int n = fields.size();
        Object[] values = new Object[n];
        boolean[] present = new boolean[n];
        StringBuilder cur = new StringBuilder(Math.min(src.length(), 256));
        int col = 0;
        int i = 0;
        int len = src.length();
        while (true) {
            // one column from i
            while (i < len && src.charAt(i) == ' ' && src.charAt(i) != delimiter) {
                i++;
            }
            boolean quoted = false;
            cur.setLength(0);
            if (i < len && quote != 0 && src.charAt(i) == quote) {
                quoted = true;
                i++;
                boolean closed = false;
                while (i < len) {
                    char c = src.charAt(i++);
                    if (c == escape && escape != 0) {
                        if (i >= len) {
                            break;
                        }
                        unescape(src.charAt(i++), cur);
                    } else if (c == quote) {
                        if (i < len && src.charAt(i) == quote) {
                            cur.append(quote);
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        cur.append(c);
                    }
                }
                if (!closed) {
                    throw new ExecError("parse_csv(): unbalanced quote " + quote + " in column " + (col + 1)
                            + " of '" + excerpt(src) + "'");
                }
                while (i < len && src.charAt(i) == ' ' && src.charAt(i) != delimiter) {
                    i++;
                }
                if (i < len && src.charAt(i) != delimiter) {
                    throw new ExecError("parse_csv(): unexpected '" + src.charAt(i) + "' after the closing quote of"
                            + " column " + (col + 1) + " at position " + (i + 1) + " of '" + excerpt(src) + "'");
                }
            } else {
                while (i < len && src.charAt(i) != delimiter) {
                    char c = src.charAt(i++);
                    if (c == escape && escape != 0 && i < len) {
                        unescape(src.charAt(i++), cur);
                    } else {
                        cur.append(c);
                    }
                }
            }
            boolean more = i < len; // at a delimiter
            boolean empty = cur.length() == 0 && !quoted;
            if (col >= n) {
                if (empty && !more) {
                    break; // a trailing delimiter after the last column
                }
                throw new ExecError("parse_csv(): too many fields, expected " + n + " (" + String.join(", ", fields)
                        + "), got more in '" + excerpt(src) + "'");
            }
            if (!empty) {
                String text = cur.toString();
                if (undefValue != null && text.equals(undefValue)) {
                    values[col] = null;
                } else {
                    values[col] = types.get(col).convert(text, zone, "parse_csv(): field " + fields.get(col));
                }
                present[col] = true;
            }
            col++;
            if (!more) {
                break;
            }
            i++; // the delimiter
        }
        if (strict ? col != n : col < n - 1) {
            throw new ExecError("parse_csv(): not enough fields, expected " + n + " (" + String.join(", ", fields)
                    + "), got " + col + " in '" + excerpt(src) + "'");
        }
        for (int k = 0; k < n; k++) {
            if (present[k]) {
                event.set(fields.get(k), values[k]);
            }
        }
    }

    private void unescape(char c, StringBuilder out) {
        if (escapeControl) {
            switch (c) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                default -> out.append(c);
            }
        } else {
            out.append(c);
        }
    }

    /** The fields as one CSV line. */
    String format(Event event, ZoneId zone) {
        StringBuilder out = new StringBuilder(128);
        for (int k = 0; k < fields.size(); k++) {
            if (k > 0) {
                out.append(delimiter);
            }
            Object v = event.get(fields.get(k));
            if (v == null) {
                if (undefValue != null) {
                    out.append(undefValue);
                }
                continue;
            }
            boolean isString = v instanceof String;
            String text = isString ? (String) v : v instanceof byte[] b ? JsonValues.hex(b) : Types.toText(v, zone);
            if (isString && text.isEmpty()) {
                continue;
            }
            boolean q = quote != 0 && (quoteMethod == QuoteMethod.ALL || (isString && quoteMethod == QuoteMethod.STRING));
            if (q) {
                out.append(quote);
            }
            appendEscaped(text, out);
            if (q) {
                out.append(quote);
            }
        }
        return out.toString();
    }

    private void appendEscaped(String s, StringBuilder out) {
        if (escape == 0) {
            out.append(s);
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == escape || (c == quote && quote != 0) || c == delimiter) {
                out.append(escape).append(c);
            } else if (escapeControl && (c == '\n' || c == '\r' || c == '\t' || c == '\b')) {
                out.append(escape).append(c == '\n' ? 'n' : c == '\r' ? 'r' : c == '\t' ? 't' : 'b');
            } else {
                out.append(c);
            }
        }
    }

    private static String excerpt(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
