package io.logship.lang.compile;

import io.logship.lang.compile.Token.Kind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits NXLog statements into tokens, as NXLog's lexer does: keywords case-insensitive, {@code #} comments,
 * {@code \} followed by a line break as white space (an Exec directive's continuation), string literals in
 * double quotes (with {@code \\ \" \n \r \t \b \xXX}) and single quotes (no escapes), integers with
 * {@code 0x} and {@code K}/{@code M}/{@code G}, {@code YYYY-MM-DD hh:mm:ss} datetimes, IPv4 and IPv6 addresses,
 * {@code $field}, {@code ${field with spaces}}, {@code $1} captures, and {@code /regexp/} and
 * {@code s/regexp/replacement/} where an operand is expected. Problems are reported, and the text goes on
 * being read.
 */
final class Lexer extends TextReader {
    private static final Map<String, Kind> KEYWORDS = Map.ofEntries(
            Map.entry("if", Kind.IF), Map.entry("else", Kind.ELSE), Map.entry("and", Kind.AND),
            Map.entry("or", Kind.OR), Map.entry("xor", Kind.XOR), Map.entry("not", Kind.NOT),
            Map.entry("defined", Kind.DEFINED), Map.entry("in", Kind.IN), Map.entry("true", Kind.BOOLEAN),
            Map.entry("false", Kind.BOOLEAN), Map.entry("undef", Kind.UNDEF));
    private static final Pattern DATETIME =
            Pattern.compile("[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}");
    private static final Pattern IP4 = Pattern.compile("[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
    private static final Pattern IP6_CHARS = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");
    private static final Pattern IP6 = Pattern.compile(
            "(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?::"
                    + "(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?(?::?[0-9]{1,3}(?:\\.[0-9]{1,3}){3})?"
                    + "|(?:[0-9A-Fa-f]{1,4}:){6}[0-9]{1,3}(?:\\.[0-9]{1,3}){3}");

    private final List<Token> tokens = new ArrayList<>();

    Lexer(String text, Problems problems) {
        super(text, problems);
    }

    List<Token> tokens() {
        while (true) {
            skipBlanks();
            if (pos >= s.length()) {
                tokens.add(new Token(Kind.EOF, "", null, line, pos - lineStart));
                return tokens;
            }
            next();
        }
    }

    private void skipBlanks() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\n') {
                newline(pos + 1);
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == '\\' && lineBreakAt(pos + 1) > 0) {
                newline(pos + lineBreakAt(pos + 1) + 1);
            } else if (c == '#') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private void next() {
        int start = pos;
        int startLine = line;
        int col = pos - lineStart;
        char c = s.charAt(pos);
        if (c == '"' || c == '\'') {
            Object v = c == '"' ? doubleQuoted() : singleQuoted();
            add(v == null ? Kind.ERROR : Kind.STRING, start, startLine, col, v);
        } else if (c == '$') {
            field(start, col);
        } else if (c == '/' && operandExpected()) {
            regex(start, startLine, col, false);
        } else if ((c == 's' || c == 'S') && at(pos + 1) == '/' && afterMatchOperator()) {
            pos++;
            regex(start, startLine, col, true);
        } else if (Character.isDigit(c) || (isHex(c) || c == ':') && ip6Ahead()) {
            number(start, col);
        } else if (Character.isLetter(c) || c == '_') {
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            String word = s.substring(start, pos);
            Kind k = KEYWORDS.get(word.toLowerCase(Locale.ROOT));
            add(k == null ? Kind.NAME : k, start, line, col,
                    k == Kind.BOOLEAN ? Boolean.valueOf(word.equalsIgnoreCase("true")) : word);
        } else {
            operator(c, start, col);
        }
    }

    private void operator(char c, int start, int col) {
        char n = at(pos + 1);
        Kind k;
        int len = 1;
        switch (c) {
            case '=' -> {
                k = n == '~' ? Kind.MATCH : n == '=' ? Kind.EQ : Kind.ASSIGN;
                len = k == Kind.ASSIGN ? 1 : 2;
            }
            case '!' -> {
                k = n == '~' ? Kind.NOMATCH : n == '=' ? Kind.NE : null;
                len = 2;
            }
            case '<' -> {
                k = n == '=' ? Kind.LE : Kind.LT;
                len = n == '=' ? 2 : 1;
            }
            case '>' -> {
                k = n == '=' ? Kind.GE : Kind.GT;
                len = n == '=' ? 2 : 1;
            }
            case '-' -> {
                k = n == '>' ? Kind.ARROW : Kind.MINUS;
                len = n == '>' ? 2 : 1;
            }
            case '+' -> k = Kind.PLUS;
            case '*' -> k = Kind.STAR;
            case '/' -> k = Kind.SLASH;
            case '%' -> k = Kind.PERCENT;
            case '&' -> k = Kind.AMP;
            case '|' -> k = Kind.PIPE;
            case '^' -> k = Kind.CARET;
            case '(' -> k = Kind.LPAREN;
            case ')' -> k = Kind.RPAREN;
            case '{' -> k = Kind.LBRACE;
            case '}' -> k = Kind.RBRACE;
            case ';' -> k = Kind.SEMI;
            case ',' -> k = Kind.COMMA;
            default -> k = null;
        }
        if (k == null) {
            pos++;
            problems.add(line, col, "invalid character '" + c + "'" + (c == '!' ? " (use 'not', != or !~)" : ""));
            add(Kind.ERROR, start, line, col, null);
            return;
        }
        pos += len;
        add(k, start, line, col, null);
    }

    private void field(int start, int col) {
        pos++;
        if (at(pos) == '{') {
            int close = s.indexOf('}', pos);
            int nl = s.indexOf('\n', pos);
            if (close < 0 || (nl >= 0 && nl < close) || close == pos + 1) {
                problems.add(line, col, close == pos + 1 ? "empty field name in ${}" : "'${' without a closing '}'");
                pos = close < 0 || (nl >= 0 && nl < close) ? pos + 1 : close + 1;
                add(Kind.ERROR, start, line, col, null);
                return;
            }
            String name = s.substring(pos + 1, close);
            pos = close + 1;
            add(Kind.FIELD, start, line, col, name);
        } else if (Character.isDigit(at(pos))) {
            while (Character.isDigit(at(pos))) {
                pos++;
            }
            String digits = s.substring(start + 1, pos);
            if (digits.length() > 1 && digits.charAt(0) == '0' || digits.length() > 3) {
                problems.add(line, col, "invalid capture reference $" + digits);
                add(Kind.ERROR, start, line, col, null);
            } else {
                add(Kind.CAPTURE, start, line, col, Integer.valueOf(digits));
            }
        } else if (Character.isLetter(at(pos)) || at(pos) == '_') {
            while (Character.isLetterOrDigit(at(pos)) || at(pos) == '_' || at(pos) == '.') {
                pos++;
            }
            add(Kind.FIELD, start, line, col, s.substring(start + 1, pos));
        } else {
            problems.add(line, col, "expected a field name after '$' (write $name or ${name with spaces})");
            add(Kind.ERROR, start, line, col, null);
        }
    }

    private void number(int start, int col) {
        Matcher m;
        if ((m = DATETIME.matcher(s).region(pos, s.length())).lookingAt()) {
            pos = m.end();
            add(Kind.DATETIME, start, line, col, m.group());
            return;
        }
        if ((m = IP4.matcher(s).region(pos, s.length())).lookingAt() && !wordCharAt(m.end())) {
            pos = m.end();
            ipToken(m.group(), start, col);
            return;
        }
        if (ip6Ahead()) {
            m = IP6_CHARS.matcher(s).region(pos, s.length());
            m.lookingAt();
            pos = m.end();
            if (IP6.matcher(m.group()).matches()) {
                ipToken(m.group(), start, col);
            } else {
                problems.add(line, col, "invalid IPv6 address " + m.group());
                add(Kind.ERROR, start, line, col, null);
            }
            return;
        }
        integer(start, col);
    }

    private void integer(int start, int col) {
        boolean hex = at(pos) == '0' && (at(pos + 1) == 'x' || at(pos + 1) == 'X');
        if (hex) {
            pos += 2;
        }
        int digits = pos;
        while (hex ? isHex(at(pos)) : Character.isDigit(at(pos))) {
            pos++;
        }
        String text = s.substring(digits, pos);
        long multiplier = switch (Character.toUpperCase(at(pos))) {
            case 'K' -> 1024L;
            case 'M' -> 1024L * 1024;
            case 'G' -> 1024L * 1024 * 1024;
            default -> 1;
        };
        if (multiplier > 1) {
            pos++;
        }
        if (wordCharAt(pos) || text.isEmpty()) {
            while (wordCharAt(pos)) {
                pos++;
            }
            problems.add(line, col, "invalid integer literal " + s.substring(start, pos));
            add(Kind.ERROR, start, line, col, null);
            return;
        }
        try {
            long v = Math.multiplyExact(Long.parseLong(text, hex ? 16 : 10), multiplier);
            add(Kind.INTEGER, start, line, col, v);
        } catch (NumberFormatException | ArithmeticException e) {
            problems.add(line, col, "integer literal " + s.substring(start, pos) + " does not fit in 64 bits");
            add(Kind.ERROR, start, line, col, null);
        }
    }

    private void ipToken(String text, int start, int col) {
        try {
            add(Kind.IP, start, line, col, InetAddress.getByName(text)); // a literal: no name lookup
        } catch (UnknownHostException | RuntimeException e) {
            problems.add(line, col, "invalid IP address " + text);
            add(Kind.ERROR, start, line, col, null);
        }
    }

    /** True when an IPv6 address (two or more colons) starts here. */
    private boolean ip6Ahead() {
        Matcher m = IP6_CHARS.matcher(s).region(pos, s.length());
        if (!m.lookingAt()) {
            return false;
        }
        String t = m.group();
        return t.indexOf(':') != t.lastIndexOf(':') && !wordCharAt(m.end());
    }

    /** {@code /pattern/mods} or, after {@code s}, {@code /pattern/replacement/mods}; pos is at the first '/'. */
    private void regex(int start, int startLine, int col, boolean substitution) {
        pos++;
        String pattern = regexPart();
        String replacement = substitution && pattern != null ? regexPart() : "";
        if (pattern == null || replacement == null) {
            problems.add(startLine, col, "regular expression without its closing '/'");
            add(Kind.ERROR, start, startLine, col, null);
            return;
        }
        int mods = pos;
        while (Character.isLetter(at(pos))) {
            pos++;
        }
        String modifiers = s.substring(mods, pos);
        add(substitution ? Kind.SUBST : Kind.REGEX, start, startLine, col,
                substitution ? new String[] {pattern, replacement, modifiers} : new String[] {pattern, modifiers});
    }

    /** After what the previous token is, a '/' starts a regular expression rather than a division. */
    private boolean operandExpected() {
        if (tokens.isEmpty()) {
            return true;
        }
        return switch (tokens.get(tokens.size() - 1).kind()) {
            case FIELD, CAPTURE, NAME, STRING, INTEGER, BOOLEAN, UNDEF, DATETIME, IP, REGEX, SUBST, RPAREN -> false;
            default -> true;
        };
    }

    private boolean afterMatchOperator() {
        if (tokens.isEmpty()) {
            return false;
        }
        Kind k = tokens.get(tokens.size() - 1).kind();
        return k == Kind.MATCH || k == Kind.NOMATCH;
    }

    private void add(Kind kind, int start, int tokenLine, int col, Object value) {
        tokens.add(new Token(kind, s.substring(start, pos), value, tokenLine, col));
    }

}
