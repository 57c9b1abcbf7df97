package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.testkit.TestModuleContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyslogFramingDecoderTest {
    private final TestModuleContext ctx = new TestModuleContext("im_tcp", "in", Path.of("."));
    private final TcpInputStats stats = new TcpInputStats("in", ctx.logger(), ctx.metrics(), () -> 0L);
    private final List<String> out = new ArrayList<>();
    private final TcpInputDecoder.Records records = e -> out.add(e.raw());

    private SyslogFramingDecoder decoder(int max) {
        return new SyslogFramingDecoder(new FramingText(max, "10.0.0.1:999", stats));
    }

    private static ByteBuffer bytes(byte[] b, int from, int to) {
        return ByteBuffer.wrap(b, from, to - from).slice();
    }

    @Test
    void decode_mixedOctetCountedAndLfFramed_inEveryChunking_givesTheSameMessages() throws Exception {
        String wire = "13 <13>1 - a b c\n<14>lf framed\r\n\n10 <15>two\nlf<16>last\n";
        List<String> expected = List.of("<13>1 - a b c", "<14>lf framed", "<15>two\nlf", "<16>last");
        byte[] b = wire.getBytes(StandardCharsets.US_ASCII);
        for (int chunk = 1; chunk <= b.length; chunk++) {
            out.clear();
            SyslogFramingDecoder d = decoder(1000);
            for (int i = 0; i < b.length; i += chunk) {
                d.decode(bytes(b, i, Math.min(b.length, i + chunk)), records);
            }
            assertThat(d.partial()).isFalse();
            assertThat(out).as("chunks of %d bytes", chunk).containsExactlyElementsOf(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999 x", "-5 x", "+5 x", "12a x", "0 x", "007 abcdefg", "12\n"})
    void decode_garbageOctetCount_throwsNamingTheProblem(String wire) throws Exception {
        SyslogFramingDecoder d = decoder(1000);
        d.decode(ByteBuffer.wrap("5 <13>a".getBytes(StandardCharsets.US_ASCII)), records);
        assertThatThrownBy(() -> d.decode(ByteBuffer.wrap(wire.getBytes(StandardCharsets.US_ASCII)), records))
                .isInstanceOf(TcpInputDecoder.FramingException.class)
                .hasMessageContaining("octet count");
        assertThat(out).as("the message before the garbage is kept").containsExactly("<13>a");
    }

    @Test
    void decode_messageLongerThanTheLimit_isSplitCountedAndWarnedOncePerBurst() throws Exception {
        SyslogFramingDecoder d = decoder(10);
        d.decode(ByteBuffer.wrap("25 0123456789abcdefghijKLMNO<13>short\n".getBytes(StandardCharsets.US_ASCII)),
                records);
        d.decode(ByteBuffer.wrap("<14>0123456789abcdefghij\n".getBytes(StandardCharsets.US_ASCII)), records);
        assertThat(out).containsExactly("0123456789", "abcdefghij", "KLMNO", "<13>short",
                "<14>012345", "6789abcdef", "ghij");
        assertThat(ctx.counter("records_split")).isEqualTo(2);
        assertThat(ctx.logged()).filteredOn(l -> l.startsWith("WARN")).hasSize(1).first().asString()
                .contains("in: a record from 10.0.0.1:999 is longer than 10 bytes");
    }

    @Test
    void decode_invalidUtf8_isReplacedAndCounted() throws Exception {
        SyslogFramingDecoder d = decoder(100);
        byte[] bad = {'<', '1', '>', 'a', (byte) 0xC3, '(', 'z', '\n', 'o', 'k', ' ', (byte) 0xC3, (byte) 0xA9, '\n'};
        d.decode(ByteBuffer.wrap(bad), records);
        assertThat(out).containsExactly("<1>a\uFFFD(z", "ok é");
        assertThat(ctx.counter("invalid_utf8_records")).isEqualTo(1);
        assertThat(ctx.logged()).anyMatch(l -> l.startsWith("WARN") && l.contains("10.0.0.1:999")
                && l.contains("not valid UTF-8"));
    }

    @Test
    void end_withAnIncompleteMessage_postsWhatCame() throws Exception {
        SyslogFramingDecoder d = decoder(100);
        d.decode(ByteBuffer.wrap("20 <13>only part".getBytes(StandardCharsets.US_ASCII)), records);
        assertThat(d.partial()).isTrue();
        assertThat(out).isEmpty();
        d.end(records);
        assertThat(out).containsExactly("<13>only part");
    }

    @Test
    void lineFraming_longLineArrivingInPieces_isCutAtCharacterBoundaries() {
        LineFramingDecoder d = new LineFramingDecoder(new FramingText(5, "p", stats));
        byte[] b = "abcdé€fgh\n".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            d.decode(ByteBuffer.wrap(b, i, 1).slice(), records);
        }
        assertThat(out).containsExactly("abcd", "é€", "fgh");
        assertThat(ctx.counter("invalid_utf8_records")).isZero();
    }

    @Test
    void framingBudget_whenSpent_cutsRecordsInsteadOfHoldingMore_andRecoversWhenReleased() {
        FramingBudget budget = new FramingBudget(600);
        LineFramingDecoder a = new LineFramingDecoder(new FramingText(1000, "a:1", stats, budget));
        LineFramingDecoder b = new LineFramingDecoder(new FramingText(1000, "b:2", stats, budget));
        a.decode(ByteBuffer.wrap("A".repeat(500).getBytes(StandardCharsets.US_ASCII)), records);
        assertThat(out).as("a holds its incomplete line").isEmpty();
        assertThat(budget.used()).isLessThanOrEqualTo(600);
        b.decode(ByteBuffer.wrap("B".repeat(500).getBytes(StandardCharsets.US_ASCII)), records);
        assertThat(out).as("b could not hold it: posted as it came").containsExactly("B".repeat(500));
        assertThat(budget.used()).isLessThanOrEqualTo(600);
        assertThat(ctx.logged()).anyMatch(l -> l.startsWith("WARN") && l.contains("b:2")
                && l.contains("cut into pieces instead of held"));
        a.decode(ByteBuffer.wrap("A\n".getBytes(StandardCharsets.US_ASCII)), records);
        assertThat(out).last().isEqualTo("A".repeat(501));
        a.release();
        b.decode(ByteBuffer.wrap("BB".getBytes(StandardCharsets.US_ASCII)), records);
        b.decode(ByteBuffer.wrap("B\n".getBytes(StandardCharsets.US_ASCII)), records);
        assertThat(out).last().as("with budget back, b holds again").isEqualTo("BBB");
        b.release();
        assertThat(budget.used()).isZero();
    }

    @Test
    void lineFraming_keepsEmptyLinesAndStripsCr_splitsLongLinesAtUtf8Boundaries() {
        LineFramingDecoder d = new LineFramingDecoder(new FramingText(5, "p", stats));
        byte[] b = "a\r\n\nabcdéfgh\nlast".getBytes(StandardCharsets.UTF_8);
        d.decode(ByteBuffer.wrap(b), records);
        d.end(records);
        assertThat(out).containsExactly("a", "", "abcd", "éfgh", "last");
        assertThat(String.join("", out.subList(2, 4))).isEqualTo("abcdéfgh");
    }

}
