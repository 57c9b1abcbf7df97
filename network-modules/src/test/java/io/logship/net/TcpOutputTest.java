package io.logship.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logship.api.ConfigException;
import io.logship.api.Event;
import io.logship.api.OutputType;
import io.logship.peers.Rsyslog;
import io.logship.testkit.TestConfig;
import io.logship.testkit.TestModuleContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TcpOutputTest {
    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    TestReceiver receiver(int port) throws Exception {
        TestReceiver r = new TestReceiver(port);
        open.add(r);
        return r;
    }

    TcpOutput start(TestModuleContext ctx, String... nv) throws Exception {
        TcpOutput out = (TcpOutput) TestConfig.create(new TcpOutputProvider(), "out", dir, nv);
        out.start(ctx);
        open.add(out::stop);
        return out;
    }

    TestModuleContext ctx() {
        return new TestModuleContext("om_tcp", "out", dir);
    }

    static String line(int i) {
        return String.format("event %07d some payload text to make the line longer", i);
    }

    static String lines(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append(line(i)).append('\n');
        }
        return b.toString();
    }

    @Test
    void lineBased_sendsRawEventAndLineFeed_inOrder() throws Exception {
        TestReceiver r = receiver(0);
        TestModuleContext ctx = ctx();
        TcpOutput out = start(ctx, "Host", "127.0.0.1:" + r.port());
        for (int i = 0; i < 20_000; i++) {
            out.write(Event.ofRaw(line(i)));
        }
        out.flush();
        String expected = lines(0, 20_000);
        assertTrue(TestReceiver.await(() -> r.bytes() >= expected.length(), Duration.ofSeconds(10)));
        assertEquals(expected, r.all());
        assertEquals(20_000, ctx.counter("net.sent.events"));
        assertEquals(List.of("INFO connected to 127.0.0.1:" + r.port()).toString(),
                ctx.logged().stream().map(l -> l.replace("om_tcp out: ", "")).toList().toString());
    }

    @Test
    void localPort_isThePortConnectionsComeFrom() throws Exception {
        TestReceiver r = receiver(0);
        int local = Rsyslog.freePort();
        TcpOutput out = start(ctx(), "Host", "127.0.0.1:" + r.port(), "LocalPort", String.valueOf(local),
                "TCPNoDelay", "TRUE");
        out.write(Event.ofRaw("from a fixed port"));
        out.flush();
        assertTrue(TestReceiver.await(() -> r.all().equals("from a fixed port\n"), Duration.ofSeconds(5)), r.all());
        assertEquals(local, r.peerPort);
    }

    @Test
    void syslogTls_framesWithOctetCounts_inBytes() throws Exception {
        TestReceiver r = receiver(0);
        TcpOutput out = start(ctx(), "Host", "127.0.0.1", "Port", String.valueOf(r.port()), "OutputType",
                "Syslog_TLS");
        out.write(Event.ofRaw("<13>1 - h a - - - héllo"));
        out.write(Event.ofRaw("two\nlines"));
        out.flush();
        String expected = "24 <13>1 - h a - - - héllo9 two\nlines";
        assertTrue(TestReceiver.await(() -> r.all().equals(expected), Duration.ofSeconds(5)), r.all());
    }

    @Test
    void extensionOutputType_writesItsBytes_andAnEventWithoutRawIsJson() throws Exception {
        TestReceiver r = receiver(0);
        TestModuleContext ctx = ctx();
        OutputType upper = e -> (e.raw().toUpperCase() + "|").getBytes(StandardCharsets.UTF_8);
        ctx.addExtension("shout", "xm_test", upper);
        TcpOutput out = start(ctx, "Host", "127.0.0.1:" + r.port(), "OutputType", "shout");
        out.write(Event.ofRaw("abc"));
        out.flush();
        assertTrue(TestReceiver.await(() -> r.all().equals("ABC|"), Duration.ofSeconds(5)), r.all());

        TestReceiver r2 = receiver(0);
        TcpOutput plain = start(ctx(), "Host", "127.0.0.1:" + r2.port(), "SpoolDir", dir.resolve("s2").toString());
        plain.write(new Event().set("Message", "no raw").set("Severity", 3L));
        plain.flush();
        assertTrue(TestReceiver.await(() -> r2.all().equals("{\"Message\":\"no raw\",\"Severity\":3}\n"),
                Duration.ofSeconds(5)), r2.all());
    }

    @Test
    void receiverDown_flushSyncsTheSpool_oneWarn_thenEverythingArrivesInOrderWithAnInfo() throws Exception {
        int port = Rsyslog.freePort();
        TestModuleContext ctx = ctx();
        TcpOutput out = start(ctx, "Host", "127.0.0.1:" + port, "Reconnect", "0.2");
        for (int i = 0; i < 5_000; i++) {
            out.write(Event.ofRaw(line(i)));
        }
        out.flush(); // returns: the events are durable in the spool
        assertTrue(TestReceiver.await(() -> ctx.logged().stream().anyMatch(l -> l.startsWith("WARN")),
                Duration.ofSeconds(5)));
        assertTrue(TestReceiver.await(() -> ctx.metrics().count("net.sent.events") == 0
                && ctx.logged().size() >= 1, Duration.ofSeconds(1)));
        List<String> warns = ctx.logged().stream().filter(l -> l.startsWith("WARN")).toList();
        assertEquals(1, warns.size(), ctx.logged().toString());
        assertTrue(warns.get(0).contains("cannot send to 127.0.0.1:" + port + ": connection refused"), warns.get(0));
        TestReceiver r = receiver(port);
        String expected = lines(0, 5_000);
        assertTrue(TestReceiver.await(() -> r.bytes() >= expected.length(), Duration.ofSeconds(10)));
        assertEquals(expected, r.all());
        assertEquals(1, ctx.logged().stream().filter(l -> l.startsWith("WARN")).count(), ctx.logged().toString());
        assertTrue(ctx.logged().stream().anyMatch(l -> l.startsWith("INFO") && l.contains("connected to 127.0.0.1:"
                + port + " after")), ctx.logged().toString());
    }

    @Test
    void agentRestart_sendsWhatTheSpoolKept_first_inOrder() throws Exception {
        int port = Rsyslog.freePort();
        TcpOutput first = start(ctx(), "Host", "127.0.0.1:" + port);
        for (int i = 0; i < 3_000; i++) {
            first.write(Event.ofRaw(line(i)));
        }
        first.flush();
        first.stop();
        TestReceiver r = receiver(port);
        TestModuleContext ctx = ctx();
        TcpOutput second = start(ctx, "Host", "127.0.0.1:" + port);
        for (int i = 3_000; i < 4_000; i++) {
            second.write(Event.ofRaw(line(i)));
        }
        second.flush();
        String expected = lines(0, 4_000);
        assertTrue(TestReceiver.await(() -> r.bytes() >= expected.length(), Duration.ofSeconds(10)));
        assertEquals(expected, r.all());
        assertTrue(ctx.logged().get(0).contains("from the last run wait in the spool"), ctx.logged().toString());
    }

    @Test
    void failover_toTheNextHost_whenTheFirstRefuses() throws Exception {
        int dead = Rsyslog.freePort();
        TestReceiver r = receiver(0);
        TestModuleContext ctx = ctx();
        TcpOutput out = start(ctx, "Host", "127.0.0.1:" + dead, "Host", "localhost:" + r.port());
        for (int i = 0; i < 1_000; i++) {
            out.write(Event.ofRaw(line(i)));
        }
        out.flush();
        String expected = lines(0, 1_000);
        assertTrue(TestReceiver.await(() -> r.bytes() >= expected.length(), Duration.ofSeconds(10)), r.all());
        assertEquals(expected, r.all());
        assertTrue(ctx.logged().stream().anyMatch(l -> l.contains("cannot send to 127.0.0.1:" + dead)));
    }

    @Test
    void connectionReset_resendsTheTail_soNothingIsMissingAndOrderHoldsPerConnection() throws Exception {
        TestReceiver r = receiver(0);
        TestModuleContext ctx = ctx();
        TcpOutput out = start(ctx, "Host", "127.0.0.1:" + r.port(), "Reconnect", "0.1", "ResendWindow", "64K");
        int n = 200_000;
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    out.write(Event.ofRaw(line(i)));
                }
                out.flush();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        assertTrue(TestReceiver.await(() -> r.bytes() > 2_000_000, Duration.ofSeconds(10)));
        r.reset(); // the receiver dies: what was in flight is lost with it
        writer.join(20_000);
        long total = lines(0, n).length();
        assertTrue(TestReceiver.await(() -> r.connections().size() == 2
                && r.connections().get(1).endsWith(line(n - 1) + "\n"), Duration.ofSeconds(20)));
        List<String> conns = r.connections();
        // the second connection starts at an event boundary at or before where the first one stopped
        String second = conns.get(1);
        int firstOfSecond = Integer.parseInt(second.substring(6, 13));
        String[] got = conns.get(0).split("\n", -1);
        int lastOfFirst = -1;
        for (String l : got) {
            if (l.length() == line(0).length()) {
                lastOfFirst = Integer.parseInt(l.substring(6, 13));
            }
        }
        assertTrue(firstOfSecond <= lastOfFirst + 1, firstOfSecond + " after " + lastOfFirst);
        assertEquals(lines(firstOfSecond, n), second);
        assertTrue(r.bytes() >= total);
        assertEquals(1, ctx.logged().stream().filter(l -> l.startsWith("WARN")).count(), ctx.logged().toString());
    }

    @Test
    void fullSpool_blocksWrite_untilTheReceiverTakesEvents() throws Exception {
        int port = Rsyslog.freePort();
        TcpOutput out = start(ctx(), "Host", "127.0.0.1:" + port, "SpoolMaxSize", "4M", "Reconnect", "0.1");
        AtomicLong written = new AtomicLong();
        int n = 100_000; // about 6 MB
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    out.write(Event.ofRaw(line(i)));
                    written.incrementAndGet();
                }
                out.flush();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        assertTrue(TestReceiver.await(() -> writer.getState() == Thread.State.TIMED_WAITING
                && written.get() > 0, Duration.ofSeconds(10)));
        long stuck = written.get();
        assertTrue(stuck < n && out.spool().usedBytes() <= 4L << 20, stuck + " " + out.spool().usedBytes());
        TestReceiver r = receiver(port);
        writer.join(20_000);
        assertEquals(n, written.get());
        String expected = lines(0, n);
        assertTrue(TestReceiver.await(() -> r.bytes() >= expected.length(), Duration.ofSeconds(10)));
        assertEquals(expected, r.all());
    }

    @Test
    void stop_returnsSoon_whileTheReceiverReadsNothing_andAWriteWaitsForSpace() throws Exception {
        try (java.net.ServerSocket stuck = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.CompletableFuture<java.net.Socket> held = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            return stuck.accept(); // accepted, never read: the sender's write blocks
                        } catch (java.io.IOException e) {
                            return null;
                        }
                    });
            TcpOutput out = (TcpOutput) TestConfig.create(new TcpOutputProvider(), "out", dir, "Host",
                    "127.0.0.1:" + stuck.getLocalPort(), "SpoolMaxSize", "4M");
            out.start(ctx());
            AtomicLong written = new AtomicLong();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 1_000_000; i++) {
                        out.write(Event.ofRaw(line(i)));
                        written.incrementAndGet();
                    }
                } catch (Exception e) {
                    written.set(-written.get()); // the write was refused at stop: expected
                }
            });
            writer.start();
            assertTrue(TestReceiver.await(() -> writer.getState() == Thread.State.TIMED_WAITING
                    && written.get() > 10_000, Duration.ofSeconds(20)));
            long t0 = System.nanoTime();
            out.stop();
            writer.join(5_000);
            assertFalse(writer.isAlive(), "the blocked write returned");
            assertTrue(written.get() < 0, "and it threw (retriable) instead of dropping: " + written.get());
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "stop took " + (System.nanoTime() - t0) / 1e6 + " ms");
            java.net.Socket s = held.get(5, java.util.concurrent.TimeUnit.SECONDS);
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void config_refusesDgramBinaryAndBadHosts_allAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> TestConfig.create(new TcpOutputProvider(),
                "out", dir, "Host", "a:99999", "OutputType", "Dgram"));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("test.conf:1: out: Host: 'a:99999': port 99999 is not between 1 and 65535"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Dgram is for datagram outputs"), e.getMessage());
        ConfigException b = assertThrows(ConfigException.class, () -> TestConfig.create(new TcpOutputProvider(),
                "out", dir, "Host", "h", "OutputType", "Binary"));
        assertTrue(b.getMessage().contains("Binary is not available yet"), b.getMessage());
        assertEquals(List.of(new NetEndpoint("::1", 514), new NetEndpoint("::1", 6514), new NetEndpoint("h", 7)),
                NetEndpoint.parse(List.of("::1", "[::1]:6514 h:7"), 514));
    }
}
