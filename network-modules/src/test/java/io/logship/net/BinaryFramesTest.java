package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.Event;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryFramesTest {
    private final List<Long> sequences = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final List<String> malformed = new ArrayList<>();
    private final BinaryFrameDecoder.Sink sink = new BinaryFrameDecoder.Sink() {
        @Override
        public void frame(long sequence, Event event) {
            sequences.add(sequence);
            events.add(event);
        }

        @Override
        public void malformed(long sequence, String reason) {
            malformed.add(sequence + ": " + reason);
        }
    };

    static Event everyType() throws Exception {
        return new Event()
                .set("raw_event", "<13>1 2026-12-04T18:00:00Z h app - - - ünïcödé \u0000 line\nbreak")
                .set("Empty", "")
                .set("Severity", 5L)
                .set("Min", Long.MIN_VALUE)
                .set("Max", Long.MAX_VALUE)
                .set("Yes", true)
                .set("No", false)
                .set("Ratio", 0.1)
                .set("NegZero", -0.0)
                .set("NaN", Double.NaN)
                .set("Inf", Double.NEGATIVE_INFINITY)
                .set("EventTime", Instant.parse("2026-12-04T18:00:00.123456789Z"))
                .set("Before1970", Instant.parse("1969-07-20T20:17:40.5Z"))
                .set("Blob", new byte[] {0, 1, (byte) 0xff, '\n', 0})
                .set("NoBytes", new byte[0])
                .set("MessageSourceAddress", InetAddress.getByName("192.0.2.7"))
                .set("V6", InetAddress.getByName("2001:db8::1"))
                .set("ñame wïth spaces", "x");
    }

    private void decode(BinaryFrameDecoder d, byte[] b) throws Exception {
        d.feed(b, 0, b.length, sink);
    }

    private static void assertSameFields(Event actual, Event expected) {
        assertThat(actual.fieldNames()).containsExactlyElementsOf(expected.fieldNames());
        for (Map.Entry<String, Object> f : expected.fields().entrySet()) {
            Object got = actual.get(f.getKey());
            assertThat(Event.typeName(got)).as(f.getKey()).isEqualTo(Event.typeName(f.getValue()));
            if (f.getValue() instanceof byte[] b) {
                assertThat((byte[]) got).as(f.getKey()).containsExactly(b);
            } else if (f.getValue() instanceof Double d) {
                assertThat(Double.doubleToRawLongBits((Double) got)).as(f.getKey())
                        .isEqualTo(Double.doubleToRawLongBits(d));
            } else {
                assertThat(got).as(f.getKey()).isEqualTo(f.getValue());
            }
        }
    }

    @Test
    void roundTrip_everyFieldType_keepsValueTypeAndOrder() throws Exception {
        Event e = everyType();
        decode(new BinaryFrameDecoder("p:1", 1 << 20), BinaryFrames.encode(42, e));
        assertThat(sequences).containsExactly(42L);
        assertSameFields(events.get(0), e);
        assertThat(malformed).isEmpty();
    }

    @Test
    void roundTrip_emptyEvent() throws Exception {
        byte[] f = BinaryFrames.encode(1, new Event());
        assertThat(f).hasSize(BinaryFrames.HEADER + 3);
        decode(new BinaryFrameDecoder("p:1", 1024), f);
        assertThat(events).singleElement().satisfies(ev -> assertThat(ev.size()).isZero());
    }

    @Test
    void encode_layoutIsTheDocumentedOne() {
        byte[] f = BinaryFrames.encode(7, new Event().set("a", 1L));
        ByteBuffer b = ByteBuffer.wrap(f);
        assertThat(b.getInt()).isEqualTo(f.length - 4);
        assertThat(b.getLong()).isEqualTo(7);
        assertThat(b.get()).isEqualTo((byte) 1); // version
        assertThat(b.getShort()).isEqualTo((short) 1); // one field
        assertThat(b.getShort()).isEqualTo((short) 1); // name length
        assertThat(b.get()).isEqualTo((byte) 'a');
        assertThat(b.get()).isEqualTo(BinaryFrames.INTEGER);
        assertThat(b.getLong()).isEqualTo(1L);
        assertThat(b.hasRemaining()).isFalse();
        assertThat(BinaryFrames.sequenceOf(f)).isEqualTo(7);
        assertThat(BinaryFrames.ack(0x0102030405060708L)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void streamSplitAtEveryOffset_sameEvents() throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        Event a = everyType();
        Event b = Event.ofRaw("second").set("n", 2L);
        all.write(BinaryFrames.encode(1, a));
        all.write(BinaryFrames.encode(2, b));
        byte[] bytes = all.toByteArray();
        for (int cut = 0; cut <= bytes.length; cut++) {
            events.clear();
            sequences.clear();
            BinaryFrameDecoder d = new BinaryFrameDecoder("p:1", 1 << 20);
            d.feed(bytes, 0, cut, sink);
            d.feed(bytes, cut, bytes.length - cut, sink);
            // re-encoding is byte-equal only when every name, type and value (float bits included) came back
            if (!sequences.equals(List.of(1L, 2L)) || !d.idle()
                    || !java.util.Arrays.equals(BinaryFrames.encode(1, events.get(0)), BinaryFrames.encode(1, a))
                    || !java.util.Arrays.equals(BinaryFrames.encode(2, events.get(1)), BinaryFrames.encode(2, b))) {
                throw new AssertionError("cut at " + cut + ": " + sequences + " " + events);
            }
        }
        assertSameFields(events.get(0), a);
    }

    @Test
    void partialFrame_heldUntilComplete() throws Exception {
        byte[] f = BinaryFrames.encode(1, Event.ofRaw("x"));
        BinaryFrameDecoder d = new BinaryFrameDecoder("p:1", 1024);
        for (int i = 0; i < f.length - 1; i++) {
            d.feed(f, i, 1, sink);
        }
        assertThat(events).isEmpty();
        assertThat(d.idle()).isFalse();
        d.feed(f, f.length - 1, 1, sink);
        assertThat(events).hasSize(1);
    }

    @Test
    void syslogText_isAGarbageLength_overTheLimit() {
        BinaryFrameDecoder d = new BinaryFrameDecoder("10.0.0.5:40412", 1 << 20);
        assertThatThrownBy(() -> decode(d, "<13>1 2026-12-04T18:00:00Z host app - - - hello\n"
                .getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(BinaryFrameException.class)
                .hasMessage("10.0.0.5:40412: not a Binary frame at stream offset 0: frame length 1009857342 is over "
                        + "the limit of 1048576 octets (is the sender using OutputType Binary?)");
        assertThatThrownBy(() -> decode(d, BinaryFrames.encode(1, new Event())))
                .hasMessage("10.0.0.5:40412: Binary stream already broken");
    }

    @Test
    void lengthUnderTheMinimum_andSequenceNotGrowing_breakTheStreamAfterGoodFrames() throws Exception {
        BinaryFrameDecoder d = new BinaryFrameDecoder("p:1", 1024);
        byte[] good = BinaryFrames.encode(5, Event.ofRaw("ok"));
        decode(d, good);
        assertThatThrownBy(() -> decode(d, BinaryFrames.encode(5, Event.ofRaw("again"))))
                .hasMessage("p:1: not a Binary frame at stream offset " + good.length
                        + ": sequence number 5 after 5 (sequence numbers must grow)");
        BinaryFrameDecoder d2 = new BinaryFrameDecoder("p:1", 1024);
        assertThatThrownBy(() -> decode(d2, ByteBuffer.allocate(12).putInt(3).putLong(1).array()))
                .hasMessageContaining("frame length 3 is under the minimum of 11");
        assertThat(events).hasSize(1);
    }

    @Test
    void badPayloads_onlyThatFrameIsLost_theNextIsRead() throws Exception {
        BinaryFrameDecoder d = new BinaryFrameDecoder("p:1", 1024);
        decode(d, withPayload(1, new byte[] {9, 0, 0}));                                  // version 9
        decode(d, withPayload(2, new byte[] {1, 0, 1, 0, 1, 'a', 42}));                   // tag 42
        decode(d, withPayload(3, new byte[] {1, 0, 1, 0, 1, 'a', 1, 0, 0, 0, 2, (byte) 0xc3, 0x28})); // bad UTF-8
        decode(d, withPayload(4, new byte[] {1, 0, 0, 7}));                               // octet left over
        decode(d, withPayload(5, new byte[] {1, 0, 1, 0, 1, 'a', 1, 0, 0, 0, 99, 'x'}));  // string past the end
        decode(d, withPayload(6, new byte[] {1, 0, 1, 0, 1, 'a', 3, 2}));                 // boolean 2
        decode(d, withPayload(7, new byte[] {1, 0, 2, 0, 1, 'a', 2, 0, 0, 0, 0, 0, 0, 0, 1})); // 2 fields, 1 there
        decode(d, BinaryFrames.encode(8, Event.ofRaw("fine")));
        assertThat(malformed).containsExactly(
                "1: p:1: Binary frame 1 skipped: unknown version 9 (this receiver reads version 1)",
                "2: p:1: Binary frame 2 skipped: field a has unknown type tag 42",
                "3: p:1: Binary frame 3 skipped: string a is not valid UTF-8",
                "4: p:1: Binary frame 4 skipped: 1 octet(s) after the last of 0 field(s)",
                "5: p:1: Binary frame 5 skipped: field a claims 99 octets, 1 left in the frame",
                "6: p:1: Binary frame 6 skipped: boolean a is 2, not 0 or 1",
                "7: p:1: Binary frame 7 skipped: field name length runs past the end of the frame");
        assertThat(sequences).containsExactly(8L);
        assertThat(events.get(0).raw()).isEqualTo("fine");
    }

    @Test
    void ackReader_partialAcks_cumulative_andBadAcksBreakTheStream() throws Exception {
        BinaryAckReader r = new BinaryAckReader("p:1", 0);
        byte[] acks = new byte[16];
        System.arraycopy(BinaryFrames.ack(3), 0, acks, 0, 8);
        System.arraycopy(BinaryFrames.ack(9), 0, acks, 8, 8);
        assertThat(r.feed(acks, 0, 5, 10)).isZero();
        assertThat(r.feed(acks, 5, 6, 10)).isEqualTo(3);
        assertThat(r.feed(acks, 11, 5, 10)).isEqualTo(9);
        assertThatThrownBy(() -> r.feed(BinaryFrames.ack(11), 0, 8, 10)).isInstanceOf(BinaryFrameException.class)
                .hasMessage("p:1: acknowledgement of sequence number 11, but only up to 10 was sent (is the receiver "
                        + "using InputType Binary?)");
        BinaryAckReader back = new BinaryAckReader("p:1", 5);
        assertThatThrownBy(() -> back.feed(BinaryFrames.ack(4), 0, 8, 10))
                .hasMessageContaining("acknowledgement of sequence number 4 after 5");
    }

    @Test
    void encode_nameTooLong_saysWhy() {
        assertThatThrownBy(() -> BinaryFrames.encode(1, new Event().set("x".repeat(70_000), 1L)))
                .hasMessageContaining("field name of 70000 octets");
    }

    private static byte[] withPayload(long seq, byte[] payload) {
        return ByteBuffer.allocate(12 + payload.length).putInt(8 + payload.length).putLong(seq).put(payload).array();
    }
}
