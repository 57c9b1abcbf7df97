package io.logship.s3.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
    private final Utf8 u = new Utf8();

    private String decode(byte[] b) {
        return u.decode(b, 0, b.length);
    }

    @Test
    void decode_whenInvalidBytesReplacedOneForOne_reportsInvalid() {
        assertThat(decode(new byte[] {'b', (byte) 0xC3, 'x', (byte) 0xFF})).isEqualTo("b\uFFFDx\uFFFD");
        assertThat(u.lastWasInvalid()).isTrue();
    }

    @Test
    void decode_whenValidReplacementCharacterInInput_isNotInvalid() {
        assertThat(decode("ok \uFFFD é".getBytes(StandardCharsets.UTF_8))).isEqualTo("ok \uFFFD é");
        assertThat(u.lastWasInvalid()).isFalse();
    }

    @Test
    void decode_whenInvalidAmongMultibyte_reportsInvalid() {
        byte[] b = {(byte) 0xC3, (byte) 0xA9, (byte) 0xE2, (byte) 0x82, 'z'};
        decode(b);
        assertThat(u.lastWasInvalid()).isTrue();
        decode("plain ascii".getBytes(StandardCharsets.UTF_8));
        assertThat(u.lastWasInvalid()).isFalse();
    }
}
