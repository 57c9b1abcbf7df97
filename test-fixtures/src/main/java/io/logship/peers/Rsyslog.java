package io.logship.peers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real rsyslog (Debian's {@code rsyslog}, {@code rsyslog-relp}, {@code rsyslog-gnutls}) run in the foreground
 * by a test, as a receiver or a sender. The test gives the body of the configuration (its {@code module},
 * {@code input}, {@code ruleset} and {@code action} statements); this class adds the work directory and a
 * control TCP input on its own port, which tells when rsyslog has started, and can {@link #kill} it with
 * SIGKILL and {@link #restart} it on the same ports.
 *
 * <p>{@link #RAW} names a template that writes each message as received ({@code %rawmsg%}) and a line feed;
 * {@link #outFile(String)} gives a path under the work directory for an {@code omfile} action. Messages sent to the
 * control port go to the control ruleset, which discards them.
 */
public final class Rsyslog implements AutoCloseable {
    /** A template writing the message as received, one line each. */
    public static final String RAW = "logship_raw";

    private final Path dir;
    private final Path conf;
    private final int controlPort;
    private Process process;

    private Rsyslog(Path dir, Path conf, int controlPort) {
        this.dir = dir;
        this.conf = conf;
        this.controlPort = controlPort;
    }

    /** The rsyslogd binary, when rsyslog is installed. */
    public static Optional<Path> binary() {
        for (String p : List.of("/usr/sbin/rsyslogd", "/sbin/rsyslogd", "/usr/local/sbin/rsyslogd")) {
            Path path = Path.of(p);
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /** True when rsyslog's RELP modules are installed ({@code rsyslog-relp}). */
    public static boolean hasModule(String name) {
        for (String d : List.of("/usr/lib/x86_64-linux-gnu/rsyslog", "/usr/lib/aarch64-linux-gnu/rsyslog",
                "/usr/lib/rsyslog", "/usr/lib64/rsyslog")) {
            if (Files.exists(Path.of(d, name + ".so"))) {
                return true;
            }
        }
        return false;
    }

    /** A free TCP port on loopback (for the test to put in the configuration). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts rsyslog in {@code dir} with the configuration body and waits until it accepts connections. */
    public static Rsyslog start(Path dir, String body) throws IOException, InterruptedException {
        Path bin = binary().orElseThrow(() -> new IllegalStateException(
                "rsyslogd is not installed (apt-get install rsyslog rsyslog-relp rsyslog-gnutls)"));
        Files.createDirectories(dir);
        int control = freePort();
        Path conf = dir.resolve("rsyslog.conf");
        String text = "global(workDirectory=\"" + dir + "\")\n"
                + "module(load=\"imtcp\")\n"
                + "template(name=\"" + RAW + "\" type=\"string\" string=\"%rawmsg%\\n\")\n"
                + "ruleset(name=\"logship_control\") { stop }\n"
                + "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"" + control + "\" ruleset=\"logship_control\")\n"
                + body + "\n";
        Files.writeString(conf, text, StandardCharsets.UTF_8);
        Rsyslog r = new Rsyslog(dir, conf, control);
        r.launch(bin);
        return r;
    }

    private void launch(Path bin) throws IOException, InterruptedException {
        Path pid = dir.resolve("rsyslogd.pid");
        Files.deleteIfExists(pid);
        ProcessBuilder pb = new ProcessBuilder(bin.toString(), "-n", "-f", conf.toString(), "-i", pid.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("rsyslogd.log").toFile()));
        process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("rsyslogd exited with " + process.exitValue() + " at start: "
                        + Files.readString(dir.resolve("rsyslogd.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", controlPort), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IOException("rsyslogd did not accept connections within 30 s: "
                            + Files.readString(dir.resolve("rsyslogd.log")));
                }
                Thread.sleep(20); // polling for the listener to come up, not synchronising with the code under test
            }
        }
    }

    /** A path under the work directory for an omfile action. */
    public Path outFile(String name) {
        return dir.resolve(name);
    }

    /** Lines of a file an omfile action writes (none when it does not exist yet). */
    public List<String> lines(String name) throws IOException {
        Path p = outFile(name);
        return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.UTF_8) : List.of();
    }

    /** Waits until the file holds at least {@code n} lines; returns its lines. */
    public List<String> awaitLines(String name, int n, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> l = lines(name);
            if (l.size() >= n || System.nanoTime() > deadline) {
                return l;
            }
            Thread.sleep(20); // polling a file another process writes
        }
    }

    /** SIGKILL, as a receiver that dies: what its kernel had accepted and it had not written is lost with it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts it again with the same configuration and ports (after {@link #kill}). */
    public void restart() throws IOException, InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        launch(binary().orElseThrow());
    }

    public long pid() {
        return process.pid();
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}
