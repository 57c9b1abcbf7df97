package io.logship.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logship.api.ConfigException;
import io.logship.api.Event;
import io.logship.testkit.TestConfig;
import io.logship.testkit.TestModuleContext;
import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UdsOutputTest {
    @TempDir
    Path dir;

    @Test
    void stream_sendsLinesInOrder_toAUnixSocket() throws Exception {
        Path sock = dir.resolve("log.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 5_000; i++) {
                expected.append("line ").append(i).append('\n');
            }
            CompletableFuture<String> got = CompletableFuture.supplyAsync(() -> {
                try (SocketChannel c = server.accept()) {
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
                    while (b.size() < expected.length() && c.read(buf) >= 0) {
                        b.write(buf.array(), 0, buf.position());
                        buf.clear();
                    }
                    return b.toString(StandardCharsets.UTF_8);
                } catch (Exception e) {
                    return e.toString();
                }
            });
            TestModuleContext ctx = new TestModuleContext("om_uds", "uds", dir);
            TcpOutput out = (TcpOutput) TestConfig.create(new UdsOutputProvider(), "uds", dir, "UDS", sock.toString(),
                    "UDSType", "stream");
            out.start(ctx);
            try {
                for (int i = 0; i < 5_000; i++) {
                    out.write(Event.ofRaw("line " + i));
                }
                out.flush();
                assertEquals(expected.toString(), got.get(10, TimeUnit.SECONDS));
                assertTrue(ctx.logged().contains("INFO om_uds uds: connected to " + sock), ctx.logged().toString());
            } finally {
                out.stop();
            }
        }
    }

    @Test
    void dgram_isRefusedAtConfigTime_sayingWhy() {
        ConfigException e = assertThrows(ConfigException.class, () -> TestConfig.create(new UdsOutputProvider(),
                "uds", dir, "UDSType", "dgram"));
        assertTrue(e.getMessage().contains("test.conf:1: uds: UDSType: dgram is not available: Java (JDK 17 to 25) "
                + "has no Unix domain datagram sockets"), e.getMessage());
    }
}
