package io.logship.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logship.api.Event;
import io.logship.peers.Rsyslog;
import io.logship.testkit.TestConfig;
import io.logship.testkit.TestModuleContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of an agent whose om_tcp receiver is down: every event flushed before the kill is sent after restart. */
class TcpOutputCrashIT {
    @TempDir
    Path dir;

    @Test
    void killedWhileTheReceiverIsDown_everyFlushedEventIsSentAfterRestart_inOrder() throws Exception {
        int port = Rsyslog.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TcpOutputCrashDriver.class.getName(), dir.toString(), String.valueOf(port))
                .redirectErrorStream(true).start();
        int flushed = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("FLUSHED ")) {
                    flushed = Integer.parseInt(line.substring(8));
                    if (flushed >= 20_000) {
                        child.destroyForcibly(); // SIGKILL: no stop, no close of the spool
                        break;
                    }
                }
            }
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertTrue(flushed >= 20_000, "the child got going: " + flushed);

        try (TestReceiver receiver = new TestReceiver(port)) {
            TestModuleContext ctx = new TestModuleContext("om_tcp", "out", dir);
            TcpOutput out = (TcpOutput) TestConfig.create(new TcpOutputProvider(), "out", dir, "Host",
                    "127.0.0.1:" + port, "SpoolDir", dir.resolve("spool").toString());
            out.start(ctx);
            try {
                out.write(Event.ofRaw("after restart"));
                out.flush();
                assertTrue(TestReceiver.await(() -> receiver.all().endsWith("after restart\n"), Duration.ofSeconds(20)),
                        "the event written after the restart arrives last");
                String[] got = receiver.all().split("\n");
                int expected = 0;
                for (String l : got) {
                    if (l.equals("after restart")) {
                        break;
                    }
                    assertEquals(TcpOutputTest.line(expected), l, "event " + expected + " in order");
                    expected++;
                }
                assertTrue(expected >= flushed, expected + " sent of " + flushed + " flushed before the kill");
                System.out.printf("crash test: %d flushed before kill -9, %d sent after restart, in order%n", flushed,
                        expected);
            } finally {
                out.stop();
            }
        }
    }
}
