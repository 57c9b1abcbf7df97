package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;

import biz.paluch.logging.gelf.GelfMessageBuilder;
import biz.paluch.logging.gelf.intern.GelfMessage;
import io.logship.api.Event;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages from an independent GELF implementation (logstash-gelf, as Java applications send them) read by xm_gelf. */
class GelfInteropTest {
    @TempDir
    Path tmp;

    private static GelfMessage message(String full, int maxSize) {
        GelfMessage m = GelfMessageBuilder.newInstance().withHost("app-host").withShortMessage("short one")
                .withFullMessage(full).withJavaTimestamp(1_700_000_000_123L).withLevel("3").withFacility("java")
                .withField("user_id", "9001").withField("request", "GET /x").withMaximumMessageSize(maxSize).build();
        m.setVersion(GelfMessage.GELF_VERSION_1_1);
        return m;
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    private static void assertFields(Event e, String full) {
        assertThat(e.get("Hostname")).isEqualTo("app-host");
        assertThat(e.get("ShortMessage")).isEqualTo("short one");
        assertThat(e.get("FullMessage")).isEqualTo(full);
        assertThat(e.get("EventTime")).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(e.get("SyslogSeverityValue")).isEqualTo(3L);
        assertThat(e.get("SyslogFacility")).isEqualTo("java");
        assertThat(e.get("user_id")).isEqualTo(9001L);
        assertThat(e.get("request")).isEqualTo("GET /x");
    }

    @Test
    void udp_chunkedGzipFromLogstashGelf_isReassembledInAnyOrder() throws Exception {
        Random r = new Random(11);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        String full = sb.toString();
        List<ByteBuffer> chunks = new ArrayList<>(Arrays.asList(message(full, 1200).toUDPBuffers()));
        assertThat(chunks.size()).isGreaterThan(10);
        Collections.shuffle(chunks, new Random(3));
        XmGelf gelf = GelfFixtures.started(tmp, GelfFixtures.context(tmp));
        DatagramInputType.Decoder decoder = gelf.open("udp");
        List<Event> events = new ArrayList<>();
        for (ByteBuffer c : chunks) {
            byte[] d = bytes(c);
            decoder.datagram(d, 0, d.length, "127.0.0.1:9").ifPresent(events::add);
        }
        assertThat(events).hasSize(1);
        assertFields(events.get(0), full);
    }

    @Test
    void udp_smallMessageFromLogstashGelf_isOneDatagram() throws Exception {
        ByteBuffer[] one = message("small", 8192).toUDPBuffers();
        assertThat(one).hasSize(1);
        XmGelf gelf = GelfFixtures.started(tmp, GelfFixtures.context(tmp));
        byte[] d = bytes(one[0]);
        Optional<Event> e = gelf.open("udp").datagram(d, 0, d.length, "p");
        assertThat(e).isPresent();
        assertFields(e.get(), "small");
    }

    @Test
    void tcp_nulTerminatedJsonFromLogstashGelf_isOneRecord() throws Exception {
        byte[] frame = bytes(message("over tcp", 8192).toTCPBuffer());
        XmGelf gelf = GelfFixtures.started(tmp, GelfFixtures.context(tmp));
        assertThat(frame[frame.length - 1]).isEqualTo(gelf.delimiter());
        assertFields(gelf.record(frame, 0, frame.length - 1, "p"), "over tcp");
    }
}
