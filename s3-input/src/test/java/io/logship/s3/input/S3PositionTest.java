package io.logship.s3.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3PositionTest {
    private static final S3Location LOC = new S3Location("my-bucket", "logs/ 2026/");

    @Test
    void decode_whenEncoded_roundTrips() {
        S3Position p = new S3Position(42, 1000, 3, false, "logs/a b\tc\n.gz", "logs/z 1", LOC);
        assertThat(S3Position.decode(p.encode())).isEqualTo(p);
        assertThat(S3Position.value(42, 1000, 3, false, S3Position.keySuffix(LOC, p.key(), p.cursor())))
                .isEqualTo(p.encode());
    }

    @Test
    void encode_whenCursorEqualsKey_writesItEmptyAndTheLocationLast() {
        S3Position p = new S3Position(1, 5, 0, true, "k", "k", LOC);
        assertThat(p.encode()).isEqualTo("2 1 5 0 1 1 k 0  my-bucket/logs/ 2026/");
        assertThat(S3Position.decode("2 1 5 0 1 1 k 0  my-bucket/logs/ 2026/")).isEqualTo(p);
        assertThat(S3Position.decode("2 1 5 0 1 1 k 0  b/")).isEqualTo(
                new S3Position(1, 5, 0, true, "k", "k", new S3Location("b", "")));
    }

    @Test
    void decode_whenVersion1_readsItWithoutLocation() {
        assertThat(S3Position.decode("1 1 5 0 1 1 k")).isEqualTo(new S3Position(1, 5, 0, true, "k", "k", null));
        assertThat(S3Position.decode("1 7 0 0 0 6 1 2 3 1 2 3 4"))
                .isEqualTo(new S3Position(7, 0, 0, false, "1 2 3 ", "1 2 3 4", null));
    }

    @Test
    void decode_whenKeyHoldsSpacesAndDigits_usesLength() {
        S3Position p = new S3Position(7, 0, 0, true, "1 2 3 ", "1 2 3 4", LOC);
        assertThat(S3Position.decode(p.encode())).isEqualTo(p);
    }

    @Test
    void encode_whenVersion1WithoutLocation_refuses() {
        assertThatThrownBy(() -> new S3Position(1, 5, 0, true, "k", "k", null).encode())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void decode_whenGarbage_rejectsWithReason() {
        assertThatThrownBy(() -> S3Position.decode("hello")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an im_s3 position");
        assertThatThrownBy(() -> S3Position.decode("3 1 1 0 1 1 k")).hasMessageContaining("version");
        assertThatThrownBy(() -> S3Position.decode("1 1 1 0 1 9 k")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3Position.decode("1 1 1 0 x 1 k")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3Position.decode("2 1 1 0 1 1 k 0  nobucket"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3Position.decode("2 1 1 0 1 1 k")).isInstanceOf(IllegalArgumentException.class);
    }
}
