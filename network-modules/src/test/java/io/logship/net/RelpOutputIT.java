package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Event;
import io.logship.peers.Rsyslog;
import io.logship.testkit.TestConfig;
import io.logship.testkit.TestModuleContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** om_relp to a real rsyslog imrelp writing a file ({@link RelpRsyslog}). */
class RelpOutputIT {
    @TempDir
    Path dir;

    @Test
    void tenThousandEvents_arriveOnce_inOrder() throws Exception {
        RelpRsyslog.assumeInstalled();
        int port = Rsyslog.freePort();
        try (Rsyslog rsyslog = RelpRsyslog.start(dir.resolve("rsyslog"), port)) {
            RelpOutput out = (RelpOutput) TestConfig.create(new RelpOutputProvider(), "relp", dir,
                    "Host", "127.0.0.1:" + port);
            TestModuleContext ctx = new TestModuleContext("om_relp", "relp", dir);
            out.start(ctx);
            List<String> lines = IntStream.range(0, 10_000)
                    .mapToObj(i -> "<13>1 2026-12-04T18:00:00.000Z logship-test app - - - line " + i + " ünïcödé")
                    .toList();
            try {
                for (int i = 0; i < lines.size(); i++) {
                    out.write(Event.ofRaw(lines.get(i)));
                    if (i % 1000 == 999) {
                        out.flush();
                    }
                }
                out.flush();
                // flush returned: rsyslog acknowledged every line, and (Direct queue) wrote it before acknowledging
                assertThat(rsyslog.lines(RelpRsyslog.OUT)).containsExactlyElementsOf(lines);
                assertThat(ctx.counter("relp.acked")).isEqualTo(10_000);
            } finally {
                out.stop();
            }
        }
    }

    @Test
    void messageOverRsyslogsMaximum_isTruncatedByRsyslog_andTheSessionGoesOn() throws Exception {
        RelpRsyslog.assumeInstalled();
        int port = Rsyslog.freePort();
        try (Rsyslog rsyslog = RelpRsyslog.start(dir.resolve("rsyslog"), port)) {
            RelpOutput out = (RelpOutput) TestConfig.create(new RelpOutputProvider(), "relp", dir,
                    "Host", "127.0.0.1:" + port, "Timeout", "10");
            TestModuleContext ctx = new TestModuleContext("om_relp", "relp", dir);
            out.start(ctx);
            String big = "<13>1 - h app - - - big " + "x".repeat(100_000);
            try {
                out.write(Event.ofRaw(big));
                out.write(Event.ofRaw("<13>1 - h app - - - after"));
                out.flush();
            } finally {
                out.stop();
            }
            List<String> got = rsyslog.lines(RelpRsyslog.OUT);
            System.out.println("RelpOutputIT: 100 KB message written by rsyslog as " + got.get(0).length()
                    + " characters; reconnects " + ctx.counter("relp.reconnects"));
            assertThat(got).hasSize(2);
            assertThat(big).startsWith(got.get(0));
            assertThat(got.get(1)).endsWith("after");
        }
    }
}
