package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.Event;
import io.logship.host.config.ModuleConfigs;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UdpInputTest {
    private final UdpInputProvider provider = new UdpInputProvider();
    @TempDir
    Path tmp;

    private static void send(DatagramSocket s, int port, byte[] payload) throws Exception {
        s.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));
    }

    @Test
    void eachDatagram_isOneEvent_withMessageSourceAddress_trailingLfRemoved_invalidUtf8Counted() throws Exception {
        try (TcpInputHarness h = new TcpInputHarness(provider, tmp, "ListenAddr", "127.0.0.1:0",
                "SockBufSize", "1M").start().startReading(); DatagramSocket s = new DatagramSocket()) {
            int port = h.port();
            send(s, port, "<13>one\n".getBytes(StandardCharsets.US_ASCII));
            send(s, port, "<13>two\nlines\r\n".getBytes(StandardCharsets.US_ASCII));
            send(s, port, new byte[] {'<', '1', '>', (byte) 0xFF, 'x'});
            h.awaitEvents(3);
            assertThat(h.raws()).containsExactly("<13>one", "<13>two\nlines", "<1>\uFFFDx");
            assertThat(h.events()).allSatisfy(e ->
                    assertThat(e.getString("MessageSourceAddress")).isEqualTo("127.0.0.1"));
            assertThat(h.ctx.counter("invalid_utf8_records")).isEqualTo(1);
            assertThat(h.warnings()).singleElement().asString().contains("127.0.0.1:" + s.getLocalPort());
            for (int i = 0; i < 1000; i++) {
                send(s, port, ("<13>n " + i).getBytes(StandardCharsets.US_ASCII));
            }
            h.awaitEvents(1003);
            assertThat(h.raws().subList(3, 1003)).startsWith("<13>n 0").endsWith("<13>n 999");
        }
    }

    @Test
    void datagramInputType_extension_decodesAndReassembles_andWarnsAboutMalformedDatagrams() throws Exception {
        // "id/part/count:text": parts of one message joined when all came, like GELF chunks
        DatagramInputType chunks = source -> new DatagramInputType.Decoder() {
            private final Map<String, StringBuilder> partial = new HashMap<>();

            @Override
            public Optional<Event> datagram(byte[] data, int offset, int length, String peer) {
                String s = new String(data, offset, length, StandardCharsets.UTF_8);
                String[] head = s.split(":", 2);
                String[] idx = head[0].split("/");
                if (head.length != 2 || idx.length != 3) {
                    throw new IllegalArgumentException("not a chunk header");
                }
                StringBuilder b = partial.computeIfAbsent(idx[0], k -> new StringBuilder()).append(head[1]);
                if (!idx[1].equals(idx[2])) {
                    return Optional.empty();
                }
                partial.remove(idx[0]);
                return Optional.of(Event.ofRaw(b.toString()).set("short_message", b.toString()));
            }
        };
        try (TcpInputHarness h = new TcpInputHarness(provider, tmp, "ListenAddr", "127.0.0.1:0", "InputType", "gelf")
                .addExtension("gelf", "xm_gelf", chunks).start().startReading();
             DatagramSocket s = new DatagramSocket()) {
            send(s, h.port(), "7/1/2:hello ".getBytes(StandardCharsets.UTF_8));
            send(s, h.port(), "garbage".getBytes(StandardCharsets.UTF_8));
            send(s, h.port(), "7/2/2:world".getBytes(StandardCharsets.UTF_8));
            h.awaitEvents(1);
            assertThat(h.raws()).containsExactly("hello world");
            assertThat(h.events().get(0).getString("MessageSourceAddress")).isEqualTo("127.0.0.1");
            assertThat(h.ctx.counter("records_rejected")).isEqualTo(1);
            assertThat(h.warnings()).anyMatch(w -> w.contains("not a chunk header"));
        }
    }

    @Test
    void config_streamFramings_andMissingExtension_areRefused() throws Exception {
        assertThatThrownBy(() -> provider.create(ModuleConfigs.of(provider, "in", tmp, tmp, tmp, "InputType",
                "LineBased"))).hasMessageContaining("InputType: LineBased is a stream framing");
        TcpInputHarness h = new TcpInputHarness(provider, tmp, "ListenAddr", "127.0.0.1:0", "InputType", "nosuch");
        assertThatThrownBy(h::start).hasMessageContaining("InputType: there is no <Extension nosuch>");
    }
}
