package io.logship.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logship.host.config.ConfigLoader;
import io.logship.host.config.ModuleRegistry;
import io.logship.host.runtime.Agent;
import io.logship.peers.Rsyslog;
import io.logship.s3server.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real agent on an nxlog.conf: im_file -> om_ssl (failover Host list, Syslog_TLS) -> rsyslog with gtls. */
class TcpOutputAgentIT {
    @TempDir
    Path tmp;

    @Test
    void imFileToOmSsl_throughTheAgent_withFailover_deliversEveryLineInOrder() throws Exception {
        RsyslogReceiver.assumeInstalled();
        TlsFiles.Ca ca = TlsFiles.Ca.of(TestCa.create(tmp.resolve("ca"), "agent CA"), tmp.resolve("ca"));
        TlsFiles cert = TlsFiles.issue(ca, tmp.resolve("srv"), "localhost", "127.0.0.1");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            lines.add("<14>1 2026-12-04T10:00:00Z web nginx - - - request " + i + " GET /index.html 200");
        }
        Path log = tmp.resolve("app.log");
        Files.write(log, lines);
        int dead = Rsyslog.freePort();
        int port = Rsyslog.freePort();
        Files.createDirectories(tmp.resolve("cache"));
        Files.createDirectories(tmp.resolve("spool"));
        Path conf = tmp.resolve("nxlog.conf");
        Files.writeString(conf, String.join("\n",
                "CacheDir " + tmp.resolve("cache"),
                "SpoolDir " + tmp.resolve("spool"),
                "<Input app>",
                "  Module   im_file",
                "  File     '" + log + "'",
                "  ReadFromLast FALSE",
                "</Input>",
                "<Output siem>",
                "  Module      om_ssl",
                "  Host        127.0.0.1:" + dead,
                "  Host        localhost:" + port,
                "  OutputType  Syslog_TLS",
                "  CAFile      " + ca.pem(),
                "  Reconnect   0.5",
                "</Output>",
                "<Route r>", "  Path app => siem", "</Route>", ""));
        try (Rsyslog r = RsyslogReceiver.tls(tmp.resolve("rsyslog"), port, cert)) {
            Agent agent = new Agent(ConfigLoader.load(conf, ModuleRegistry.load()));
            Thread run = new Thread(agent::runUntilStopped, "agent");
            run.start();
            try {
                List<String> got = r.awaitLines(RsyslogReceiver.OUT, lines.size(), Duration.ofSeconds(30));
                assertEquals(lines, got);
            } finally {
                agent.stop();
                run.join(10_000);
            }
            assertTrue(Files.isDirectory(tmp.resolve("spool").resolve("om_ssl-siem")), "the spool is per instance");
        }
    }
}
