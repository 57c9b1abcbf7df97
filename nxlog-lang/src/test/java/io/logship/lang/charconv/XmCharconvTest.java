package io.logship.lang.charconv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.ConfigException;
import io.logship.api.Event;
import io.logship.lang.ExecError;
import io.logship.lang.ExecLibrary;
import io.logship.lang.formattest.Configs;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class XmCharconvTest {
    private static final Charset LATIN2 = Charset.forName("ISO-8859-2");

    private static ExecLibrary charconv(String... directives) throws Exception {
        return (ExecLibrary) Configs.create(new XmCharconvProvider(), directives);
    }

    private static Object convert(ExecLibrary lib, Object v, String from, String to) {
        return Configs.function(lib, "convert", false).impl().call(Configs.context(ZoneOffset.UTC).reset(new Event()),
                new Object[] {v, from, to});
    }

    @Test
    void convert_binaryInLegacyCharsetToUtf8Text() throws Exception {
        byte[] latin2 = "Łódź żółw".getBytes(LATIN2);
        assertThat(convert(charconv(), latin2, "iso-8859-2", "utf-8")).isEqualTo("Łódź żółw");
        assertThat((byte[]) convert(charconv(), "Łódź", "UTF-8", "ISO-8859-2")).containsExactly("Łódź".getBytes(LATIN2));
    }

    @Test
    void convert_auto_usesBomThenTheListInOrder() throws Exception {
        ExecLibrary lib = charconv("AutodetectCharsets", "utf-8, iso-8859-2");
        byte[] utf16 = "\uFEFFhello é".getBytes(StandardCharsets.UTF_16LE);
        assertThat(convert(lib, utf16, "auto", "utf-8")).isEqualTo("hello é");
        byte[] bomUtf8 = "\uFEFFzażółć".getBytes(StandardCharsets.UTF_8);
        assertThat(convert(lib, bomUtf8, "auto", "utf-8")).isEqualTo("zażółć");
        assertThat(convert(lib, "zażółć".getBytes(StandardCharsets.UTF_8), "auto", "utf-8")).isEqualTo("zażółć");
        assertThat(convert(lib, "zażółć".getBytes(LATIN2), "auto", "utf-8")).isEqualTo("zażółć");
        assertThatThrownBy(() -> convert(charconv(), new byte[] {(byte) 0xC3, 0x28}, "auto", "utf-8"))
                .isInstanceOf(ExecError.class).hasMessage("convert(): the bytes are none of AutodetectCharsets (UTF-8)");
    }

    @Test
    void convert_errorsNameTheFunction() throws Exception {
        ExecLibrary lib = charconv();
        assertThatThrownBy(() -> convert(lib, new byte[] {(byte) 0xff}, "utf-8", "utf-16"))
                .isInstanceOf(ExecError.class).hasMessageStartingWith("convert(): the bytes are not valid UTF-8");
        assertThatThrownBy(() -> convert(lib, "日本", "utf-8", "iso-8859-1")).isInstanceOf(ExecError.class)
                .hasMessage("convert(): the text has characters ISO-8859-1 cannot hold");
        assertThatThrownBy(() -> convert(lib, "x", "klingon", "utf-8")).isInstanceOf(ExecError.class)
                .hasMessageStartingWith("convert(): unknown character set 'klingon'");
        assertThatThrownBy(() -> convert(lib, 5L, "utf-8", "utf-8")).isInstanceOf(ExecError.class)
                .hasMessage("convert(): expected a string or binary value, not integer");
        assertThat(convert(lib, null, "utf-8", "utf-8")).isNull();
    }

    @Test
    void convertFields_convertsEveryStringField() throws Exception {
        Event e = new Event().set("a", "é").set("n", 1L);
        Configs.function(charconv(), "convert_fields", true).impl().call(Configs.context(ZoneOffset.UTC).reset(e),
                new Object[] {"utf-8", "iso-8859-2"});
        assertThat((byte[]) e.get("a")).containsExactly((byte) 0xE9);
        assertThat(e.get("n")).isEqualTo(1L);
    }

    @Test
    void config_unknownCharset_isRefused() {
        assertThatThrownBy(() -> charconv("AutodetectCharsets", "utf-8, nope")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("AutodetectCharsets: unknown character set 'nope'");
    }
}
