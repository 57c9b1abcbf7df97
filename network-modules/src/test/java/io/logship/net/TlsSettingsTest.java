package io.logship.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.LogshipException;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import io.logship.s3server.TestCa;
import io.logship.testkit.TestConfig;
import io.logship.testkit.TestModuleContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSettingsTest {
    @TempDir
    static Path dir;
    static TlsFiles.Ca ca;
    static TlsFiles.Ca otherCa;
    static TlsFiles server;       // 127.0.0.1 and localhost, by ca
    static TlsFiles wrongName;    // other.example, by ca
    static TlsFiles expired;      // 127.0.0.1, by ca, expired
    static TlsFiles stranger;     // 127.0.0.1, by otherCa
    static TlsFiles client;       // a client certificate, by ca

    @BeforeAll
    static void certificates() throws Exception {
        ca = TlsFiles.Ca.of(TestCa.create(dir.resolve("ca"), "logship test CA"), dir.resolve("ca"));
        otherCa = TlsFiles.Ca.selfSigned(dir.resolve("other"), "another CA");
        server = TlsFiles.issue(ca, dir.resolve("s"), "127.0.0.1", "localhost");
        wrongName = TlsFiles.issue(ca, dir.resolve("w"), "other.example");
        expired = TlsFiles.issueExpired(ca, dir.resolve("e"), "127.0.0.1");
        stranger = TlsFiles.issue(otherCa, dir.resolve("o"), "127.0.0.1");
        client = TlsFiles.issue(ca, dir.resolve("c"), "client.example");
    }

    /** A provider declaring just the TLS directives, so TestConfig parses them as a module's would be. */
    static ModuleProvider provider(boolean server) {
        return new ModuleProvider() {
            public String name() {
                return server ? "tls_server" : "tls_client";
            }

            public ModuleKind kind() {
                return server ? ModuleKind.INPUT : ModuleKind.OUTPUT;
            }

            public String description() {
                return "test";
            }

            public List<Directive<?>> directives() {
                return server ? TlsDirectives.SERVER : TlsDirectives.CLIENT;
            }

            public Module create(ModuleConfig config) {
                throw new UnsupportedOperationException();
            }
        };
    }

    static TlsSettings clientSettings(String... nv) throws ConfigException {
        return TlsSettings.client(TestConfig.of(provider(false), "out", dir, nv));
    }

    static TlsSettings serverSettings(TlsFiles f, String... nv) throws ConfigException {
        List<String> all = new ArrayList<>(List.of("CertFile", f.cert().toString(), "CertKeyFile", f.key().toString(),
                "CAFile", ca.pem().toString()));
        all.addAll(List.of(nv));
        return TlsSettings.server(TestConfig.of(provider(true), "in", dir, all.toArray(String[]::new)));
    }

    /**
     * Runs one TLS server (the given settings) on loopback, connects a client to 127.0.0.1 and sends a line.
     *
     * @return what the server read, or the client's failure reason
     */
    static String exchange(TlsSettings serverSide, TlsSettings clientSide) throws Exception {
        TestModuleContext ctx = new TestModuleContext("om_ssl", "out", dir);
        TlsContext srv = serverSide.open(ctx.logger());
        TlsContext cli = clientSide.open(ctx.logger());
        try (ServerSocket ss = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> got = CompletableFuture.supplyAsync(() -> {
                try (Socket raw = ss.accept();
                     SSLSocket s = srv.serverSocket(raw)) {
                    InputStream in = s.getInputStream();
                    return new String(in.readNBytes(6), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "server: " + e.getMessage();
                }
            });
            Socket plain = new Socket();
            plain.connect(new InetSocketAddress("127.0.0.1", ss.getLocalPort()), 5000);
            try (SSLSocket s = cli.clientSocket(plain, "127.0.0.1", ss.getLocalPort())) {
                s.startHandshake();
                OutputStream out = s.getOutputStream();
                out.write("hello\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                return got.get(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                got.get(10, TimeUnit.SECONDS);
                return "refused: " + TlsContext.reason(e);
            }
        }
    }

    @Test
    void handshake_whenChainAndIpAddressMatch_deliversData() throws Exception {
        assertEquals("hello\n", exchange(serverSettings(server, "RequireCert", "FALSE"),
                clientSettings("CAFile", ca.pem().toString())));
    }

    @Test
    void handshake_whenCertificateNamesAnotherHost_isRefusedAsHostNameMismatch() throws Exception {
        String r = exchange(serverSettings(wrongName, "RequireCert", "FALSE"),
                clientSettings("CAFile", ca.pem().toString()));
        assertTrue(r.startsWith("refused: host name mismatch"), r);
    }

    @Test
    void handshake_whenSignedByUnknownCa_isRefusedAsNotTrusted() throws Exception {
        String r = exchange(serverSettings(stranger, "RequireCert", "FALSE"),
                clientSettings("CAFile", ca.pem().toString()));
        assertTrue(r.startsWith("refused: certificate not trusted"), r);
    }

    @Test
    void handshake_whenAllowUntrusted_acceptsUnknownCaAndWrongName() throws Exception {
        assertEquals("hello\n", exchange(serverSettings(stranger, "RequireCert", "FALSE"),
                clientSettings("CAFile", ca.pem().toString(), "AllowUntrusted", "TRUE")));
        assertEquals("hello\n", exchange(serverSettings(wrongName, "RequireCert", "FALSE"),
                clientSettings("AllowUntrusted", "TRUE")));
    }

    @Test
    void handshake_whenCertificateExpired_isRefusedUnlessAllowExpired() throws Exception {
        String r = exchange(serverSettings(expired, "RequireCert", "FALSE"), clientSettings("CAFile", ca.pem().toString()));
        assertTrue(r.startsWith("refused: certificate expired"), r);
        assertEquals("hello\n", exchange(serverSettings(expired, "RequireCert", "FALSE"),
                clientSettings("CAFile", ca.pem().toString(), "AllowExpired", "TRUE")));
    }

    @Test
    void allowExpired_stillChecksTheChain() throws Exception {
        TlsFiles expiredStranger = TlsFiles.issueExpired(otherCa, dir.resolve("eo"), "127.0.0.1");
        String r = exchange(serverSettings(expiredStranger, "RequireCert", "FALSE"),
                clientSettings("CAFile", ca.pem().toString(), "AllowExpired", "TRUE"));
        assertTrue(r.startsWith("refused:"), r);
    }

    @Test
    void requireCert_whenClientHasNone_refusesAndAcceptsOneSignedByTheCa() throws Exception {
        String r = exchange(serverSettings(server), clientSettings("CAFile", ca.pem().toString()));
        assertFalse(r.equals("hello\n"), r);
        assertEquals("hello\n", exchange(serverSettings(server), clientSettings("CAFile", ca.pem().toString(),
                "CertFile", client.cert().toString(), "CertKeyFile", client.key().toString())));
    }

    @Test
    void caDir_readsEveryPemFileInIt() throws Exception {
        Path cadir = Files.createDirectories(dir.resolve("cadir"));
        Files.copy(ca.pem(), cadir.resolve("a1b2c3d4.0"));
        Files.writeString(cadir.resolve("README"), "not a certificate");
        assertEquals("hello\n", exchange(serverSettings(server, "RequireCert", "FALSE"),
                clientSettings("CADir", cadir.toString())));
    }

    @Test
    void encryptedKey_withKeyPass_isUsedAndWrongPassNeverAppearsInTheMessage() throws Exception {
        Path enc = server.encryptedKey("s3cret-pass");
        TlsSettings good = TlsSettings.server(TestConfig.of(provider(true), "in", dir, "CertFile",
                server.cert().toString(), "CertKeyFile", enc.toString(), "KeyPass", "s3cret-pass",
                "RequireCert", "FALSE"));
        assertEquals("hello\n", exchange(good, clientSettings("CAFile", ca.pem().toString())));
        TlsSettings bad = TlsSettings.server(TestConfig.of(provider(true), "in", dir, "CertFile",
                server.cert().toString(), "CertKeyFile", enc.toString(), "KeyPass", "wrong-pass-xyz"));
        TestModuleContext ctx = new TestModuleContext("im_ssl", "in", dir);
        LogshipException e = assertThrows(LogshipException.class, () -> bad.open(ctx.logger()));
        assertTrue(e.getMessage().contains("cannot be decrypted with KeyPass"), e.getMessage());
        assertTrue(e.getMessage().contains(enc.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-pass-xyz"));
        assertNull(e.getCause());
        assertFalse(bad.toString().contains("wrong-pass-xyz"), bad.toString());
        assertFalse(String.join("\n", ctx.logged()).contains("wrong-pass-xyz"));
    }

    @Test
    void opensslEncryptedKey_isRead() throws Exception {
        Path enc = dir.resolve("openssl-enc.pem");
        Process p = new ProcessBuilder("openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", server.key().toString(),
                "-out", enc.toString(), "-passout", "pass:open-pass").redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0,
                "openssl is not installed: " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        var key = TlsPem.privateKey(enc, "open-pass".toCharArray());
        assertEquals("EC", key.getAlgorithm());
        assertEquals(TlsPem.privateKey(server.key(), null), key);
    }

    @Test
    void keyFileReadableByOthers_isWarnedAboutOnce() throws Exception {
        Path shared = dir.resolve("shared-key.pem");
        Files.copy(server.key(), shared);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));
        TlsSettings s = TlsSettings.server(TestConfig.of(provider(true), "in", dir, "CertFile",
                server.cert().toString(), "CertKeyFile", shared.toString()));
        TestModuleContext ctx = new TestModuleContext("im_ssl", "in", dir);
        s.open(ctx.logger());
        List<String> warns = ctx.logged().stream().filter(l -> l.startsWith("WARN")).toList();
        assertEquals(1, warns.size(), ctx.logged().toString());
        assertTrue(warns.get(0).contains("readable by every user") && warns.get(0).contains("chmod 600"), warns.get(0));
        TestModuleContext quiet = new TestModuleContext("im_ssl", "in", dir);
        serverSettings(server).open(quiet.logger());
        assertEquals(List.of(), quiet.logged());
    }

    @Test
    void sslProtocol_olderThanTls12_isRefusedWithTheLocation() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> clientSettings("SSLProtocol", "TLSv1.1, TLSv1.2"));
        assertEquals(1, e.problems().size());
        assertTrue(e.getMessage().startsWith("test.conf:1: out: SSLProtocol: TLSv1.1 is older than TLS 1.2"),
                e.getMessage());
        assertEquals(List.of("TLSv1.3"), clientSettings("SSLProtocol", "tlsv1.3").protocols);
        assertEquals(List.of("TLSv1.2", "TLSv1.3"), clientSettings().protocols);
    }

    @Test
    void sslProtocol_tls13Only_negotiatesTls13() throws Exception {
        assertEquals("hello\n", exchange(serverSettings(server, "RequireCert", "FALSE", "SSLProtocol", "TLSv1.3"),
                clientSettings("CAFile", ca.pem().toString(), "SSLProtocol", "TLSv1.3")));
        String r = exchange(serverSettings(server, "RequireCert", "FALSE", "SSLProtocol", "TLSv1.3"),
                clientSettings("CAFile", ca.pem().toString(), "SSLProtocol", "TLSv1.2"));
        assertTrue(r.startsWith("refused:"), r);
    }

    @Test
    void sslCompression_true_isRefused_andOtherProblemsAreReportedTogether() {
        ConfigException e = assertThrows(ConfigException.class, () -> clientSettings("SSLCompression", "TRUE",
                "CAFile", dir.resolve("missing.pem").toString(), "CertFile", server.cert().toString()));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("SSLCompression: TLS compression is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("missing.pem does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("CertFile needs CertKeyFile too"), e.getMessage());
    }

    @Test
    void server_withoutCertificate_isAConfigProblem() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> TlsSettings.server(TestConfig.of(provider(true), "in", dir)));
        assertTrue(e.getMessage().contains("a TLS server needs its certificate"), e.getMessage());
    }

    @Test
    void sslCipher_mapsOpenSslNamesAndKeepsDefaultsForKeywords() throws Exception {
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", TlsSettings.jdkCipherName("ECDHE-RSA-AES128-GCM-SHA256"));
        assertEquals("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                TlsSettings.jdkCipherName("ECDHE-ECDSA-CHACHA20-POLY1305"));
        assertEquals("TLS_RSA_WITH_AES_256_CBC_SHA256", TlsSettings.jdkCipherName("AES256-SHA256"));
        assertEquals("TLS_AES_128_GCM_SHA256", TlsSettings.jdkCipherName("TLS_AES_128_GCM_SHA256"));
        assertNull(TlsSettings.jdkCipherName("HIGH"));
        assertNull(TlsSettings.jdkCipherName("!aNULL"));
        TlsSettings s = clientSettings("SSLCipher", "ECDHE-ECDSA-AES128-GCM-SHA256:HIGH:!aNULL");
        assertEquals(List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"), s.cipherSuites);
        assertEquals(List.of("HIGH", "!aNULL"), s.ignoredCipherWords);
        ConfigException e = assertThrows(ConfigException.class, () -> clientSettings("SSLCipher", "FOO-BAR-BAZ"));
        assertTrue(e.getMessage().contains("is not a cipher suite this JVM supports"), e.getMessage());
        // the chosen suite is the one negotiated (EC server key, TLS 1.2)
        assertEquals("hello\n", exchange(serverSettings(server, "RequireCert", "FALSE"), clientSettings("CAFile",
                ca.pem().toString(), "SSLProtocol", "TLSv1.2", "SSLCipher", "ECDHE-ECDSA-AES256-GCM-SHA384")));
    }
}
