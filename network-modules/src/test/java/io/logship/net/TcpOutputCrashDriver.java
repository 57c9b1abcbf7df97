package io.logship.net;

import io.logship.api.Event;
import io.logship.testkit.TestConfig;
import io.logship.testkit.TestModuleContext;
import java.nio.file.Path;

/**
 * The child JVM of {@link TcpOutputCrashIT}: om_tcp to {@code args[1]} (a port nobody listens on) with its spool in
 * {@code args[0]}; writes events, flushes every 500 and prints {@code FLUSHED n} after each flush, until killed.
 */
public final class TcpOutputCrashDriver {
    private TcpOutputCrashDriver() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        TcpOutput out = (TcpOutput) TestConfig.create(new TcpOutputProvider(), "out", dir, "Host",
                "127.0.0.1:" + args[1], "SpoolDir", dir.resolve("spool").toString(), "Reconnect", "0.2");
        out.start(new TestModuleContext("om_tcp", "out", dir));
        for (int i = 0; ; i++) {
            out.write(Event.ofRaw(TcpOutputTest.line(i)));
            if (i % 500 == 499) {
                out.flush();
                System.out.println("FLUSHED " + (i + 1));
                System.out.flush();
            }
        }
    }
}
