package io.logship.s3.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PositionsTest {
    private static void assertSameAsValue(long seq, String key, String cursor, long[][] steps) {
        S3Location loc = new S3Location("bucket", "logs/ a");
        ObjectDecoder.Positions p = new ObjectDecoder.Positions(loc, seq, key, cursor);
        String suffix = S3Position.keySuffix(loc, key, cursor);
        for (long[] s : steps) {
            String got = p.of(s[0], (int) s[1]).value();
            assertThat(got).as("lines %d pieces %d", s[0], s[1])
                    .isEqualTo(S3Position.value(seq, s[0], (int) s[1], false, suffix));
            S3Position decoded = S3Position.decode(got);
            assertThat(decoded.line()).isEqualTo(s[0]);
            assertThat(decoded.key()).isEqualTo(key);
            assertThat(decoded.cursor()).isEqualTo(cursor);
            assertThat(decoded.location()).isEqualTo(loc);
        }
    }

    @Test
    void of_whenLinesCountUpAcrossDigitCarries_equalsS3PositionValue() {
        long[][] steps = new long[12_000][];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = new long[] {i + 1, 0};
        }
        assertSameAsValue(7, "logs/a.log.gz", "logs/a.log.gz", steps);
    }

    @Test
    void of_whenLinesJumpAndPiecesAndRestart_equalsS3PositionValue() {
        assertSameAsValue(123_456_789L, "k", "z-cursor", new long[][] {
            {0, 0}, {9, 0}, {10, 0}, {12, 0}, {12, 1}, {12, 2}, {13, 0}, {99, 0}, {100, 0}, {101, 0},
            {999_999, 0}, {1_000_000, 0}, {5, 0}, {6, 0}, {Long.MAX_VALUE - 1, 0}, {Long.MAX_VALUE, 0}});
    }

    @Test
    void of_whenKeyIsNotLatin1OrHasLatin1Accents_equalsS3PositionValue() {
        long[][] steps = {{1, 0}, {2, 0}, {3, 1}, {10, 0}, {11, 0}};
        assertSameAsValue(1, "logs/überlauf-日本.log", "logs/überlauf-日本.log", steps);
        assertSameAsValue(1, "logs/café.log", "logs/zoé", steps);
    }
}
