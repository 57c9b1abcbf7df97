package io.logship.lang.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Pattern;
import io.logship.lang.Regex;
import org.junit.jupiter.api.Test;

class ConversionFunctionsTest {
    private final CoreHarness h = new CoreHarness();

    @Test
    void string_ofEveryType() throws Exception {
        assertThat(h.call("string", 42L)).isEqualTo("42");
        assertThat(h.call("string", true)).isEqualTo("TRUE");
        assertThat(h.call("string", Instant.parse("2009-11-05T11:23:45Z"))).isEqualTo("2009-11-05 12:23:45");
        assertThat(h.call("string", InetAddress.getByName("10.1.2.3"))).isEqualTo("10.1.2.3");
        assertThat(h.call("string", "é".getBytes(StandardCharsets.UTF_8))).isEqualTo("é");
        assertThat(h.call("string", (Object) null)).isNull();
    }

    @Test
    void integer_parsesStrings_errorWhenNotANumber() {
        assertThat(h.call("integer", "42")).isEqualTo(42L);
        assertThat(h.call("integer", " -17 ")).isEqualTo(-17L);
        assertThat(h.call("integer", "+5")).isEqualTo(5L);
        assertThat(h.call("integer", "0x1F")).isEqualTo(31L);
        assertThat(h.call("integer", "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(h.call("integer", "-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(h.call("integer", "10K")).isEqualTo(10_240L);
        assertThat(h.call("integer", "2M")).isEqualTo(2_097_152L);
        assertThat(h.call("integer", "-1G")).isEqualTo(-1_073_741_824L);
        assertThat(h.error("integer", "9223372036854775808"))
                .isEqualTo("integer(): cannot parse '9223372036854775808' as an integer");
        assertThat(h.error("integer", "12abc")).isEqualTo("integer(): cannot parse '12abc' as an integer");
        assertThat(h.error("integer", "")).isEqualTo("integer(): cannot parse '' as an integer");
        assertThat(h.error("integer", "-")).contains("cannot parse");
        assertThat(h.error("integer", "9999999999999999G")).contains("cannot parse");
        assertThat(h.call("integer", 7L)).isEqualTo(7L);
        assertThat(h.call("integer", 7.9)).isEqualTo(7L);
        assertThat(h.call("integer", Instant.ofEpochSecond(1, 2000))).isEqualTo(1_000_002L);
        assertThat(h.call("integer", (Object) null)).isNull();
        assertThat(h.error("integer", true)).isEqualTo("integer(): cannot convert boolean to integer");
    }

    @Test
    void datetime_fromMicroseconds() {
        assertThat(h.call("datetime", 1_000_002L)).isEqualTo(Instant.ofEpochSecond(1, 2000));
        assertThat(h.call("datetime", -1L)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
        assertThat(h.call("datetime", (Object) null)).isNull();
        assertThat(h.error("datetime", "1")).contains("datetime(): argument 1 must be integer");
    }

    @Test
    void type_namesEveryType_undefForUndef() throws Exception {
        assertThat(h.call("type", "x")).isEqualTo("string");
        assertThat(h.call("type", 1L)).isEqualTo("integer");
        assertThat(h.call("type", false)).isEqualTo("boolean");
        assertThat(h.call("type", Instant.EPOCH)).isEqualTo("datetime");
        assertThat(h.call("type", InetAddress.getByName("::1"))).isEqualTo("ip6addr");
        assertThat(h.call("type", new byte[0])).isEqualTo("binary");
        assertThat(h.call("type", new Regex("/a/", Pattern.compile("a")))).isEqualTo("regexp");
        assertThat(h.call("type", (Object) null)).isNull();
    }

    @Test
    void ip4addr_fromIntegerOrDottedQuad() throws Exception {
        assertThat(h.call("ip4addr", 0x01020304L)).isEqualTo(InetAddress.getByName("1.2.3.4"));
        assertThat(h.call("ip4addr", 0x01020304L, true)).isEqualTo(InetAddress.getByName("4.3.2.1"));
        assertThat(h.call("ip4addr", 0x01020304L, false)).isEqualTo(InetAddress.getByName("1.2.3.4"));
        assertThat(h.call("ip4addr", "192.168.0.1")).isEqualTo(InetAddress.getByName("192.168.0.1"));
        assertThat(h.call("ip4addr", "192.168.0.256")).isNull();
        assertThat(h.call("ip4addr", "example.com")).isNull();
        assertThat(h.call("ip4addr", "1.2.3")).isNull();
        assertThat(h.call("ip4addr", (Object) null)).isNull();
        assertThat(h.error("ip4addr", true)).contains("ip4addr(): argument 1 must be integer or string");
    }

    @Test
    void base64_roundTrip() {
        assertThat(h.call("base64encode", "hello")).isEqualTo("aGVsbG8=");
        assertThat(h.call("base64encode", new byte[] {0, -1})).isEqualTo("AP8=");
        assertThat((byte[]) h.call("base64decode", "aGVsbG8=")).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(h.error("base64decode", "***")).contains("base64decode()");
    }

    @Test
    void digests_hexOfUtf8OrBinary() {
        assertThat(h.call("md5sum", "abc")).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(h.call("sha1sum", "abc")).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(h.call("sha256sum", "abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat((String) h.call("sha512sum", "abc")).startsWith("ddaf35a193617aba").hasSize(128);
        assertThat(h.call("md5sum", "abc".getBytes(StandardCharsets.UTF_8))).isEqualTo(h.call("md5sum", "abc"));
        assertThat(h.call("md5sum", (Object) null)).isNull();
        assertThat(h.error("md5sum", 1L)).isEqualTo("md5sum(): argument 1 must be string or binary, not integer");
    }

    @Test
    void hostFunctions() {
        assertThat(h.call("hostname")).isEqualTo("myhost");
        assertThat(h.call("hostname_fqdn")).isEqualTo("myhost.example.com");
        Object ip = h.call("host_ip");
        assertThat(ip == null || ip instanceof InetAddress a && !a.isLoopbackAddress()).isTrue();
        assertThat(h.call("host_ip", 1000L)).isNull();
        assertThat(h.error("host_ip", 0L)).contains("host_ip(): the index must be 1 or more");
        assertThat(HostFunctions.shortName("10.0.0.1")).isEqualTo("10.0.0.1");
    }
}
