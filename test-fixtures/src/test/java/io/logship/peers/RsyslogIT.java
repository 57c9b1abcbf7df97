package io.logship.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RsyslogIT {
    @TempDir
    Path dir;

    @Test
    void start_receivesTcpLines_andRestartsOnTheSamePort() throws Exception {
        assumeTrue(Rsyslog.binary().isPresent(), "rsyslogd is not installed (apt-get install rsyslog): skipped");
        int port = Rsyslog.freePort();
        String body = "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"" + port + "\" ruleset=\"r\")\n"
                + "ruleset(name=\"r\") { action(type=\"omfile\" file=\"" + dir.resolve("out.log") + "\" template=\""
                + Rsyslog.RAW + "\") }";
        try (Rsyslog r = Rsyslog.start(dir, body)) {
            send(port, "<13>1 2026-01-01T00:00:00Z h app - - - one\n");
            assertThat(r.awaitLines("out.log", 1, Duration.ofSeconds(20)))
                    .containsExactly("<13>1 2026-01-01T00:00:00Z h app - - - one");
            long first = r.pid();
            r.kill();
            r.restart();
            assertThat(r.pid()).isNotEqualTo(first);
            send(port, "<13>1 2026-01-01T00:00:01Z h app - - - two\n");
            assertThat(r.awaitLines("out.log", 2, Duration.ofSeconds(20))).hasSize(2)
                    .last().asString().endsWith("two");
        }
    }

    private static void send(int port, String line) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port); OutputStream out = s.getOutputStream()) {
            out.write(line.getBytes(StandardCharsets.UTF_8));
        }
    }
}
