package io.logship.lang.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.Event;
import io.logship.lang.ExecError;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Operators, precedence and literals; the manual's own examples (chapter 5) where it has them. */
class ExpressionTest {
    private final Lang lang = new Lang();

    @Test
    void manualExamples_areAllTrue() {
        for (String e : new String[] {
                "1 + 1 == (1 + 1)", "(1 + 1) == (1 + 1)", "((1 + 1) == (1 + 1))", // 5.1
                "- -1 == 1", // 5.8 (its "if - -1 != 1" never prints)
                "defined 1", "defined(2)", "not defined undef", // 5.9
                "1 + \"a\" == \"1a\"", // 5.22
                "4 - 1 == 3", "4 * 2 == 8", "9 / 4 == 2", "3 % 2 == 1", // 5.23-5.26
                "now() > 2000-01-01 00:00:00", // 5.27
                "\"\\n\" != '\\n'", // the note on single quotes
        }) {
            assertThat(lang.eval(e)).as(e).isEqualTo(Boolean.TRUE);
        }
    }

    @Test
    void manualComparisonExamples_onSeverityValue() {
        Event one = new Event().set("SeverityValue", 1L).set("FacilityValue", 2L);
        assertThat(lang.eval("$SeverityValue == 1", one)).isEqualTo(true);
        assertThat(lang.eval("$SeverityValue != 1", one)).isEqualTo(false);
        assertThat(lang.eval("$SeverityValue < 1", one)).isEqualTo(false);
        assertThat(lang.eval("$SeverityValue <= 1", one)).isEqualTo(true);
        assertThat(lang.eval("$SeverityValue > 1", one)).isEqualTo(false);
        assertThat(lang.eval("$SeverityValue >= 1", one)).isEqualTo(true);
        assertThat(lang.eval("$SeverityValue == 1 and $FacilityValue == 2", one)).isEqualTo(true);
        assertThat(lang.eval("$SeverityValue == 3 or $SeverityValue == 1", one)).isEqualTo(true);
    }

    @Test
    void precedence_multiplicationBeforeAddition_comparisonBeforeAnd_andBeforeOr() {
        assertThat(lang.eval("1 + 2 * 3")).isEqualTo(7L);
        assertThat(lang.eval("(1 + 2) * 3")).isEqualTo(9L);
        assertThat(lang.eval("10 - 2 - 3")).isEqualTo(5L);
        assertThat(lang.eval("TRUE or FALSE and FALSE")).isEqualTo(true);
        assertThat(lang.eval("1 == 1 and 2 == 3")).isEqualTo(false);
        assertThat(lang.eval("not 1 == 2")).isEqualTo(true);
        assertThat(lang.eval("not FALSE and FALSE")).isEqualTo(false);
        assertThat(lang.eval("TRUE xor TRUE")).isEqualTo(false);
        assertThat(lang.eval("6 & 3 | 8")).isEqualTo(10L);
        assertThat(lang.eval("-2 * 3")).isEqualTo(-6L);
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertThat(lang.eval("True AND NOT false Or UNDEF == Undef")).isEqualTo(true);
        assertThat(lang.eval("DEFINED 1")).isEqualTo(true);
        assertThat(lang.run("IF TRUE $a = 1; ELSE $a = 2;").get("a")).isEqualTo(1L);
    }

    @Test
    void integerLiterals_hexAndSuffixes() {
        assertThat(lang.eval("0x2A")).isEqualTo(42L);
        assertThat(lang.eval("0X1f")).isEqualTo(31L);
        assertThat(lang.eval("1K")).isEqualTo(1024L);
        assertThat(lang.eval("2g")).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(lang.eval("-5")).isEqualTo(-5L);
    }

    @Test
    void plus_concatenatesWhenEitherSideIsAString() {
        Event e = new Event().set("n", 5L).set("s", "x").set("t", Instant.parse("2020-01-02T03:04:05Z"));
        assertThat(lang.eval("$s + $n", e)).isEqualTo("x5");
        assertThat(lang.eval("\"at \" + $t", e)).isEqualTo("at 2020-01-02 03:04:05");
        assertThat(lang.eval("TRUE + \"!\"", e)).isEqualTo("TRUE!");
        assertThatThrownBy(() -> lang.eval("$n + 10.0.0.1", e)).isInstanceOf(ExecError.class)
                .hasMessage("invalid operation integer + ip4addr (5 + 10.0.0.1)");
    }

    @Test
    void datetimeArithmetic_inSecondsAndMicroseconds() {
        Event e = new Event().set("t", Instant.parse("2020-01-02T03:04:05.000001Z"))
                .set("u", Instant.parse("2020-01-02T03:04:00Z"));
        assertThat(lang.eval("$t + 60", e)).isEqualTo(Instant.parse("2020-01-02T03:05:05.000001Z"));
        assertThat(lang.eval("60 + $t", e)).isEqualTo(Instant.parse("2020-01-02T03:05:05.000001Z"));
        assertThat(lang.eval("$t - 5", e)).isEqualTo(Instant.parse("2020-01-02T03:04:00.000001Z"));
        assertThat(lang.eval("$t - $u", e)).isEqualTo(5_000_001L);
        assertThat(lang.eval("$t > $u", e)).isEqualTo(true);
    }

    @Test
    void datetimeLiteral_isLocalTimeOfTheInstancesZone() {
        Lang budapest = new Lang(ZoneId.of("Europe/Budapest"));
        assertThat(budapest.eval("2000-01-02 03:04:05")).isEqualTo(Instant.parse("2000-01-02T02:04:05Z"));
        assertThat(lang.eval("2000-01-02 03:04:05")).isEqualTo(Instant.parse("2000-01-02T03:04:05Z"));
        assertThat(lang.problems("$t = 2000-13-02 03:04:05;")).containsExactly(
                "10:10: invalid datetime literal 2000-13-02 03:04:05 (YYYY-MM-DD hh:mm:ss)");
    }

    @Test
    void ipLiterals_compareWithAddressesAndStrings() throws Exception {
        Event e = new Event().set("ip", InetAddress.getByName("192.168.1.1")).set("s", "192.168.1.1");
        assertThat(lang.eval("$ip == 192.168.1.1", e)).isEqualTo(true);
        assertThat(lang.eval("$s == 192.168.1.1", e)).isEqualTo(true);
        assertThat(lang.eval("2001:0db8:85a3:0000:0000:8a2e:0370:7334"))
                .isEqualTo(InetAddress.getByName("2001:db8:85a3::8a2e:370:7334"));
        assertThat(lang.eval("::1 == ::1")).isEqualTo(true);
        assertThat(lang.eval("fe80::1")).isEqualTo(InetAddress.getByName("fe80::1"));
    }

    @Test
    void in_andNotIn() {
        Event e = new Event().set("EventID", 1001L).set("s", "b");
        assertThat(lang.eval("$EventID IN (1000, 1001, 1004, 4001)", e)).isEqualTo(true);
        assertThat(lang.eval("$EventID NOT IN (1000, 1001)", e)).isEqualTo(false);
        assertThat(lang.eval("$s in ('a', 'b')", e)).isEqualTo(true);
        assertThat(lang.eval("$s not in ('a', 1)", e)).isEqualTo(true);
        assertThat(lang.eval("$missing IN (1, 2)", e)).isNull();
    }

    @Test
    void typeErrors_nameTheOperatorAndTheTypes() {
        Event e = new Event().set("s", "abc").set("n", 1L).set("b", true);
        lang.run("$x = $s * $n; $y = $n / 0; $z = not $s; $w = $b and $s; $v = -$s;", e);
        assertThat(lang.errors).containsExactly(
                "test.conf:10: invalid operation string * integer (\"abc\" * 1)",
                "test.conf:10: division by zero: 1 / 0",
                "test.conf:10: not: operand is string (\"abc\"), not boolean",
                "test.conf:10: and: the right operand is string (\"abc\"), not boolean",
                "test.conf:10: unary -: operand is string, not integer");
    }

    @Test
    void compiledCondition_testIsTrueOnlyForTrue() {
        java.util.List<io.logship.lang.ExecProblem> problems = new java.util.ArrayList<>();
        io.logship.lang.ExecExpression c = lang.compiler.compileExpression(Lang.source("$SeverityValue > 3"),
                problems);
        assertThat(problems).isEmpty();
        assertThat(c.test(lang.ctx.reset(new Event().set("SeverityValue", 4L)))).isTrue();
        assertThat(c.test(lang.ctx.reset(new Event().set("SeverityValue", 2L)))).isFalse();
        assertThat(c.test(lang.ctx.reset(new Event()))).isFalse();
    }

    @Test
    void functionValues_andStringEscapes() {
        assertThat(lang.eval("lc(\"ABC\") + concat(1, '-', TRUE)")).isEqualTo("abc1-TRUE");
        assertThat(lang.eval("\"a\\tb\\x41\\\\\\\"\"")).isEqualTo("a\tbA\\\"");
        assertThat(lang.eval("'a\\tb'")).isEqualTo("a\\tb");
        assertThat(lang.eval("type(1) + type('s') + type(TRUE)")).isEqualTo("integerstringboolean");
    }
}
