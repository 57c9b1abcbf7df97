package io.logship.net;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.logship.peers.Rsyslog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** rsyslog configurations for the om_* integration tests: one input writing every message raw to out.log. */
final class RsyslogReceiver {
    static final String OUT = "out.log";

    private RsyslogReceiver() {
    }

    static void assumeInstalled() {
        assumeTrue(Rsyslog.binary().isPresent(),
                "rsyslogd is not installed (apt-get install rsyslog rsyslog-gnutls): skipped");
    }

    private static String action(Path dir) {
        return "ruleset(name=\"r\" queue.type=\"Direct\") { action(type=\"omfile\" file=\"" + dir.resolve(OUT)
                + "\" template=\"" + Rsyslog.RAW + "\") }\n";
    }

    /** imtcp on 127.0.0.1:port (LF framing and octet counting both, as imtcp detects them). */
    static Rsyslog tcp(Path dir, int port) throws IOException, InterruptedException {
        return Rsyslog.start(dir, "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"" + port + "\" ruleset=\"r\")\n"
                + action(dir));
    }

    /** imtcp with the gtls driver, TLS only, anonymous client auth, the server's certificate from {@code cert}. */
    static Rsyslog tls(Path dir, int port, TlsFiles cert) throws IOException, InterruptedException {
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so"))
                        || Rsyslog.hasModule("lmnsd_gtls"),
                "rsyslog's gtls driver is not installed (apt-get install rsyslog-gnutls): skipped");
        return Rsyslog.start(dir, "global(DefaultNetstreamDriverCAFile=\"" + cert.caPem()
                + "\" DefaultNetstreamDriverCertFile=\"" + cert.cert() + "\" DefaultNetstreamDriverKeyFile=\""
                + cert.key() + "\")\n"
                + "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"" + port + "\" ruleset=\"r\""
                + " StreamDriver.Name=\"gtls\" StreamDriver.Mode=\"1\" StreamDriver.AuthMode=\"anon\")\n"
                + action(dir));
    }

    /** imptcp listening on a Unix domain stream socket at {@code path}. */
    static Rsyslog unixStream(Path dir, Path path) throws IOException, InterruptedException {
        return Rsyslog.start(dir, "module(load=\"imptcp\")\ninput(type=\"imptcp\" path=\"" + path + "\" ruleset=\"r\")\n"
                + action(dir));
    }

    /** imudp on 127.0.0.1:port. */
    static Rsyslog udp(Path dir, int port) throws IOException, InterruptedException {
        return Rsyslog.start(dir, "module(load=\"imudp\")\ninput(type=\"imudp\" address=\"127.0.0.1\" port=\"" + port
                + "\" ruleset=\"r\")\n" + action(dir));
    }
}
