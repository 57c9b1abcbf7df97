package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.ConfigException;
import io.logship.host.config.ConfigLoader;
import io.logship.host.config.ModuleRegistry;
import io.logship.host.runtime.Agent;
import io.logship.peers.Rsyslog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real agent on nxlog.conf files: im_tcp with the real xm_multiline per connection, and --verify problems. */
class TcpInputAgentIT {
    @TempDir
    Path dir;

    @Test
    void imTcpWithXmMultiline_groupsEachConnectionsLinesSeparately() throws Exception {
        int port = Rsyslog.freePort();
        Path out = dir.resolve("out.log");
        Path conf = write(
                "<Extension ml>", "  Module xm_multiline", "  HeaderLine /^BEGIN/", "</Extension>",
                "<Input tcp>", "  Module im_tcp", "  ListenAddr 127.0.0.1:" + port, "  InputType ml", "</Input>",
                "<Output file>", "  Module om_file", "  File " + out,
                "  Exec $raw_event = replace($raw_event, \"\\n\", \"|\");", "</Output>",
                "<Route r>", "  Path tcp => file", "</Route>");
        Agent agent = new Agent(ConfigLoader.load(conf, ModuleRegistry.load()));
        Thread run = new Thread(agent::runUntilStopped, "agent");
        run.start();
        try {
            Await.until("listening", Duration.ofSeconds(20), () -> accepts(port));
            try (Socket a = new Socket("127.0.0.1", port); Socket b = new Socket("127.0.0.1", port)) {
                OutputStream oa = a.getOutputStream();
                OutputStream ob = b.getOutputStream();
                // interleaved: each connection's record must hold only its own lines
                oa.write("BEGIN a\n".getBytes(StandardCharsets.US_ASCII));
                oa.flush();
                ob.write("BEGIN b\nb-1\n".getBytes(StandardCharsets.US_ASCII));
                ob.flush();
                oa.write("a-1\na-2\nBEGIN a2\n".getBytes(StandardCharsets.US_ASCII));
                oa.flush();
                ob.write("b-2\nBEGIN b2\n".getBytes(StandardCharsets.US_ASCII));
                ob.flush();
                Await.until("the first record of each connection", Duration.ofSeconds(20),
                        () -> lines(out).size() >= 2);
            }
            // closing the connections ends their last records (AutoFlush would too, after idle)
            Await.until("the last records", Duration.ofSeconds(20), () -> lines(out).size() >= 4);
        } finally {
            agent.stop();
            run.join(10_000);
        }
        assertThat(lines(out)).containsExactlyInAnyOrder("BEGIN a|a-1|a-2", "BEGIN b|b-1|b-2", "BEGIN a2",
                "BEGIN b2");
    }

    @Test
    void verify_reportsEveryNetworkInputProblemWithItsLine() throws Exception {
        Path conf = write(
                "<Input a>", "  Module im_tcp", "  ListenAddr host:notaport", "  InputType Dgram", "</Input>",
                "<Input b>", "  Module im_udp", "  InputType LineBased", "</Input>",
                "<Input c>", "  Module im_uds", "  UDSType dgram", "</Input>",
                "<Input d>", "  Module im_ssl", "  Port 6514", "</Input>",
                "<Output o>", "  Module om_file", "  File " + dir.resolve("o.log"), "</Output>",
                "<Route r>", "  Path a, b, c, d => o", "</Route>");
        try {
            ConfigLoader.load(conf, ModuleRegistry.load());
            throw new AssertionError("the config loaded");
        } catch (ConfigException e) {
            List<String> p = e.problems();
            assertThat(p).anyMatch(l -> l.contains("nxlog.conf:4: a: ListenAddr: 'host:notaport'"));
            assertThat(p).anyMatch(l -> l.contains("nxlog.conf:5: a: InputType: Dgram is for datagram inputs"));
            assertThat(p).anyMatch(l -> l.contains("nxlog.conf:9: b: InputType: LineBased is a stream framing"));
            assertThat(p).anyMatch(l -> l.contains("nxlog.conf:13: c: UDSType: dgram is not supported"));
            assertThat(p).anyMatch(l -> l.contains("d: CertFile") && l.contains("needs its certificate"));
        }
    }

    @Test
    void flowControlFalse_isTakenByEveryNetworkInput_andRefusedForANetworkOutput() throws Exception {
        Path conf = write(
                "<Input a>", "  Module im_tcp", "  Port " + freePort(), "  FlowControl FALSE", "</Input>",
                "<Input b>", "  Module im_udp", "  Port " + freePort(), "  FlowControl FALSE", "</Input>",
                "<Input c>", "  Module im_uds", "  UDS " + dir.resolve("s.sock"), "  FlowControl FALSE", "</Input>",
                "<Output o>", "  Module om_file", "  File " + dir.resolve("o.log"), "</Output>",
                "<Route r>", "  Path a, b, c => o", "</Route>");
        ConfigLoader.load(conf, ModuleRegistry.load()); // no problem reported

        Path bad = write(
                "<Input a>", "  Module im_udp", "  Port " + freePort(), "</Input>",
                "<Output o>", "  Module om_tcp", "  Host 127.0.0.1", "  FlowControl FALSE", "</Output>",
                "<Route r>", "  Path a => o", "</Route>");
        try {
            ConfigLoader.load(bad, ModuleRegistry.load());
            throw new AssertionError("the config loaded");
        } catch (ConfigException e) {
            assertThat(e.problems()).anyMatch(l -> l.contains("nxlog.conf:9: o: FlowControl FALSE is not supported"));
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Path write(String... lines) throws IOException {
        Files.createDirectories(dir.resolve("cache"));
        Path conf = dir.resolve("nxlog.conf");
        Files.writeString(conf, "CacheDir " + dir.resolve("cache") + "\n" + String.join("\n", lines) + "\n");
        return conf;
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
