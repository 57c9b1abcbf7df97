package io.logship.s3.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static List<String> records(byte[] data, int max) throws IOException {
        return records(new ByteArrayInputStream(data), max);
    }

    private static List<String> records(InputStream in, int max) throws IOException {
        LineReader r = new LineReader(in, max);
        List<String> out = new ArrayList<>();
        while (r.next()) {
            out.add(new String(r.buffer(), r.offset(), r.length(), StandardCharsets.UTF_8)
                    + (r.endsLine() ? "" : "~") + (r.piece() > 0 ? "#" + r.piece() : ""));
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void next_whenLfCrlfAndNoFinalNewline_splitsLines() throws IOException {
        assertThat(records(utf8("a\nbb\r\n\nccc"), 100)).containsExactly("a", "bb", "", "ccc");
    }

    @Test
    void next_whenEmptyInput_returnsNothing() throws IOException {
        assertThat(records(new byte[0], 100)).isEmpty();
    }

    @Test
    void next_whenLineLongerThanMax_splitsIntoPieces() throws IOException {
        assertThat(records(utf8("0123456789abc\nxy\n"), 5))
                .containsExactly("01234~", "56789~#1", "abc#2", "xy");
    }

    @Test
    void next_whenLineExactlyMax_isOneRecord() throws IOException {
        assertThat(records(utf8("12345\n123456\n"), 5)).containsExactly("12345", "12345~", "6#1");
    }

    @Test
    void next_whenCutWouldSplitMultibyteCharacter_cutsBeforeIt() throws IOException {
        // "abcé" is 5 bytes; a cut after 4 bytes would split é
        List<String> r = records(utf8("abcé€z\n"), 4);
        assertThat(r).containsExactly("abc~", "é~#1", "€z#2");
    }

    @Test
    void next_whenLinesSpanManyReadChunks_keepsThemWhole() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.append("line-").append(i).append(" ").append("x".repeat(i % 50)).append('\n');
        }
        InputStream trickle = new ByteArrayInputStream(utf8(sb.toString())) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        List<String> r = records(trickle, 1 << 20);
        assertThat(r).hasSize(20_000);
        assertThat(r.get(12_345)).isEqualTo("line-12345 " + "x".repeat(12_345 % 50));
    }

    @Test
    void next_whenVeryLongLineAndBigMax_growsBufferOnlyToMax() throws IOException {
        byte[] data = utf8("y".repeat(300_000) + "\nend\n");
        List<String> r = records(data, 200_000);
        assertThat(r).hasSize(3);
        assertThat(r.get(0)).hasSize(200_001).endsWith("~");
        assertThat(r.get(1)).isEqualTo("y".repeat(100_000) + "#1");
        assertThat(r.get(2)).isEqualTo("end");
    }

    @Test
    void constructor_whenMaxTooSmall_rejects() {
        assertThatThrownBy(() -> new LineReader(new ByteArrayInputStream(new byte[0]), 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void indexOfNewline_whenRandomBytesAndBounds_findsTheFirstLfLikeAByteLoop() {
        java.util.Random rnd = new java.util.Random(42);
        byte[] alphabet = {'\n', '\r', 0x0B, 0x09, 0x00, (byte) 0x8A, (byte) 0xFF, 'a', (byte) (0x0A ^ 0x80)};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextInt(4) == 0 ? alphabet[rnd.nextInt(alphabet.length)] : (byte) ('a' + rnd.nextInt(26));
            }
            int from = b.length == 0 ? 0 : rnd.nextInt(b.length + 1);
            int to = from + rnd.nextInt(b.length - from + 1);
            int want = -1;
            for (int i = from; i < to; i++) {
                if (b[i] == '\n') {
                    want = i;
                    break;
                }
            }
            assertThat(LineReader.indexOfNewline(b, from, to)).as("round %d", round).isEqualTo(want);
        }
    }
}
