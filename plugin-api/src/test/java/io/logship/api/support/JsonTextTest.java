package io.logship.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTextTest {
    @Test
    void quote_whenSpecialCharacters_escapesThem() {
        assertThat(JsonText.quote("a\"b\\c\nd\re\tf\u0001g")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\"");
        assertThat(JsonText.quote((String) null)).isEqualTo("null");
        assertThat(JsonText.quote("π ok")).isEqualTo("\"π ok\"");
    }
}
