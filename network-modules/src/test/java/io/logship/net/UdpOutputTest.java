package io.logship.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logship.api.ConfigException;
import io.logship.api.Event;
import io.logship.testkit.TestConfig;
import io.logship.testkit.TestModuleContext;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UdpOutputTest {
    @TempDir
    Path dir;

    static DatagramSocket receiver() throws Exception {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        s.setReceiveBufferSize(8 << 20);
        s.setSoTimeout(5000);
        return s;
    }

    static byte[] receive(DatagramSocket s) throws Exception {
        return Arrays.copyOf(packet(s).getData(), lastLength);
    }

    static int lastLength;

    static DatagramPacket packet(DatagramSocket s) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[70_000], 70_000);
        s.receive(p);
        lastLength = p.getLength();
        return p;
    }

    @Test
    void localPort_isTheSourcePortOfTheDatagrams() throws Exception {
        try (DatagramSocket r = receiver()) {
            int local;
            try (DatagramSocket probe = new DatagramSocket(0)) {
                local = probe.getLocalPort();
            }
            UdpOutput out = start(new TestModuleContext("om_udp", "udp", dir), "Host", "127.0.0.1:" + r.getLocalPort(),
                    "LocalPort", String.valueOf(local));
            out.write(Event.ofRaw("x"));
            assertEquals(local, packet(r).getPort());
            out.stop();
        }
    }

    UdpOutput start(TestModuleContext ctx, String... nv) throws Exception {
        UdpOutput out = (UdpOutput) TestConfig.create(new UdpOutputProvider(), "udp", dir, nv);
        out.start(ctx);
        return out;
    }

    @Test
    void dgram_sendsEachRawEventAsOneDatagram() throws Exception {
        try (DatagramSocket r = receiver()) {
            TestModuleContext ctx = new TestModuleContext("om_udp", "udp", dir);
            UdpOutput out = start(ctx, "Host", "127.0.0.1", "Port", String.valueOf(r.getLocalPort()));
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                out.write(Event.ofRaw("<13>message " + i));
                got.add(new String(receive(r), StandardCharsets.UTF_8));
            }
            out.stop();
            for (int i = 0; i < 500; i++) {
                assertEquals("<13>message " + i, got.get(i));
            }
            assertEquals(500, ctx.counter("net.sent.events"));
        }
    }

    @Test
    void overLimit_isCutAtACharacterBoundary_countedAndWarnedOncePerMinute() throws Exception {
        try (DatagramSocket r = receiver()) {
            TestModuleContext ctx = new TestModuleContext("om_udp", "udp", dir);
            UdpOutput out = start(ctx, "Host", "127.0.0.1:" + r.getLocalPort(), "OutputType", "LineBased");
            String big = "é".repeat(35_000); // 70,000 bytes
            out.write(Event.ofRaw(big));
            byte[] first = receive(r);
            assertEquals(65_506, first.length); // 65,507 would split an 'é'
            assertEquals(big.substring(0, 32_753), new String(first, StandardCharsets.UTF_8));
            out.write(Event.ofRaw(big));
            assertEquals(65_506, receive(r).length);
            out.write(Event.ofRaw("small"));
            assertEquals("small\n", new String(receive(r), StandardCharsets.UTF_8));
            assertEquals(2, ctx.counter("net.truncated"));
            List<String> warns = ctx.logged().stream().filter(l -> l.startsWith("WARN")).toList();
            assertEquals(1, warns.size(), ctx.logged().toString());
            assertTrue(warns.get(0).contains("a 70001-byte message to 127.0.0.1:" + r.getLocalPort()
                    + " is over the UDP limit of 65507 bytes"), warns.get(0));
        }
    }

    @Test
    void datagramOutputType_extension_isAskedForDatagramsOfTheLimit() throws Exception {
        try (DatagramSocket r = receiver()) {
            TestModuleContext ctx = new TestModuleContext("om_udp", "udp", dir);
            int[] askedMax = {0};
            DatagramOutputType chunks = new DatagramOutputType() {
                public List<byte[]> datagrams(Event e, int max) {
                    askedMax[0] = max;
                    return List.of(("1/2 " + e.raw()).getBytes(StandardCharsets.UTF_8),
                            ("2/2 " + e.raw()).getBytes(StandardCharsets.UTF_8));
                }

                public byte[] encode(Event e) {
                    throw new AssertionError("datagrams() is the one to call");
                }
            };
            ctx.addExtension("chunker", "xm_test", chunks);
            UdpOutput out = start(ctx, "Host", "127.0.0.1:" + r.getLocalPort(), "OutputType", "chunker");
            out.write(Event.ofRaw("x"));
            assertArrayEquals("1/2 x".getBytes(StandardCharsets.UTF_8), receive(r));
            assertArrayEquals("2/2 x".getBytes(StandardCharsets.UTF_8), receive(r));
            assertEquals(65_507, askedMax[0]);
        }
    }

    @Test
    void gelfUdp_name_sendsXmGelfDatagrams() throws Exception {
        try (DatagramSocket r = receiver()) {
            UdpOutput out = start(new TestModuleContext("om_udp", "udp", dir), "Host", "127.0.0.1:" + r.getLocalPort(),
                    "OutputType", "GELF_UDP");
            out.write(Event.ofRaw("hello gelf").set("Message", "hello gelf"));
            byte[] d = receive(r);
            XmGelf gelf = new XmGelf("gelf", GelfSettings.DEFAULTS);
            gelf.start(new TestModuleContext("xm_gelf", "gelf", dir));
            Event back = gelf.open("test").datagram(d, 0, d.length, "test").orElseThrow();
            assertEquals("hello gelf", back.getString("ShortMessage") != null ? back.getString("ShortMessage")
                    : back.getString("Message"));
        }
    }

    @Test
    void streamOutputTypes_areRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> TestConfig.create(new UdpOutputProvider(),
                "udp", dir, "Host", "h", "OutputType", "Syslog_TLS"));
        assertTrue(e.getMessage().contains("test.conf:2: udp: OutputType: Syslog_TLS is a stream format"),
                e.getMessage());
    }
}
