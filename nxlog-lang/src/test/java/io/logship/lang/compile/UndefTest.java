package io.logship.lang.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Event;
import org.junit.jupiter.api.Test;

/** NXLog's undef rules (the manual, chapter 5): undef is not FALSE. */
class UndefTest {
    private final Lang lang = new Lang();
    private final Event e = new Event().set("n", 1L).set("s", "x").set("t", true).set("f", false);

    private Object eval(String expr) {
        return lang.eval(expr, e);
    }

    @Test
    void comparisonsWithUndef_areUndef_butUndefEqualsUndef() {
        assertThat(eval("$missing == 1")).isNull();
        assertThat(eval("1 != $missing")).isNull();
        assertThat(eval("$missing < 1")).isNull();
        assertThat(eval("$missing >= $n")).isNull();
        assertThat(eval("undef == undef")).isEqualTo(true);
        assertThat(eval("$missing == $other")).isEqualTo(true);
        assertThat(eval("undef != undef")).isEqualTo(false);
    }

    @Test
    void notUndef_isUndef_definedIsNever() {
        assertThat(eval("not $missing")).isNull();
        assertThat(eval("defined $missing")).isEqualTo(false);
        assertThat(eval("defined $n")).isEqualTo(true);
    }

    @Test
    void and_isUndefIfEitherIsUndef_unlessTheLeftIsFalse() {
        assertThat(eval("$t and $missing")).isNull();
        assertThat(eval("$missing and $t")).isNull();
        assertThat(eval("$f and $missing")).isEqualTo(false); // short-circuit
        assertThat(eval("$t and $t")).isEqualTo(true);
    }

    @Test
    void or_isUndefOnlyIfBothAre() {
        assertThat(eval("$missing or $missing")).isNull();
        assertThat(eval("$missing or $t")).isEqualTo(true);
        assertThat(eval("$missing or $f")).isEqualTo(false);
        assertThat(eval("$t or $missing")).isEqualTo(true);
    }

    @Test
    void arithmeticWithUndef_isUndef_butStringsConcatenateItAsNothing() {
        assertThat(eval("$n + $missing")).isNull();
        assertThat(eval("$missing - 1")).isNull();
        assertThat(eval("$missing * 2")).isNull();
        assertThat(eval("undef + undef")).isNull();
        assertThat(eval("$s + $missing")).isEqualTo("x");
        assertThat(eval("$missing + $s")).isEqualTo("x");
        assertThat(eval("-$missing")).isNull();
    }

    @Test
    void ifUndef_isFalse_andMatchingUndefIsUndef() {
        lang.run("if $missing log_info('then'); else log_info('else');"
                + "if $missing =~ /x/ log_info('m1'); if $missing !~ /x/ log_info('m2');"
                + "if not $missing log_info('n');", e);
        assertThat(lang.logged).containsExactly("else");
        assertThat(lang.errors).isEmpty();
    }
}
