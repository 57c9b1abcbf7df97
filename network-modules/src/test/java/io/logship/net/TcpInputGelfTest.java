package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;

import biz.paluch.logging.gelf.GelfMessageBuilder;
import biz.paluch.logging.gelf.intern.GelfMessage;
import io.logship.api.Event;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NXLog's InputType GELF on im_udp and im_tcp, with xm_gelf's reader, fed by an independent GELF sender. */
class TcpInputGelfTest {
    @TempDir
    Path tmp;

    private static GelfMessage message(String full, int maxSize) {
        GelfMessage m = GelfMessageBuilder.newInstance().withHost("app-host").withShortMessage("short one")
                .withFullMessage(full).withJavaTimestamp(1_700_000_000_123L).withLevel("3")
                .withField("user_id", "9001").withMaximumMessageSize(maxSize).build();
        m.setVersion(GelfMessage.GELF_VERSION_1_1);
        return m;
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    private static void assertGelf(Event e, String full) {
        assertThat(e.get("ShortMessage")).isEqualTo("short one");
        assertThat(e.get("FullMessage")).isEqualTo(full);
        assertThat(e.get("user_id")).isEqualTo(9001L);
        assertThat(e.getString("MessageSourceAddress")).isEqualTo("127.0.0.1");
    }

    @Test
    void imUdpInputTypeGelf_reassemblesShuffledChunkedMessages() throws Exception {
        Random r = new Random(5);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        String full = sb.toString();
        List<ByteBuffer> chunks = new ArrayList<>(Arrays.asList(message(full, 1200).toUDPBuffers()));
        assertThat(chunks.size()).isGreaterThan(5);
        Collections.shuffle(chunks, new Random(2));
        try (TcpInputHarness h = new TcpInputHarness(new UdpInputProvider(), tmp, "ListenAddr", "127.0.0.1:0",
                "InputType", "GELF").start().startReading(); DatagramSocket s = new DatagramSocket()) {
            for (ByteBuffer c : chunks) {
                byte[] d = bytes(c);
                s.send(new DatagramPacket(d, d.length, InetAddress.getLoopbackAddress(), h.port()));
            }
            byte[] small = bytes(message("small", 8192).toUDPBuffers()[0]);
            s.send(new DatagramPacket(small, small.length, InetAddress.getLoopbackAddress(), h.port()));
            h.awaitEvents(2);
            List<Event> got = h.events();
            assertThat(got).hasSize(2);
            assertGelf(got.stream().filter(e -> "small".equals(e.get("FullMessage"))).findFirst().orElseThrow(),
                    "small");
            assertGelf(got.stream().filter(e -> full.equals(e.get("FullMessage"))).findFirst().orElseThrow(), full);
        }
    }

    @Test
    void imTcpInputTypeGelf_splitsNulTerminatedMessages() throws Exception {
        try (TcpInputHarness h = new TcpInputHarness(new TcpInputProvider(), tmp, "ListenAddr", "127.0.0.1:0",
                "InputType", "GELF").start().startReading(); Socket s = h.connect()) {
            for (int i = 0; i < 3; i++) {
                s.getOutputStream().write(bytes(message("tcp " + i, 8192).toTCPBuffer()));
            }
            s.getOutputStream().flush();
            h.awaitEvents(3);
            for (int i = 0; i < 3; i++) {
                assertGelf(h.events().get(i), "tcp " + i);
            }
            assertThat(h.warnings()).isEmpty();
        }
    }
}
