package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.logship.host.config.ConfigLoader;
import io.logship.host.config.ModuleRegistry;
import io.logship.host.runtime.Agent;
import io.logship.peers.Rsyslog;
import io.logship.s3server.TestCa;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real rsyslog (Debian's package) as the sender: lines go into its imtcp, a ruleset with one worker (so order is
 * kept) forwards them with omfwd to logship's im_tcp, im_udp or im_ssl.
 */
class RsyslogSenderIT {
    @TempDir
    Path dir;

    @BeforeEach
    void rsyslogInstalled() {
        assumeTrue(Rsyslog.binary().isPresent(),
                "rsyslogd is not installed (apt-get install rsyslog rsyslog-gnutls): rsyslog ITs skipped");
    }

    /** An imtcp input on {@code in} whose ruleset forwards every message with the given omfwd parameters. */
    private static String forwarder(int in, String omfwd) {
        return "template(name=\"fwd\" type=\"string\" string=\"%rawmsg%\")\n"
                + "ruleset(name=\"fwd\" queue.type=\"FixedArray\" queue.workerThreads=\"1\") {\n"
                + "  action(type=\"omfwd\" target=\"127.0.0.1\" template=\"fwd\" "
                + "action.resumeRetryCount=\"-1\" action.resumeInterval=\"1\" " + omfwd + ")\n}\n"
                + "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"" + in + "\" ruleset=\"fwd\")\n";
    }

    private static void feed(int port, int n, String prefix) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port);
             OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 16)) {
            for (int i = 0; i < n; i++) {
                out.write(("<13>" + prefix + " " + i + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    private static void assertInOrder(List<String> raws, int n, String prefix) {
        assertThat(raws).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(raws.get(i)).isEqualTo("<13>" + prefix + " " + i);
        }
    }

    @Test
    void omfwdOctetCounted_intoImTcpThroughTheAgent_everyMessageInOrderInTheFile() throws Exception {
        int n = 20_000;
        int port = Rsyslog.freePort();
        int in = Rsyslog.freePort();
        Path out = dir.resolve("out.log");
        Path conf = dir.resolve("nxlog.conf");
        Files.createDirectories(dir.resolve("cache"));
        Files.writeString(conf, String.join("\n",
                "CacheDir " + dir.resolve("cache"),
                "<Input tcp>", "  Module im_tcp", "  ListenAddr 127.0.0.1:" + port, "  InputType Syslog_TLS",
                "</Input>",
                "<Output file>", "  Module om_file", "  File " + out, "</Output>",
                "<Route r>", "  Path tcp => file", "</Route>", ""));
        Agent agent = new Agent(ConfigLoader.load(conf, ModuleRegistry.load()));
        Thread run = new Thread(agent::runUntilStopped, "agent");
        run.start();
        Await.until("the agent listening on " + port, Duration.ofSeconds(20), () -> accepts(port));
        try (Rsyslog r = Rsyslog.start(dir.resolve("rsyslog"), forwarder(in,
                "port=\"" + port + "\" protocol=\"tcp\" TCP_Framing=\"octet-counted\""))) {
            feed(in, n, "octet");
            try {
                Await.until(n + " lines in " + out, Duration.ofSeconds(30), () -> lines(out).size() >= n);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; rsyslogd.log: "
                        + Files.readString(r.dir().resolve("rsyslogd.log")), e);
            }
        } finally {
            agent.stop();
            run.join(10_000);
        }
        assertInOrder(lines(out), n, "octet");
    }

    @Test
    void omfwdTraditionalLfFraming_intoImTcpSyslogTls_isDetectedPerMessage() throws Exception {
        int n = 5_000;
        int in = Rsyslog.freePort();
        try (TcpInputHarness h = new TcpInputHarness(new TcpInputProvider(), dir, "ListenAddr", "127.0.0.1:0",
                "InputType", "Syslog_TLS").start().startReading();
             Rsyslog r = Rsyslog.start(dir.resolve("rsyslog"), forwarder(in,
                     "port=\"" + h.port() + "\" protocol=\"tcp\""))) {
            feed(in, n, "lf");
            h.awaitEvents(n, Duration.ofSeconds(30));
            assertInOrder(h.raws(), n, "lf");
            assertThat(h.events().get(0).getString("MessageSourceAddress")).isEqualTo("127.0.0.1");
            assertThat(h.warnings()).isEmpty();
        }
    }

    @Test
    void omfwdUdp_intoImUdp_oneEventPerDatagram() throws Exception {
        int n = 2_000;
        int in = Rsyslog.freePort();
        try (TcpInputHarness h = new TcpInputHarness(new UdpInputProvider(), dir, "ListenAddr", "127.0.0.1:0",
                "SockBufSize", "4M").start().startReading();
             Rsyslog r = Rsyslog.start(dir.resolve("rsyslog"), forwarder(in,
                     "port=\"" + h.port() + "\" protocol=\"udp\""))) {
            feed(in, n, "udp");
            h.awaitEvents(n, Duration.ofSeconds(30));
            assertInOrder(h.raws(), n, "udp");
        }
    }

    @Test
    void gtlsSender_intoImSsl_withTestCaCertificates_bothSidesVerified() throws Exception {
        int n = 5_000;
        int in = Rsyslog.freePort();
        TlsFiles.Ca ca = TlsFiles.Ca.of(TestCa.create(dir.resolve("ca"), "logship test CA"), dir.resolve("ca"));
        TlsFiles server = TlsFiles.issue(ca, dir.resolve("server"), "localhost", "127.0.0.1");
        TlsFiles client = TlsFiles.issue(ca, dir.resolve("client"), "rsyslog.test");
        try (TcpInputHarness h = new TcpInputHarness(new SslInputProvider(), dir, "ListenAddr", "127.0.0.1:0",
                "InputType", "Syslog_TLS", "CAFile", ca.pem().toString(), "CertFile", server.cert().toString(),
                "CertKeyFile", server.key().toString()).start().startReading();
             Rsyslog r = Rsyslog.start(dir.resolve("rsyslog"),
                     "global(DefaultNetstreamDriverCAFile=\"" + ca.pem() + "\" DefaultNetstreamDriverCertFile=\""
                             + client.cert() + "\" DefaultNetstreamDriverKeyFile=\"" + client.key() + "\")\n"
                             + forwarder(in, "port=\"" + h.port() + "\" protocol=\"tcp\" StreamDriver=\"gtls\" "
                             + "StreamDriverMode=\"1\" StreamDriverAuthMode=\"x509/name\" "
                             + "StreamDriverPermittedPeers=\"localhost\" TCP_Framing=\"octet-counted\""))) {
            feed(in, n, "tls");
            h.awaitEvents(n, Duration.ofSeconds(30));
            assertInOrder(h.raws(), n, "tls");
            assertThat(h.warnings()).isEmpty();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
