package io.logship.lang.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EscapeFunctionsTest {
    private final CoreHarness h = new CoreHarness();

    @Test
    void escapeJson_quotesBackslashesControls_andBack() {
        String raw = "say \"hi\"\\ \n\t\u0001 é";
        String escaped = (String) h.call("escape_json", raw);
        assertThat(escaped).isEqualTo("say \\\"hi\\\"\\\\ \\n\\t\\u0001 é");
        assertThat(h.call("unescape_json", escaped)).isEqualTo(raw);
        assertThat(h.call("unescape_json", "a\\/b \\u00e9")).isEqualTo("a/b é");
        assertThat(h.call("escape_json", (Object) null)).isNull();
    }

    @Test
    void escapeJson_plainString_isReturnedAsIs() {
        String plain = "nothing to escape";
        assertThat(h.call("escape_json", plain)).isSameAs(plain);
    }

    @Test
    void unescapeJson_badEscape_isError() {
        assertThat(h.error("unescape_json", "a\\qb")).contains("unescape_json()").contains("\\q");
        assertThat(h.error("unescape_json", "a\\u12")).contains("truncated");
        assertThat(h.error("unescape_json", "a\\")).contains("lone backslash");
    }

    @Test
    void escapeHtmlAndXml_andBack() {
        assertThat(h.call("escape_html", "<a href=\"x\">Tom & 'Jerry'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; 'Jerry'&lt;/a&gt;");
        assertThat(h.call("escape_xml", "'<&>'")).isEqualTo("&apos;&lt;&amp;&gt;&apos;");
        assertThat(h.call("unescape_html", "&lt;b&gt; &amp;amp; &#65;&#x42; &bogus; &"))
                .isEqualTo("<b> &amp; AB &bogus; &");
        assertThat(h.call("unescape_xml", "&apos;&quot;")).isEqualTo("'\"");
    }

    @Test
    void escapeUrl_percentEncodesUtf8_andBack() {
        assertThat(h.call("escape_url", "a b/c?d=é&e~")).isEqualTo("a%20b%2Fc%3Fd%3D%C3%A9%26e~");
        assertThat(h.call("unescape_url", "a%20b%2Fc%3Fd%3D%C3%A9%26e~")).isEqualTo("a b/c?d=é&e~");
        assertThat(h.call("unescape_url", "no+escapes")).isEqualTo("no+escapes");
        assertThat(h.error("unescape_url", "bad%2")).contains("truncated");
        assertThat(h.error("unescape_url", "bad%zz")).contains("hexadecimal");
    }
}
