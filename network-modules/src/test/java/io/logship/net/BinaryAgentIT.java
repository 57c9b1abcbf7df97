package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.host.config.ConfigLoader;
import io.logship.host.config.ModuleRegistry;
import io.logship.host.runtime.Agent;
import io.logship.peers.Rsyslog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real agents on nxlog.conf files, logship to logship: im_file (Exec sets integer, boolean and datetime fields)
 * -> om_ssl OutputType Binary -> im_ssl InputType Binary (mutual TLS) -> om_file writing each event as JSON. The
 * receiver's JSON shows every field with its type as the sender had it, and the sender's SourceModuleName (the host
 * fills it only when absent).
 */
class BinaryAgentIT {
    private static final int LINES = 5_000;
    @TempDir
    Path tmp;

    @Test
    void omSslToImSsl_binary_everyFieldKeptWithItsType() throws Exception {
        TlsFiles.Ca ca = TlsFiles.Ca.selfSigned(tmp.resolve("ca"), "agents CA");
        TlsFiles server = TlsFiles.issue(ca, tmp.resolve("server"), "127.0.0.1");
        TlsFiles client = TlsFiles.issue(ca, tmp.resolve("client"), "sender.example");
        int port = Rsyslog.freePort();
        Path log = tmp.resolve("app.log");
        Files.write(log, IntStream.range(0, LINES).mapToObj(String::valueOf).toList());
        Path out = tmp.resolve("out.json");
        Path receiverConf = conf("receiver", "CacheFlushInterval always",
                "<Extension json>", "  Module xm_json", "</Extension>",
                "<Input peers>", "  Module im_ssl", "  ListenAddr 127.0.0.1:" + port, "  InputType Binary",
                "  CAFile " + ca.pem(), "  CertFile " + server.cert(), "  CertKeyFile " + server.key(), "</Input>",
                "<Output file>", "  Module om_file", "  File '" + out + "'", "  Exec to_json();", "</Output>",
                "<Route r>", "  Path peers => file", "</Route>");
        Path senderConf = conf("sender",
                "<Input app>", "  Module im_file", "  File '" + log + "'", "  ReadFromLast FALSE",
                "  Exec $n = integer($raw_event); $even = ($n % 2) == 0; "
                        + "$when = parsedate(\"2026-12-04T18:00:00Z\");",
                "</Input>",
                "<Output peer>", "  Module om_ssl", "  Host 127.0.0.1:" + port, "  OutputType Binary",
                "  CAFile " + ca.pem(), "  CertFile " + client.cert(), "  CertKeyFile " + client.key(),
                "</Output>",
                "<Route r>", "  Path app => peer", "</Route>");
        Agent receiver = new Agent(ConfigLoader.load(receiverConf, ModuleRegistry.load()));
        Agent sender = new Agent(ConfigLoader.load(senderConf, ModuleRegistry.load()));
        Thread r = new Thread(receiver::runUntilStopped, "receiver");
        Thread s = new Thread(sender::runUntilStopped, "sender");
        r.start();
        s.start();
        long t0 = System.nanoTime();
        long first;
        try {
            Await.until("the first event at the receiver", Duration.ofSeconds(60), () -> lines(out).size() > 0);
            first = System.nanoTime();
            Await.until(LINES + " events at the receiver", Duration.ofSeconds(60), () -> lines(out).size() >= LINES);
        } finally {
            sender.stop();
            s.join(10_000);
            receiver.stop();
            r.join(10_000);
        }
        System.out.printf("BinaryAgentIT: %d events agent to agent over om_ssl/im_ssl Binary: first after %d ms, "
                + "all %d ms later%n", LINES, (first - t0) / 1_000_000, (System.nanoTime() - first) / 1_000_000);
        List<String> got = lines(out);
        assertThat(got).hasSize(LINES);
        for (int i = 0; i < LINES; i += 997) {
            String j = got.get(i);
            assertThat(j).as("line %d", i)
                    .contains("\"n\":" + i + ",")
                    .contains("\"even\":" + (i % 2 == 0))
                    .contains("\"SourceModuleName\":\"app\"")
                    .contains("\"SourceModuleType\":\"im_file\"")
                    .containsPattern("\"when\":\"2026-12-04[ T]18:00:00");
        }
    }

    private Path conf(String name, String... body) throws IOException {
        Files.createDirectories(tmp.resolve(name + "-cache"));
        Files.createDirectories(tmp.resolve(name + "-spool"));
        Path conf = tmp.resolve(name + ".conf");
        StringBuilder sb = new StringBuilder();
        sb.append("CacheDir ").append(tmp.resolve(name + "-cache")).append('\n');
        sb.append("SpoolDir ").append(tmp.resolve(name + "-spool")).append('\n');
        for (String l : body) {
            sb.append(l).append('\n');
        }
        Files.writeString(conf, sb.toString());
        return conf;
    }

    private static List<String> lines(Path p) {
        try {
            return Files.exists(p) ? Files.readAllLines(p) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
