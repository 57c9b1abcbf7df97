package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.s3server.TestCa;
import io.logship.testkit.TestModuleContext;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** im_ssl: the selector's TLS engine against JDK TLS clients, with certificates from a TestCa. */
class SslInputTest {
    @TempDir
    static Path dir;
    static TlsFiles.Ca ca;
    static TlsFiles server;
    static TlsFiles client;
    static TlsFiles stranger;

    private final SslInputProvider provider = new SslInputProvider();

    @BeforeAll
    static void certificates() throws Exception {
        ca = TlsFiles.Ca.of(TestCa.create(dir.resolve("ca"), "logship test CA"), dir.resolve("ca"));
        server = TlsFiles.issue(ca, dir.resolve("s"), "127.0.0.1", "localhost");
        client = TlsFiles.issue(ca, dir.resolve("c"), "client.example");
        stranger = TlsFiles.issue(TlsFiles.Ca.selfSigned(dir.resolve("o"), "another CA"), dir.resolve("os"),
                "client.example");
    }

    private TcpInputHarness harness(String... pairs) throws Exception {
        List<String> all = new ArrayList<>(List.of("ListenAddr", "127.0.0.1:0", "CertFile", server.cert().toString(),
                "CertKeyFile", server.key().toString(), "CAFile", ca.pem().toString()));
        all.addAll(List.of(pairs));
        return new TcpInputHarness(provider, dir, all.toArray(String[]::new)).start().startReading();
    }

    /** A JDK TLS client trusting the test CA, presenting {@code cert} (or none when null). */
    private static SSLSocket connect(TcpInputHarness h, TlsFiles cert) throws Exception {
        List<String> nv = new ArrayList<>(List.of("CAFile", ca.pem().toString()));
        if (cert != null) {
            nv.addAll(List.of("CertFile", cert.cert().toString(), "CertKeyFile", cert.key().toString()));
        }
        TlsSettings s = TlsSettingsTest.clientSettings(nv.toArray(String[]::new));
        TlsContext c = s.open(new TestModuleContext("om_ssl", "out", dir).logger());
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", h.port()), 5_000);
        SSLSocket tls = c.clientSocket(plain, "127.0.0.1", h.port());
        tls.setSoTimeout(10_000);
        tls.startHandshake();
        return tls;
    }

    @Test
    void trustedClient_linesArriveInOrder_acrossManyTlsRecords() throws Exception {
        try (TcpInputHarness h = harness("InputType", "Syslog_TLS"); SSLSocket s = connect(h, client)) {
            OutputStream o = s.getOutputStream();
            StringBuilder b = new StringBuilder();
            int n = 20_000;
            for (int i = 0; i < n; i++) {
                String msg = "<13>tls message " + i;
                b.append(msg.length()).append(' ').append(msg);
            }
            o.write(b.toString().getBytes(StandardCharsets.US_ASCII));
            o.flush();
            h.awaitEvents(n, Duration.ofSeconds(20));
            List<String> raws = h.raws();
            for (int i = 0; i < n; i++) {
                assertThat(raws.get(i)).isEqualTo("<13>tls message " + i);
            }
            assertThat(h.events().get(0).getString("MessageSourceAddress")).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void smallBufferSize_decryptedBytesHeldByTheEngine_arePostedWithoutWaitingForMoreData() throws Exception {
        // a TLS record decrypts to up to 16 KB; BufferSize 1024 takes it in many reads, with no new socket data
        try (TcpInputHarness h = harness("BufferSize", "1024"); SSLSocket s = connect(h, client)) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                b.append(String.format("line %04d %s%n", i, "y".repeat(40)));
            }
            s.getOutputStream().write(b.toString().getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            h.awaitEvents(1000, Duration.ofSeconds(10)); // the connection stays open and idle
            assertThat(h.raws().get(999)).startsWith("line 0999 ");
        }
    }

    @Test
    void clientWithoutCertificate_isRefusedByRequireCert_withAWarningNamingThePeer() throws Exception {
        try (TcpInputHarness h = harness()) {
            assertThatThrownBy(() -> {
                try (SSLSocket s = connect(h, null)) {
                    s.getOutputStream().write("x\n".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    s.getInputStream().read(); // TLS 1.3 reports a refused client certificate on the next read
                }
            }).isInstanceOf(java.io.IOException.class);
            Await.until("the refusal logged", () -> !h.warnings().isEmpty());
            assertThat(h.warnings()).singleElement().asString().contains("net: connection from 127.0.0.1:")
                    .contains("presented no certificate");
            assertThat(h.raws()).isEmpty();
        }
    }

    @Test
    void clientWithCertificateOfAnotherCa_isRefused_butRequireCertFalseAcceptsNoCertificate() throws Exception {
        try (TcpInputHarness h = harness()) {
            assertThatThrownBy(() -> {
                try (SSLSocket s = connect(h, stranger)) {
                    s.getOutputStream().write("x\n".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    s.getInputStream().read();
                }
            }).isInstanceOf(java.io.IOException.class);
            // the JDK client sends no certificate the server's CAs did not sign: refused as having none
            Await.until("the refusal logged", () -> h.warnings().stream()
                    .anyMatch(w -> w.contains("presented no certificate from a CA in CAFile/CADir")));
        }
        try (TcpInputHarness h = harness("RequireCert", "FALSE"); SSLSocket s = connect(h, null)) {
            s.getOutputStream().write("anonymous client\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            h.awaitEvents(1);
            assertThat(h.raws()).containsExactly("anonymous client");
        }
    }

    @Test
    void plainTcpClient_onTheTlsPort_isClosedWithAWarning_andNothingIsPosted() throws Exception {
        try (TcpInputHarness h = harness(); Socket s = h.connect()) {
            s.getOutputStream().write("<13>not tls at all\n".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(10_000);
            Await.until("the connection closed", () -> {
                try {
                    return s.getInputStream().read() < 0;
                } catch (java.io.IOException e) {
                    return true;
                }
            });
            Await.until("the warning", () -> !h.warnings().isEmpty());
            assertThat(h.warnings()).singleElement().asString().contains("127.0.0.1:" + s.getLocalPort());
            assertThat(h.raws()).isEmpty();
        }
    }

    @Test
    void clientThatNeverFinishesTheHandshake_isClosedByTheIncompleteRecordTimeout() throws Exception {
        try (TcpInputHarness h = harness("IncompleteRecordTimeout", "1"); Socket silent = h.connect();
             Socket half = h.connect()) {
            half.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02}); // the start of a ClientHello
            for (Socket s : List.of(silent, half)) {
                s.setSoTimeout(10_000);
                Await.until("the connection closed", Duration.ofSeconds(10), () -> {
                    try {
                        return s.getInputStream().read() < 0;
                    } catch (java.io.IOException e) {
                        return true;
                    }
                });
            }
            assertThat(h.ctx.counter("incomplete_record_timeouts")).isEqualTo(2);
            assertThat(h.raws()).isEmpty();
        }
    }

    @Test
    void config_withoutCertificate_isRefusedAtConfigTime() {
        assertThatThrownBy(() -> provider.create(io.logship.host.config.ModuleConfigs.of(provider, "in", dir, dir,
                dir, "ListenAddr", "127.0.0.1:0")))
                .hasMessageContaining("a TLS server needs its certificate");
    }
}
