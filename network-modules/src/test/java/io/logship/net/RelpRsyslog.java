package io.logship.net;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.logship.peers.Rsyslog;
import java.nio.file.Path;

/**
 * rsyslog's imrelp as a test receiver, writing each message as received to {@code out.log}. The ruleset runs with
 * {@code queue.type="Direct"} and omfile with {@code asyncWriting="off"} and {@code flushOnTXEnd="on"}: the action
 * runs on imrelp's thread before librelp sends the {@code rsp}, so an acknowledgement means the line was written to
 * the file. With rsyslog's default ruleset queue (in memory) imrelp acknowledges a message once it is queued, and a
 * SIGKILL loses what was acknowledged and not yet written: no sender can prevent that, so the test does not measure
 * it.
 */
final class RelpRsyslog {
    static final String OUT = "out.log";

    private RelpRsyslog() {
    }

    static void assumeInstalled() {
        assumeTrue(Rsyslog.binary().isPresent(), "rsyslogd is not installed (apt-get install rsyslog rsyslog-relp): "
                + "skipped");
        assumeTrue(Rsyslog.hasModule("imrelp"), "rsyslog's imrelp is not installed (apt-get install rsyslog-relp): "
                + "skipped");
    }

    static Rsyslog start(Path dir, int port) throws Exception {
        String body = "module(load=\"imrelp\")\n"
                + "input(type=\"imrelp\" address=\"127.0.0.1\" port=\"" + port + "\" ruleset=\"relp\")\n"
                + "ruleset(name=\"relp\" queue.type=\"Direct\") {\n"
                + "  action(type=\"omfile\" file=\"" + dir.resolve(OUT) + "\" template=\"" + Rsyslog.RAW + "\""
                + " asyncWriting=\"off\" flushOnTXEnd=\"on\")\n"
                + "}\n";
        return Rsyslog.start(dir, body);
    }
}
