package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.Event;
import io.logship.testkit.FakeClock;
import io.logship.testkit.TestModuleContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GELF over datagrams: GELF_UDP's chunks read back by InputType GELF, and every kind of bad datagram. */
class GelfDatagramTest {
    @TempDir
    Path tmp;
    private TestModuleContext ctx;
    private FakeClock clock;
    private XmGelf gelf;
    private DatagramInputType.Decoder decoder;

    @BeforeEach
    void setUp() throws Exception {
        ctx = GelfFixtures.context(tmp);
        clock = new FakeClock(GelfFixtures.NOW);
        ctx.setClock(clock);
        gelf = GelfFixtures.started(tmp, ctx);
        decoder = gelf.open("udp:12201");
    }

    /** A message that compresses badly, so it needs many chunks. */
    private static String noise(int n, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('!' + r.nextInt(90)));
        }
        return sb.toString();
    }

    private Optional<Event> feed(byte[] d) {
        return decoder.datagram(d, 0, d.length, "10.0.0.1:5000");
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void gelfUdp_overTheLimit_isChunkedAndReassembledInAnyOrder() {
        String message = noise(20_000, 1);
        List<byte[]> chunks = new ArrayList<>(gelf.outputType("GELF_UDP").datagrams(
                Event.ofRaw("r").set("Message", message).set("Hostname", "h"), 1000));
        assertThat(chunks.size()).isBetween(17, 128);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.length).isLessThanOrEqualTo(1000);
            assertThat(c[0]).isEqualTo((byte) 0x1e);
            assertThat(c[1]).isEqualTo((byte) 0x0f);
            assertThat(c[11] & 0xff).isEqualTo(chunks.size());
        });
        assertThat(chunks).extracting(c -> java.util.Arrays.copyOfRange(c, 2, 10))
                .allSatisfy(id -> assertThat(id).isEqualTo(java.util.Arrays.copyOfRange(chunks.get(0), 2, 10)));
        Collections.shuffle(chunks, new Random(7));
        List<Event> out = new ArrayList<>();
        for (byte[] c : chunks) {
            feed(c).ifPresent(out::add);
        }
        assertThat(out).hasSize(1);
        assertThat(out.get(0).get("FullMessage")).isEqualTo(message);
        assertThat(out.get(0).get("Message")).isEqualTo(message);
        assertThat(gelf.outputType("GELF_UDP").datagrams(Event.ofRaw("small"), 1000)).hasSize(1);
    }

    @Test
    void gelfTcp_asDatagrams_isUncompressedJsonChunkedTheSameWay() {
        String message = noise(5000, 2);
        List<byte[]> chunks = gelf.outputType("gelf_tcp").datagrams(Event.ofRaw(message), 600);
        assertThat(chunks.size()).isGreaterThan(8);
        Optional<Event> last = Optional.empty();
        for (byte[] c : chunks) {
            last = feed(c);
        }
        assertThat(last).isPresent();
        assertThat(last.get().get("FullMessage")).isEqualTo(message);
    }

    @Test
    void chunks_twoMessagesInterleaved_bothComplete() {
        List<byte[]> a = gelf.datagrams(Event.ofRaw(noise(3000, 3)), 500);
        List<byte[]> b = gelf.datagrams(Event.ofRaw(noise(3000, 4)), 500);
        List<String> done = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                feed(a.get(i)).ifPresent(e -> done.add("a"));
            }
            if (i < b.size()) {
                feed(b.get(i)).ifPresent(e -> done.add("b"));
            }
        }
        assertThat(done).containsExactlyInAnyOrder("a", "b");
        assertThat(((GelfDatagramDecoder) decoder).reassembler().pending()).isZero();
    }

    @Test
    void chunks_duplicated_areIgnoredAndCounted() {
        List<byte[]> chunks = gelf.datagrams(Event.ofRaw(noise(3000, 5)), 500);
        int events = 0;
        for (int i = 0; i < chunks.size() - 1; i++) {
            events += feed(chunks.get(i)).isPresent() ? 1 : 0;
            events += feed(chunks.get(i)).isPresent() ? 1 : 0;
        }
        assertThat(events).isZero();
        assertThat(feed(chunks.get(chunks.size() - 1))).isPresent();
        assertThat(ctx.counter("gelf.duplicate_chunks")).isEqualTo(chunks.size() - 1);
        assertThat(feed(chunks.get(0))).as("a late duplicate starts a new message, which then times out").isEmpty();
    }

    @Test
    void chunks_tooMany_areRefusedWhenWritingAndReading() {
        assertThatThrownBy(() -> gelf.datagrams(Event.ofRaw(noise(20_000, 6)), 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GELF allows at most 128");
        byte[] bad = chunk(1L, 0, 129, "x");
        assertThatThrownBy(() -> feed(bad)).hasMessageContaining("has 129 chunks (1 to 128 allowed)");
        assertThatThrownBy(() -> feed(chunk(1L, 3, 3, "x"))).hasMessageContaining("sequence number 3");
        assertThatThrownBy(() -> feed(chunk(1L, 0, 0, "x"))).hasMessageContaining("has 0 chunks");
        assertThatThrownBy(() -> feed(new byte[] {0x1e, 0x0f, 1, 2})).hasMessageContaining("shorter than its");
    }

    @Test
    void chunks_countChangingWithinAMessage_isRefusedAndTheMessageStillCompletes() {
        byte[] first = chunk(9L, 0, 2, "{\"short_message\":");
        assertThat(feed(first)).isEmpty();
        assertThatThrownBy(() -> feed(chunk(9L, 1, 3, "\"x\"}"))).hasMessageContaining("the earlier ones said 2");
        assertThat(feed(chunk(9L, 1, 2, "\"x\"}"))).hasValueSatisfying(e ->
                assertThat(e.get("Message")).isEqualTo("x"));
    }

    @Test
    void chunks_notAllArrivingInTime_areDroppedWithOneWarningAndCounted() {
        assertThat(feed(chunk(1L, 0, 2, "{\"short_message\":"))).isEmpty();
        assertThat(feed(chunk(2L, 0, 2, "{\"short_message\":"))).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        assertThat(feed(json("{\"short_message\":\"a whole one\"}"))).isPresent();
        assertThat(((GelfDatagramDecoder) decoder).reassembler().pending()).isZero();
        assertThat(ctx.counter("gelf.incomplete_messages")).isEqualTo(2);
        assertThat(ctx.logged()).filteredOn(l -> l.contains("dropped with 1 of its 2 chunks")).hasSize(1)
                .allMatch(l -> l.startsWith("WARN") && l.contains("udp:12201") && l.contains("10.0.0.1:5000")
                        && l.contains("0000000000000001") && l.contains("within 5000 ms"));
        assertThat(feed(chunk(1L, 1, 2, "\"late\"}"))).as("the rest of a dropped message starts anew").isEmpty();
    }

    @Test
    void chunks_heldBytes_areBoundedDroppingTheOldestMessage() {
        GelfReassembler r = new GelfReassembler(clock, Duration.ofSeconds(5), 10_000,
                (peer, id, got, count, why) -> ctx.metrics().counter("dropped").increment(),
                ctx.metrics().counter("dup"));
        for (long id = 0; id < 30; id++) {
            byte[] c = chunk(id, 0, 2, "y".repeat(1000));
            assertThat(r.chunk(c, 0, c.length, "p")).isNull();
            assertThat(r.heldBytes()).isLessThanOrEqualTo(10_000);
        }
        assertThat(r.pending()).isEqualTo(10);
        assertThat(ctx.counter("dropped")).isEqualTo(20);
    }

    @Test
    void datagram_plainGzipAndZlib_allRead() throws Exception {
        byte[] plain = json(" {\"short_message\":\"plain\"}");
        assertThat(feed(plain)).hasValueSatisfying(e -> assertThat(e.get("Message")).isEqualTo("plain"));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(json("{\"short_message\":\"gzipped\"}"));
        }
        assertThat(feed(gz.toByteArray())).hasValueSatisfying(e -> assertThat(e.get("Message")).isEqualTo("gzipped"));
        byte[] z = GelfCompression.zlib(json("{\"short_message\":\"zlib\"}"));
        assertThat(feed(z)).hasValueSatisfying(e -> assertThat(e.get("Message")).isEqualTo("zlib"));
        List<byte[]> gzChunks = GelfChunker.datagrams(gz.toByteArray(), 20);
        assertThat(gzChunks.size()).isGreaterThan(2);
        Optional<Event> last = Optional.empty();
        for (byte[] c : gzChunks) {
            last = feed(c);
        }
        assertThat(last).hasValueSatisfying(e -> assertThat(e.get("Message")).isEqualTo("gzipped"));
    }

    @Test
    void datagram_garbage_isRefusedNamingWhatItStartsWith() {
        assertThatThrownBy(() -> feed(json("hello"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starts with 68 65 6c 6c").hasMessageNotContaining("hello");
        assertThatThrownBy(() -> feed(new byte[0])).hasMessageContaining("empty payload");
        byte[] z = GelfCompression.zlib(json("{\"short_message\":\"zlib\"}"));
        byte[] cut = java.util.Arrays.copyOf(z, z.length - 6);
        assertThatThrownBy(() -> feed(cut)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zlib payload");
        byte[] corrupt = z.clone();
        corrupt[4] ^= (byte) 0xff;
        corrupt[5] ^= (byte) 0xff;
        assertThatThrownBy(() -> feed(corrupt)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zlib payload");
        assertThat(feed(json("{\"short_message\":\"after garbage\"}"))).isPresent();
    }

    @Test
    void datagram_decompressionBomb_isRefusedAtTheLimit() {
        byte[] big = new byte[GelfCompression.MAX_DECOMPRESSED + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        byte[] z = GelfCompression.zlib(big);
        assertThat(z.length).isLessThan(65_000);
        assertThatThrownBy(() -> feed(z)).hasMessageContaining("decompresses to more than 8388608 bytes");
    }

    /** A chunk with the given header fields and text as its slice. */
    private static byte[] chunk(long id, int seq, int count, String body) {
        byte[] b = json(body);
        byte[] d = new byte[12 + b.length];
        d[0] = 0x1e;
        d[1] = 0x0f;
        for (int i = 0; i < 8; i++) {
            d[2 + i] = (byte) (id >>> (56 - 8 * i));
        }
        d[10] = (byte) seq;
        d[11] = (byte) count;
        System.arraycopy(b, 0, d, 12, b.length);
        return d;
    }
}
