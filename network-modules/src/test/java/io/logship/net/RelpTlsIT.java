package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Event;
import io.logship.api.RetriableException;
import io.logship.peers.Rsyslog;
import io.logship.testkit.TestConfig;
import io.logship.testkit.TestModuleContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * om_relp with UseSSL TRUE to a real rsyslog imrelp with {@code tls="on"} (librelp's TLS, rsyslog-gnutls): one
 * input with a certificate for 127.0.0.1 signed by the test CA, one with a certificate for another name. Both ask for
 * the client's certificate and accept it by name ({@code tls.authMode="name"}; librelp's default with a certificate
 * of its own is fingerprint matching).
 */
class RelpTlsIT {
    @TempDir
    static Path dir;
    private static Rsyslog rsyslog;
    private static int goodPort;
    private static int wrongNamePort;
    private static TlsFiles.Ca ca;
    private static TlsFiles client;

    @BeforeAll
    static void startRsyslog() throws Exception {
        RelpRsyslog.assumeInstalled();
        ca = TlsFiles.Ca.selfSigned(dir.resolve("ca"), "logship test CA");
        TlsFiles good = TlsFiles.issue(ca, dir.resolve("good"), "127.0.0.1", "localhost");
        TlsFiles other = TlsFiles.issue(ca, dir.resolve("other"), "other.example");
        client = TlsFiles.issue(ca, dir.resolve("client"), "logship-client.example");
        goodPort = Rsyslog.freePort();
        wrongNamePort = Rsyslog.freePort();
        Path out = dir.resolve("rsyslog").resolve(RelpRsyslog.OUT);
        String body = "module(load=\"imrelp\")\n"
                + input(goodPort, good) + input(wrongNamePort, other)
                + "ruleset(name=\"relp\" queue.type=\"Direct\") {\n"
                + "  action(type=\"omfile\" file=\"" + out + "\" template=\"" + Rsyslog.RAW + "\""
                + " asyncWriting=\"off\" flushOnTXEnd=\"on\")\n"
                + "}\n";
        rsyslog = Rsyslog.start(dir.resolve("rsyslog"), body);
    }

    private static String input(int port, TlsFiles f) {
        return "input(type=\"imrelp\" address=\"127.0.0.1\" port=\"" + port + "\" ruleset=\"relp\" tls=\"on\""
                + " tls.cacert=\"" + f.caPem() + "\" tls.mycert=\"" + f.cert() + "\" tls.myprivkey=\"" + f.key()
                + "\" tls.authMode=\"name\" tls.permittedPeer=[\"logship-client.example\"])\n";
    }

    @AfterAll
    static void stopRsyslog() throws Exception {
        if (rsyslog != null) {
            rsyslog.close();
        }
    }

    /** imrelp with a certificate of its own asks for the client's: om_relp presents one from the same CA. */
    private static RelpOutput output(TestModuleContext ctx, String host, Path caFile) throws Exception {
        RelpOutput out = (RelpOutput) TestConfig.create(new RelpOutputProvider(), "relp", dir, "Host", host,
                "UseSSL", "TRUE", "CAFile", caFile.toString(), "CertFile", client.cert().toString(),
                "CertKeyFile", client.key().toString(), "Reconnect", "20ms");
        out.start(ctx);
        return out;
    }

    @Test
    void trustedCertificate_namingTheHost_linesArriveInOrder() throws Exception {
        TestModuleContext ctx = new TestModuleContext("om_relp", "relp", dir);
        RelpOutput out = output(ctx, "127.0.0.1:" + goodPort, ca.pem());
        List<String> lines = IntStream.range(0, 2000).mapToObj(i -> "<13>1 - h app - - - tls line " + i).toList();
        CompletableFuture<Void> send = CompletableFuture.runAsync(() -> {
            try {
                for (String l : lines) {
                    out.write(Event.ofRaw(l));
                }
                out.flush();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        try {
            send.get(30, TimeUnit.SECONDS);
        } finally {
            out.stop();
        }
        assertThat(rsyslog.lines(RelpRsyslog.OUT)).filteredOn(l -> l.contains("tls line"))
                .containsExactlyElementsOf(lines);
        assertThat(ctx.logged()).noneMatch(l -> l.startsWith("WARN"));
    }

    @Test
    void untrustedCa_orHostNameMismatch_oneWarnWithTheReason_nothingDelivered() throws Exception {
        TlsFiles.Ca otherCa = TlsFiles.Ca.selfSigned(dir.resolve("other-ca"), "another CA");
        assertRefused("127.0.0.1:" + goodPort, otherCa.pem(), "certificate not trusted");
        assertRefused("127.0.0.1:" + wrongNamePort, ca.pem(), "host name mismatch");
        assertThat(rsyslog.lines(RelpRsyslog.OUT)).noneMatch(l -> l.contains("refused line"));
    }

    private static void assertRefused(String host, Path caFile, String reason) throws Exception {
        TestModuleContext ctx = new TestModuleContext("om_relp", "relp", dir);
        RelpOutput out = output(ctx, host, caFile);
        CompletableFuture<Void> send = CompletableFuture.runAsync(() -> {
            try {
                out.write(Event.ofRaw("<13>1 - h app - - - refused line"));
                out.flush();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        RelpAwait.until("3 refused handshakes", Duration.ofSeconds(20), () -> ctx.counter("relp.reconnects") >= 3);
        out.stop();
        assertThatThrownBy(() -> send.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(RetriableException.class);
        assertThat(ctx.logged()).filteredOn(l -> l.startsWith("WARN")).singleElement().asString()
                .contains("RELP to " + host + " failed: " + reason);
    }
}
