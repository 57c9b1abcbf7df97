package io.logship.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logship.api.Event;
import io.logship.peers.Rsyslog;
import io.logship.s3server.TestCa;
import io.logship.testkit.TestConfig;
import io.logship.testkit.TestModuleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver killed (SIGKILL) and restarted twice while 200,000 events go through om_tcp / om_ssl with the
 * default ResendWindow: prints the exact number lost and duplicated, asserts under 1 % lost and the order kept (the
 * output is runs of consecutive events; a run may start before the previous one ended, where the tail was resent).
 */
class TcpOutputKillIT {
    static final int N = 200_000;
    @TempDir
    Path dir;

    @BeforeEach
    void installed() {
        RsyslogReceiver.assumeInstalled();
    }

    static String event(int i) {
        return String.format("<13>1 2026-12-04T10:00:00Z host app - - - seq=%07d kill test payload", i);
    }

    @Test
    void omTcp_receiverKilledTwice_losesUnderOnePercent_inOrder() throws Exception {
        int port = Rsyslog.freePort();
        try (Rsyslog r = RsyslogReceiver.tcp(dir.resolve("rsyslog"), port)) {
            run("om_tcp", r, new TcpOutputProvider(), "Host", "127.0.0.1:" + port, "Reconnect", "0.2");
        }
    }

    @Test
    void omSsl_receiverKilledTwice_losesUnderOnePercent_inOrder() throws Exception {
        Path certs = dir.resolve("certs");
        TlsFiles.Ca ca = TlsFiles.Ca.of(TestCa.create(certs.resolve("ca"), "kill CA"), certs.resolve("ca"));
        TlsFiles cert = TlsFiles.issue(ca, certs.resolve("srv"), "127.0.0.1");
        int port = Rsyslog.freePort();
        try (Rsyslog r = RsyslogReceiver.tls(dir.resolve("rsyslog"), port, cert)) {
            run("om_ssl", r, new TlsOutputProvider(), "Host", "127.0.0.1:" + port, "Reconnect", "0.2",
                    "OutputType", "Syslog_TLS", "CAFile", ca.pem().toString());
        }
    }

    void run(String module, Rsyslog r, io.logship.api.ModuleProvider provider, String... config) throws Exception {
        TestModuleContext ctx = new TestModuleContext(module, "out", dir);
        String window = System.getProperty("kill.window");
        if (window != null) { // measuring other windows: -Dkill.window=1M
            config = java.util.stream.Stream.concat(java.util.Arrays.stream(config),
                    java.util.stream.Stream.of("ResendWindow", window)).toArray(String[]::new);
        }
        TcpOutput out = (TcpOutput) TestConfig.create(provider, "out", dir, config);
        out.start(ctx);
        Path file = r.outFile(RsyslogReceiver.OUT);
        long lineBytes = event(0).length() + 1;
        try {
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < N; i++) {
                        out.write(Event.ofRaw(event(i)));
                        if (i % 1000 == 999) {
                            out.flush();
                        }
                    }
                    out.flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "kill-test-writer");
            writer.start();
            for (long at : new long[] {N / 5, N / 2}) {
                assertTrue(TestReceiver.await(() -> size(file) >= at * lineBytes, Duration.ofSeconds(20)),
                        "rsyslog got " + size(file) / lineBytes + " lines, waiting for " + at);
                r.kill();
                r.restart();
            }
            writer.join(20_000);
            long start = System.nanoTime();
            long[] last = {-1, System.nanoTime()};
            // done when every event is there, or nothing new arrived for 3 s
            TestReceiver.await(() -> {
                long s = size(file);
                if (s != last[0]) {
                    last[0] = s;
                    last[1] = System.nanoTime();
                }
                return s >= N * lineBytes && distinct(file) >= N || System.nanoTime() - last[1] > 3_000_000_000L;
            }, Duration.ofSeconds(30));
            List<String> lines = r.lines(RsyslogReceiver.OUT);
            BitSet seen = new BitSet(N);
            int runs = 0;
            int prev = -2;
            for (String l : lines) {
                int seq = Integer.parseInt(l.substring(l.indexOf("seq=") + 4, l.indexOf("seq=") + 11));
                assertEquals(event(seq), l);
                if (seq != prev + 1) {
                    runs++;
                }
                prev = seq;
                seen.set(seq);
            }
            int unique = seen.cardinality();
            int lost = N - unique;
            int dups = lines.size() - unique;
            System.out.printf("%s kill test (ResendWindow %s): %d events, receiver SIGKILLed twice: %d lost (%.3f %%), %d duplicated, "
                            + "%d runs, reconnects %d, %.1f s after the writer%n", module, window == null ? "default" : window, N, lost, lost * 100.0 / N,
                    dups, runs, ctx.counter("net.reconnects"), (System.nanoTime() - start) / 1e9);
            assertTrue(lost < N / 100, lost + " lost");
            if (window == null) { // each kill repeats at most the window (4M, or SO_SNDBUF if larger) and a chunk
                long perKill = Math.max(4L << 20, 4L << 20) + 2 * 256 * 1024;
                assertTrue(dups <= 2 * perKill / lineBytes, dups + " duplicated");
            }
            assertTrue(runs <= 1 + 2 * 2 * 2, runs + " runs: each kill may start a resend and leave a gap");
            assertEquals(N - 1, seen.previousSetBit(N), "the last event arrived");
        } finally {
            out.stop();
        }
    }

    static long size(Path f) {
        try {
            return Files.exists(f) ? Files.size(f) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    static int distinct(Path f) {
        try {
            BitSet s = new BitSet(N);
            for (String l : Files.readAllLines(f)) {
                int i = l.indexOf("seq=");
                if (i >= 0 && l.length() >= i + 11) {
                    s.set(Integer.parseInt(l.substring(i + 4, i + 11)));
                }
            }
            return s.cardinality();
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
    }
}
