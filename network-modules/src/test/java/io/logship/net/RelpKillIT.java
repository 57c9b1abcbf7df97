package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Event;
import io.logship.peers.Rsyslog;
import io.logship.testkit.TestConfig;
import io.logship.testkit.TestModuleContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's receiver-death test over RELP: 200,000 events to rsyslog imrelp while rsyslog is SIGKILLed and started
 * again twice. The test plays the host: it writes every event and flushes every 1,000, as the host's output worker
 * does, and counts only what rsyslog's file holds. Lost must be 0; events acknowledged by rsyslog whose
 * acknowledgement died with it are sent again (duplicates, printed); the order of first arrival is the write order.
 * The receiving ruleset is Direct ({@link RelpRsyslog}), so rsyslog acknowledges a line only once it is written: with
 * its default in-memory queue it acknowledges before writing and a SIGKILL loses acknowledged lines on the receiver
 * side, which no sender can see.
 */
class RelpKillIT {
    private static final int EVENTS = 200_000;

    @TempDir
    Path dir;

    @Test
    void receiverKilledTwice_nothingLost_orderKept() throws Exception {
        RelpRsyslog.assumeInstalled();
        int port = Rsyslog.freePort();
        try (Rsyslog rsyslog = RelpRsyslog.start(dir.resolve("rsyslog"), port)) {
            RelpOutput out = (RelpOutput) TestConfig.create(new RelpOutputProvider(), "relp", dir,
                    "Host", "127.0.0.1:" + port, "Reconnect", "100ms", "Timeout", "10");
            TestModuleContext ctx = new TestModuleContext("om_relp", "relp", dir);
            out.start(ctx);
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < EVENTS; i++) {
                        out.write(Event.ofRaw(line(i)));
                        if (i % 1000 == 999) {
                            out.flush();
                        }
                    }
                    out.flush();
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            try {
                for (long at : new long[] {EVENTS / 4, EVENTS * 3 / 5}) {
                    RelpAwait.until(at + " events acknowledged", Duration.ofSeconds(60),
                            () -> ctx.counter("relp.acked") >= at || sender.isDone());
                    rsyslog.kill();
                    rsyslog.restart();
                }
                sender.get(90, TimeUnit.SECONDS);
            } finally {
                out.stop();
            }
            List<String> lines = rsyslog.lines(RelpRsyslog.OUT);
            Set<String> seen = new HashSet<>();
            int lastFirst = -1;
            boolean ordered = true;
            for (String l : lines) {
                if (seen.add(l)) {
                    int n = Integer.parseInt(l.substring(l.lastIndexOf(' ') + 1));
                    ordered &= n == lastFirst + 1;
                    lastFirst = n;
                }
            }
            long lost = EVENTS - seen.size();
            long duplicated = lines.size() - seen.size();
            System.out.printf("RelpKillIT: %d events, rsyslog SIGKILLed twice: %d lines written, lost %d, "
                    + "duplicated %d, reconnects %d, resent %d%n", EVENTS, lines.size(), lost, duplicated,
                    ctx.counter("relp.reconnects"), ctx.counter("relp.resent"));
            assertThat(ctx.counter("relp.reconnects")).as("the kills were seen").isGreaterThanOrEqualTo(2);
            assertThat(lost).as("lost").isZero();
            assertThat(ordered).as("first arrivals in write order").isTrue();
            assertThat(duplicated).as("duplicates: at most one window (128) per kill").isLessThanOrEqualTo(2 * 128);
            assertThat(ctx.logged()).filteredOn(l -> l.startsWith("WARN")).hasSizeBetween(2, 4)
                    .allMatch(l -> l.contains("RELP to 127.0.0.1:" + port + " failed: "));
        }
    }

    private static String line(int i) {
        return "<13>1 2026-12-04T18:00:00.000Z logship-test app - - - kill test " + i;
    }
}
