package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.host.config.ModuleConfigs;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UdsInputTest {
    private final UdsInputProvider provider = new UdsInputProvider();
    @TempDir
    Path tmp;

    private static void send(SocketChannel ch, String text) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    @Test
    void streamConnections_onTheConfiguredPath_postTheirLines_andTheSocketFileGoesAtStop() throws Exception {
        Path sock = tmp.resolve("log.sock");
        TcpInputHarness h = new TcpInputHarness(provider, tmp, "UDS", sock.toString(), "InputType", "Syslog_TLS")
                .start().startReading();
        try (SocketChannel a = SocketChannel.open(UnixDomainSocketAddress.of(sock));
             SocketChannel b = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
            send(a, "<13>from a\n");
            send(b, "10 <14>from b");
            h.awaitEvents(2);
            assertThat(h.raws()).containsExactlyInAnyOrder("<13>from a", "<14>from b");
            assertThat(h.events()).allSatisfy(e -> assertThat(e.has("MessageSourceAddress")).isFalse());
            send(b, "-1 x");
            Await.until("the framing warning", () -> !h.warnings().isEmpty());
            assertThat(h.warnings()).singleElement().asString().contains(sock + "#");
        } finally {
            h.close();
        }
        assertThat(sock).doesNotExist();
    }

    @Test
    void start_replacesAStaleSocketFile_butRefusesOneInUse() throws Exception {
        Path sock = tmp.resolve("stale.sock");
        ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        old.bind(UnixDomainSocketAddress.of(sock));
        TcpInputHarness busy = new TcpInputHarness(provider, tmp, "UDS", sock.toString());
        assertThatThrownBy(busy::start).hasMessageContaining("cannot listen on the Unix domain socket " + sock)
                .hasMessageContaining("another process is listening on it");
        old.close(); // the socket file stays behind, as after a crash
        assertThat(sock).exists();
        try (TcpInputHarness h = new TcpInputHarness(provider, tmp, "UDS", sock.toString()).start().startReading();
             SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
            send(c, "after the stale one\n");
            h.awaitEvents(1);
            assertThat(h.raws()).containsExactly("after the stale one");
            assertThat(h.ctx.logged()).anyMatch(l -> l.contains("removed the stale socket file " + sock));
        }
        Path file = Files.writeString(tmp.resolve("plain.txt"), "not a socket");
        TcpInputHarness notSocket = new TcpInputHarness(provider, tmp, "UDS", file.toString());
        assertThatThrownBy(notSocket::start).hasMessageContaining("is not a socket");
        assertThat(file).hasContent("not a socket");
    }

    @Test
    void udsTypeDgram_isRefusedAtConfigTime_withTheReason() {
        assertThatThrownBy(() -> provider.create(ModuleConfigs.of(provider, "in", tmp, tmp, tmp, "UDSType", "dgram")))
                .hasMessageContaining("UDSType: dgram is not supported: the JDK has no Unix domain datagram sockets");
    }
}
