package io.logship.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TypesTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void typeName_ofEveryValueKind() throws Exception {
        assertThat(Types.typeName(null)).isEqualTo("undef");
        assertThat(Types.typeName("x")).isEqualTo("string");
        assertThat(Types.typeName(1L)).isEqualTo("integer");
        assertThat(Types.typeName(true)).isEqualTo("boolean");
        assertThat(Types.typeName(Instant.EPOCH)).isEqualTo("datetime");
        assertThat(Types.typeName(InetAddress.getByName("10.0.0.1"))).isEqualTo("ip4addr");
        assertThat(Types.typeName(InetAddress.getByName("::1"))).isEqualTo("ip6addr");
        assertThat(Types.typeName(new byte[] {1})).isEqualTo("binary");
        assertThat(Types.typeName(new Regex("/a/", Pattern.compile("a")))).isEqualTo("regexp");
    }

    @Test
    void toText_ofDatetimesInARow_isRightForEverySecondAndZone() {
        Instant t = Instant.parse("2026-12-04T19:59:59.999Z");
        ZoneId budapest = ZoneId.of("Europe/Budapest");
        assertThat(Types.toText(t, UTC)).isEqualTo("2026-12-04 19:59:59");
        assertThat(Types.toText(t.minusMillis(500), UTC)).isEqualTo("2026-12-04 19:59:59"); // same second
        assertThat(Types.toText(t, budapest)).isEqualTo("2026-12-04 20:59:59"); // same second, another zone
        assertThat(Types.toText(t.plusMillis(1), UTC)).isEqualTo("2026-12-04 20:00:00"); // the next second
        assertThat(Types.toText(t, UTC)).isEqualTo("2026-12-04 19:59:59"); // and back
        assertThat(Types.toText(Instant.parse("1969-12-31T23:59:59.500Z"), UTC)).isEqualTo("1969-12-31 23:59:59");
    }

    @Test
    void toText_usesNxlogForms() throws Exception {
        assertThat(Types.toText(null, UTC)).isNull();
        assertThat(Types.toText(Instant.parse("2009-11-05T11:23:45.123456Z"), UTC)).isEqualTo("2009-11-05 11:23:45");
        assertThat(Types.toText(Instant.parse("2009-11-05T11:23:45Z"), ZoneId.of("Europe/Budapest")))
                .isEqualTo("2009-11-05 12:23:45");
        assertThat(Types.toText(false, UTC)).isEqualTo("FALSE");
        assertThat(Types.toText(42L, UTC)).isEqualTo("42");
        assertThat(Types.toText(InetAddress.getByName("192.168.1.2"), UTC)).isEqualTo("192.168.1.2");
        assertThat(Types.toText("é".getBytes(StandardCharsets.UTF_8), UTC)).isEqualTo("é");
        assertThat(Types.toText(new Regex("/^a/i", Pattern.compile("^a")), UTC)).isEqualTo("/^a/i");
    }

    @Test
    void regex_catastrophicBacktracking_givesUpWithExecError() {
        // java.util.regex memoises (a+)+$; this one it cannot: unguarded it reads the text over 50 million times
        Regex r = new Regex("/(.*a){20}/", Pattern.compile("(.*a){20}"));
        String text = "a".repeat(19) + "x".repeat(20);
        assertThatThrownBy(() -> r.matcher(text).find())
                .isInstanceOf(ExecError.class)
                .hasMessageContaining("/(.*a){20}/").hasMessageContaining("39-character");
        // an ordinary pattern on a long value stays within its budget (it grows with the value's length)
        Regex ordinary = new Regex("/^(\\S+) (.*) end$/", Pattern.compile("^(\\S+) (.*) end$"));
        assertThat(ordinary.matcher("host " + "x y ".repeat(50_000) + "end").find()).isTrue();
    }
}
