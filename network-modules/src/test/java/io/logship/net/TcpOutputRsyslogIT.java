package io.logship.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logship.api.Event;
import io.logship.api.OutputModule;
import io.logship.peers.Rsyslog;
import io.logship.s3server.TestCa;
import io.logship.testkit.TestConfig;
import io.logship.testkit.TestModuleContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** om_tcp, om_ssl and om_udp into a real rsyslog (imtcp, imtcp with gtls, imudp) writing every message raw. */
class TcpOutputRsyslogIT {
    @TempDir
    static Path certs;
    @TempDir
    Path dir;
    static TlsFiles.Ca ca;
    static TlsFiles good;

    @BeforeAll
    static void certificates() throws Exception {
        RsyslogReceiver.assumeInstalled();
        ca = TlsFiles.Ca.of(TestCa.create(certs.resolve("ca"), "logship IT CA"), certs.resolve("ca"));
        good = TlsFiles.issue(ca, certs.resolve("good"), "127.0.0.1", "localhost");
    }

    @BeforeEach
    void installed() {
        RsyslogReceiver.assumeInstalled();
    }

    static List<String> events(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("<13>1 2026-12-04T10:00:00Z host app - - - event " + i + " of the integration test");
        }
        return out;
    }

    OutputModule start(TestModuleContext ctx, org.junit.jupiter.api.function.ThrowingSupplier<OutputModule> make)
            throws Throwable {
        OutputModule out = make.get();
        out.start(ctx);
        return out;
    }

    void sendAndCheck(Rsyslog r, OutputModule out, int n) throws Exception {
        List<String> sent = events(n);
        try {
            for (String s : sent) {
                out.write(Event.ofRaw(s));
            }
            out.flush();
            List<String> got = r.awaitLines(RsyslogReceiver.OUT, n, Duration.ofSeconds(20));
            assertEquals(sent, got);
        } finally {
            out.stop();
        }
    }

    @Test
    void omTcp_lineBased_allLinesArriveInOrder() throws Throwable {
        int port = Rsyslog.freePort();
        try (Rsyslog r = RsyslogReceiver.tcp(dir.resolve("rsyslog"), port)) {
            TestModuleContext ctx = new TestModuleContext("om_tcp", "out", dir);
            OutputModule out = start(ctx, () -> (OutputModule) TestConfig.create(new TcpOutputProvider(), "out", dir,
                    "Host", "127.0.0.1:" + port));
            sendAndCheck(r, out, 20_000);
        }
    }

    @Test
    void omTcp_syslogTls_octetCounting_allMessagesArriveInOrder() throws Throwable {
        int port = Rsyslog.freePort();
        try (Rsyslog r = RsyslogReceiver.tcp(dir.resolve("rsyslog"), port)) {
            TestModuleContext ctx = new TestModuleContext("om_tcp", "out", dir);
            OutputModule out = start(ctx, () -> (OutputModule) TestConfig.create(new TcpOutputProvider(), "out", dir,
                    "Host", "127.0.0.1", "Port", String.valueOf(port), "OutputType", "Syslog_TLS"));
            sendAndCheck(r, out, 20_000);
        }
    }

    @Test
    void omSsl_intoGtls_verifiesTheCertificateAndHostName_allArriveInOrder() throws Throwable {
        int port = Rsyslog.freePort();
        try (Rsyslog r = RsyslogReceiver.tls(dir.resolve("rsyslog"), port, good)) {
            TestModuleContext ctx = new TestModuleContext("om_ssl", "out", dir);
            OutputModule out = start(ctx, () -> (OutputModule) TestConfig.create(new TlsOutputProvider(), "out", dir,
                    "Host", "127.0.0.1:" + port, "OutputType", "Syslog_TLS", "CAFile", ca.pem().toString()));
            sendAndCheck(r, out, 10_000);
            assertEquals(0, ctx.logged().stream().filter(l -> l.startsWith("WARN")).count(), ctx.logged().toString());
        }
    }

    /** om_ssl against a receiver whose certificate it must refuse: one WARN with the reason, nothing sent. */
    void refuses(TlsFiles cert, String reason) throws Throwable {
        int port = Rsyslog.freePort();
        try (Rsyslog r = RsyslogReceiver.tls(dir.resolve("rsyslog"), port, cert)) {
            TestModuleContext ctx = new TestModuleContext("om_ssl", "out", dir);
            TcpOutput out = (TcpOutput) TestConfig.create(new TlsOutputProvider(), "out", dir,
                    "Host", "127.0.0.1:" + port, "CAFile", ca.pem().toString(), "Reconnect", "0.2");
            out.start(ctx);
            try {
                for (String s : events(100)) {
                    out.write(Event.ofRaw(s));
                }
                out.flush();
                assertTrue(TestReceiver.await(() -> ctx.logged().stream().anyMatch(l -> l.startsWith("WARN")),
                        Duration.ofSeconds(10)), ctx.logged().toString());
                assertTrue(TestReceiver.await(() -> ctx.metrics().count("net.sent.events") == 0
                        && ctx.logged().size() >= 1, Duration.ofMillis(600)));
                List<String> warns = ctx.logged().stream().filter(l -> l.startsWith("WARN")).toList();
                assertEquals(1, warns.size(), ctx.logged().toString());
                assertTrue(warns.get(0).contains("cannot send to 127.0.0.1:" + port + ": " + reason), warns.get(0));
                assertEquals(List.of(), r.lines(RsyslogReceiver.OUT));
                assertTrue(out.spool().usedBytes() > 100 * 50, "the events wait in the spool");
            } finally {
                out.stop();
            }
        }
    }

    @Test
    void omSsl_refusesACertificateFromAnUnknownCa() throws Throwable {
        TlsFiles stranger = TlsFiles.issue(TlsFiles.Ca.selfSigned(dir.resolve("other"), "stranger CA"),
                dir.resolve("stranger"), "127.0.0.1");
        refuses(stranger, "certificate not trusted");
    }

    @Test
    void omSsl_refusesACertificateForAnotherHost() throws Throwable {
        refuses(TlsFiles.issue(ca, dir.resolve("wrong"), "logs.example.org"), "host name mismatch");
    }

    @Test
    void omUds_stream_intoImptcpOnAUnixSocket_allLinesArriveInOrder() throws Throwable {
        Path sock = dir.resolve("rsyslog").resolve("log.sock");
        try (Rsyslog r = RsyslogReceiver.unixStream(dir.resolve("rsyslog"), sock)) {
            TestModuleContext ctx = new TestModuleContext("om_uds", "out", dir);
            OutputModule out = start(ctx, () -> (OutputModule) TestConfig.create(new UdsOutputProvider(), "out", dir,
                    "UDS", sock.toString()));
            sendAndCheck(r, out, 10_000);
        }
    }

    @Test
    void omUdp_intoImudp_everyDatagramArrives() throws Throwable {
        int port = Rsyslog.freePort();
        try (Rsyslog r = RsyslogReceiver.udp(dir.resolve("rsyslog"), port)) {
            TestModuleContext ctx = new TestModuleContext("om_udp", "out", dir);
            OutputModule out = start(ctx, () -> (OutputModule) TestConfig.create(new UdpOutputProvider(), "out", dir,
                    "Host", "127.0.0.1:" + port));
            List<String> sent = events(2_000);
            try {
                for (String s : sent) {
                    out.write(Event.ofRaw(s));
                    if (sent.indexOf(s) % 200 == 199) {
                        // UDP has no flow control: pace it so loopback buffers do not overflow
                        int k = sent.indexOf(s) + 1;
                        r.awaitLines(RsyslogReceiver.OUT, k, Duration.ofSeconds(10));
                    }
                }
                List<String> got = r.awaitLines(RsyslogReceiver.OUT, sent.size(), Duration.ofSeconds(20));
                assertEquals(sent, got);
            } finally {
                out.stop();
            }
        }
    }
}
