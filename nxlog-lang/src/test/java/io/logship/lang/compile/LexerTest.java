package io.logship.lang.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.lang.ExecProblem;
import io.logship.lang.compile.Token.Kind;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {
    private final List<ExecProblem> problems = new ArrayList<>();

    private List<Token> lex(String text) {
        return new Lexer(text, new Problems(Lang.source(text), problems)).tokens();
    }

    private List<Kind> kinds(String text) {
        return lex(text).stream().map(Token::kind).toList();
    }

    private Object value(String text) {
        List<Token> t = lex(text);
        assertThat(t).as(text).hasSize(2);
        return t.get(0).value();
    }

    @Test
    void fields_bracedFields_rawEventAndCaptures() {
        assertThat(value("$Message")).isEqualTo("Message");
        assertThat(value("$event.rcvd")).isEqualTo("event.rcvd");
        assertThat(value("${Event Time}")).isEqualTo("Event Time");
        assertThat(value("$raw_event")).isEqualTo("raw_event");
        assertThat(value("$_x1")).isEqualTo("_x1");
        assertThat(lex("$0 $9 $12").stream().map(Token::value).toList()).containsExactly(0, 9, 12, null);
        assertThat(kinds("$1")).containsExactly(Kind.CAPTURE, Kind.EOF);
    }

    @Test
    void strings_doubleQuotedEscapes_singleQuotedRaw() {
        assertThat(value("\"a\\\\b\\\"c\\n\\r\\t\\b\\x0A\\q\"")).isEqualTo("a\\b\"c\n\r\t\b\n\\q");
        assertThat(value("'C:\\temp\\n'")).isEqualTo("C:\\temp\\n");
        assertThat(value("\"it's\"")).isEqualTo("it's");
        assertThat(value("'say \"hi\"'")).isEqualTo("say \"hi\"");
    }

    @Test
    void integers_decimalHexSuffixes() {
        assertThat(value("42")).isEqualTo(42L);
        assertThat(value("42M")).isEqualTo(44040192L);
        assertThat(value("3k")).isEqualTo(3072L);
        assertThat(value("1G")).isEqualTo(1073741824L);
        assertThat(value("0x2A")).isEqualTo(42L);
        assertThat(value("0XfF")).isEqualTo(255L);
        assertThat(value("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        lex("9223372036854775808");
        assertThat(problems).singleElement().extracting(ExecProblem::message)
                .isEqualTo("integer literal 9223372036854775808 does not fit in 64 bits");
    }

    @Test
    void keywordsAndBooleans_inAnyCase() {
        assertThat(kinds("IF if If ELSE and AND or OR xor not NOT defined in IN undef UNDEF"))
                .containsExactly(Kind.IF, Kind.IF, Kind.IF, Kind.ELSE, Kind.AND, Kind.AND, Kind.OR, Kind.OR,
                        Kind.XOR, Kind.NOT, Kind.NOT, Kind.DEFINED, Kind.IN, Kind.IN, Kind.UNDEF, Kind.UNDEF, Kind.EOF);
        assertThat(lex("TRUE false True").stream().map(Token::value).toList())
                .containsExactly(true, false, true, null);
        assertThat(kinds("ifx")).containsExactly(Kind.NAME, Kind.EOF);
    }

    @Test
    void datetimeAndAddresses() throws Exception {
        Token t = lex("2000-01-02 03:04:05").get(0);
        assertThat(t.kind()).isEqualTo(Kind.DATETIME);
        assertThat(t.value()).isEqualTo("2000-01-02 03:04:05");
        assertThat(value("192.168.1.1")).isEqualTo(InetAddress.getByName("192.168.1.1"));
        assertThat(value("2001:0db8:85a3:0000:0000:8a2e:0370:7334"))
                .isEqualTo(InetAddress.getByName("2001:db8:85a3::8a2e:370:7334"));
        assertThat(value("::ffff:10.0.0.1")).isEqualTo(InetAddress.getByName("::ffff:10.0.0.1"));
        assertThat(kinds("2000 - 01")).containsExactly(Kind.INTEGER, Kind.MINUS, Kind.INTEGER, Kind.EOF);
        assertThat(problems).isEmpty();
    }

    @Test
    void slash_isARegexWhereAnOperandIsExpected_andADivisionAfterOne() {
        assertThat(kinds("$a / 2")).containsExactly(Kind.FIELD, Kind.SLASH, Kind.INTEGER, Kind.EOF);
        assertThat(kinds("(4) / 2")).containsExactly(Kind.LPAREN, Kind.INTEGER, Kind.RPAREN, Kind.SLASH,
                Kind.INTEGER, Kind.EOF);
        List<Token> t = lex("$a =~ /^a\\/b\\d+ c/im");
        assertThat(t.get(2).kind()).isEqualTo(Kind.REGEX);
        assertThat((String[]) t.get(2).value()).containsExactly("^a/b\\d+ c", "im");
        t = lex("$a =~ s/\\s+/_/g;");
        assertThat(t.get(2).kind()).isEqualTo(Kind.SUBST);
        assertThat((String[]) t.get(2).value()).containsExactly("\\s+", "_", "g");
        assertThat(kinds("s / 2")).containsExactly(Kind.NAME, Kind.SLASH, Kind.INTEGER, Kind.EOF);
    }

    @Test
    void operatorsAndPunctuation() {
        assertThat(kinds("= == != < <= > >= =~ !~ + - * % & | ^ ( ) { } ; , ->"))
                .containsExactly(Kind.ASSIGN, Kind.EQ, Kind.NE, Kind.LT, Kind.LE, Kind.GT, Kind.GE, Kind.MATCH,
                        Kind.NOMATCH, Kind.PLUS, Kind.MINUS, Kind.STAR, Kind.PERCENT, Kind.AMP, Kind.PIPE,
                        Kind.CARET, Kind.LPAREN, Kind.RPAREN, Kind.LBRACE, Kind.RBRACE, Kind.SEMI, Kind.COMMA,
                        Kind.ARROW, Kind.EOF);
        assertThat(lex("json->to_json()").stream().map(Token::text).toList())
                .containsExactly("json", "->", "to_json", "(", ")", "");
    }

    @Test
    void commentsContinuationsAndLineEndings_keepLinesAndColumns() {
        List<Token> t = lex("$a = 1; # comment = \"x\n  $b\\\r\n    =\r\n\t2");
        assertThat(t).extracting(Token::kind).containsExactly(Kind.FIELD, Kind.ASSIGN, Kind.INTEGER, Kind.SEMI,
                Kind.FIELD, Kind.ASSIGN, Kind.INTEGER, Kind.EOF);
        assertThat(t.get(4).line()).isEqualTo(1);
        assertThat(t.get(4).col()).isEqualTo(2);
        assertThat(t.get(5).line()).isEqualTo(2);
        assertThat(t.get(5).col()).isEqualTo(4);
        assertThat(t.get(6).line()).isEqualTo(3);
        assertThat(t.get(6).col()).isEqualTo(1);
        assertThat(problems).isEmpty();
    }

    @Test
    void stringsSpanningLines_countThem() {
        List<Token> t = lex("\"a\nb\" $x");
        assertThat(t.get(0).value()).isEqualTo("a\nb");
        assertThat(t.get(1).line()).isEqualTo(1);
        assertThat(t.get(1).col()).isEqualTo(3);
    }

    @Test
    void badInput_isReportedAndTheRestStillLexed() {
        List<Token> t = lex("$a = 1 ! 2; $b = 'open");
        assertThat(t).extracting(Token::kind).containsExactly(Kind.FIELD, Kind.ASSIGN, Kind.INTEGER, Kind.ERROR,
                Kind.INTEGER, Kind.SEMI, Kind.FIELD, Kind.ASSIGN, Kind.ERROR, Kind.EOF);
        assertThat(problems).extracting(ExecProblem::toString).containsExactly(
                "test.conf:10:12: invalid character '!' (use 'not', != or !~)",
                "test.conf:10:22: string literal without its closing \"'\"");
    }
}
