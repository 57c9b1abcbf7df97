package io.logship.lang.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StringFunctionsTest {
    private final CoreHarness h = new CoreHarness();

    @Test
    void lcUc_changeCase_undefStaysUndef() {
        assertThat(h.call("lc", "HeLLo Wörld")).isEqualTo("hello wörld");
        assertThat(h.call("uc", "HeLLo")).isEqualTo("HELLO");
        assertThat(h.call("lc", (Object) null)).isNull();
        assertThat(h.call("uc", (Object) null)).isNull();
    }

    @Test
    void lc_ofInteger_isTypeErrorNamingFunctionAndTypes() {
        assertThat(h.error("lc", 42L)).isEqualTo("lc(): argument 1 must be string, not integer");
    }

    @Test
    void substr_fromAndTo_asNxlogDefines() {
        assertThat(h.call("substr", "abcdef", 2L)).isEqualTo("cdef");
        assertThat(h.call("substr", "abcdef", 1L, 3L)).isEqualTo("bc");
        assertThat(h.call("substr", "abcdef", 0L, 100L)).isEqualTo("abcdef");
        assertThat(h.call("substr", "abcdef", 6L)).isEqualTo("");
        assertThat(h.call("substr", "abcdef", 7L)).isNull();
        assertThat(h.call("substr", "abcdef", 4L, 2L)).isNull();
        assertThat(h.call("substr", null, 1L)).isNull();
        assertThat(h.call("substr", "abc", null)).isNull();
        assertThat(h.call("substr", "abcdef", 2L, null)).isEqualTo("cdef");
        assertThat(h.error("substr", "abc", -1L)).contains("substr()").contains("negative");
        assertThat(h.error("substr", "abc", "1")).isEqualTo("substr(): argument 2 must be integer, not string");
    }

    @Test
    void replace_allOrCount() {
        assertThat(h.call("replace", "a-b-c-d", "-", "+")).isEqualTo("a+b+c+d");
        assertThat(h.call("replace", "a-b-c-d", "-", "+", 2L)).isEqualTo("a+b+c-d");
        assertThat(h.call("replace", "a-b-c-d", "-", "+", 0L)).isEqualTo("a+b+c+d");
        assertThat(h.call("replace", "aaa", "a", "aa")).isEqualTo("aaaaaa");
        assertThat(h.call("replace", "abc", "x", "y")).isEqualTo("abc");
        assertThat(h.call("replace", "abc", "", "y")).isEqualTo("abc");
        assertThat(h.call("replace", "foo bar foo", "foo", "")).isEqualTo(" bar ");
        assertThat(h.call("replace", null, "a", "b")).isNull();
        assertThat(h.call("replace", "a", null, "b")).isNull();
        assertThat(h.error("replace", "a", "a", "b", -1L)).contains("count must not be negative");
    }

    @Test
    void size_countsUtf8Bytes() {
        assertThat(h.call("size", "abc")).isEqualTo(3L);
        assertThat(h.call("size", "é")).isEqualTo(2L);
        assertThat(h.call("size", "€")).isEqualTo(3L);
        assertThat(h.call("size", "😀")).isEqualTo(4L);
        assertThat(h.call("size", "")).isEqualTo(0L);
        assertThat(h.call("size", new byte[] {1, 2})).isEqualTo(2L);
        assertThat(h.call("size", (Object) null)).isNull();
        assertThat(h.error("size", 5L)).isEqualTo("size(): argument 1 must be string, not integer");
    }
}
