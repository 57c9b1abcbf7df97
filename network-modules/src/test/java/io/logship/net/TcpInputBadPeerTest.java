package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Peers that misbehave: each gets a clear log line and none holds up the others or grows the heap. */
class TcpInputBadPeerTest {
    private final TcpInputProvider provider = new TcpInputProvider();
    @TempDir
    Path tmp;

    private TcpInputHarness harness(String... pairs) throws Exception {
        List<String> all = new ArrayList<>(List.of("ListenAddr", "127.0.0.1:0"));
        all.addAll(List.of(pairs));
        return new TcpInputHarness(provider, tmp, all.toArray(String[]::new)).start().startReading();
    }

    private static void send(Socket s, String text) throws Exception {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    /** True once the server closed the connection (a read sees the end of the stream). */
    private static boolean closedByServer(Socket s) {
        try {
            s.setSoTimeout(20);
            InputStream in = s.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (Exception e) {
            return true; // reset
        }
    }

    private static String peerOf(Socket s) {
        return "127.0.0.1:" + s.getLocalPort();
    }

    @Test
    void garbageOctetCounts_closeOnlyThatConnection_withAWarningNamingThePeer() throws Exception {
        for (String garbage : List.of("99999999999 x", "-5 x", "12a x")) {
            try (TcpInputHarness h = harness("InputType", "Syslog_TLS"); Socket good = h.connect();
                 Socket bad = h.connect()) {
                send(good, "<13>a1\n");
                send(bad, "6 <13>b1" + garbage);
                Await.until("the bad connection closed (" + garbage + ")", () -> closedByServer(bad));
                send(good, "<13>a2\n");
                h.awaitEvents(3);
                assertThat(h.raws()).containsExactlyInAnyOrder("<13>a1", "<13>b1", "<13>a2");
                assertThat(h.warnings()).singleElement().asString()
                        .contains("net: closing the connection from " + peerOf(bad)).contains("octet count");
                assertThat(h.ctx.counter("framing_errors")).isEqualTo(1);
                assertThat(closedByServer(good)).isFalse();
            }
        }
    }

    @Test
    void slowloris_doesNotHoldUpOthers_andIsClosedByTheIncompleteRecordTimeout() throws Exception {
        try (TcpInputHarness h = harness("InputType", "Syslog_TLS", "IncompleteRecordTimeout", "4s");
             Socket slow = h.connect(); Socket fast = h.connect()) {
            AtomicBoolean stop = new AtomicBoolean();
            Thread trickle = new Thread(() -> {
                byte[] msg = "<13>slow and never ending".getBytes(StandardCharsets.US_ASCII);
                try {
                    OutputStream o = slow.getOutputStream();
                    for (int i = 0; !stop.get(); i = (i + 1) % msg.length) {
                        o.write(msg[i]);
                        o.flush();
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200)); // the peer's pace
                    }
                } catch (Exception closed) {
                    // the server closed it
                }
            }, "slowloris");
            trickle.setDaemon(true);
            trickle.start();
            long t0 = System.nanoTime();
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                b.append("<13>fast ").append(i).append('\n');
            }
            send(fast, b.toString());
            // well before the slow peer's timeout: the fast connection did not wait for it
            h.awaitEvents(1000, Duration.ofSeconds(3));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            assertThat(closedByServer(slow)).as("the slow peer is still connected").isFalse();
            Await.until("the slow peer closed", Duration.ofSeconds(10), () -> closedByServer(slow));
            stop.set(true);
            h.awaitEvents(1001);
            assertThat(h.raws()).filteredOn(r -> r.startsWith("<13>slow")).hasSize(1);
            assertThat(h.warnings()).singleElement().asString().contains(peerOf(slow))
                    .contains("IncompleteRecordTimeout");
            assertThat(h.ctx.counter("incomplete_record_timeouts")).isEqualTo(1);
            assertThat(closedByServer(fast)).isFalse();
        }
    }

    @Test
    void beyondMaxConnections_newConnectionsAreClosed_oneWarningPerBurst() throws Exception {
        try (TcpInputHarness h = harness("MaxConnections", "3")) {
            List<Socket> kept = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                kept.add(h.connect());
            }
            Await.until("3 connections open", () -> h.input.openConnections() == 3);
            List<Socket> extra = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                extra.add(h.connect());
            }
            for (Socket s : extra) {
                Await.until("the extra connection closed", () -> closedByServer(s));
            }
            send(kept.get(2), "still here\n");
            h.awaitEvents(1);
            assertThat(h.raws()).containsExactly("still here");
            assertThat(h.ctx.counter("connections_refused")).isEqualTo(5);
            assertThat(h.warnings()).singleElement().asString().contains("refusing the connection from")
                    .contains("MaxConnections (3)");
            for (Socket s : kept) {
                s.close();
            }
            for (Socket s : extra) {
                s.close();
            }
        }
    }

    @Test
    void tenThousandIdleConnections_otherConnectionsStillFlow_andMemoryStaysSmall() throws Exception {
        int n = 10_000;
        long limit = openFilesLimit();
        assumeTrue(limit < 0 || limit >= n + 1_000, "needs ulimit -n of at least " + (n + 1_000) + ", have " + limit);
        try (TcpInputHarness h = harness("MaxConnections", String.valueOf(n + 1))) {
            long before = usedHeapAfterGc();
            String java = ProcessHandle.current().info().command().orElse("java");
            Process clients = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    IdleClients.class.getName(), "127.0.0.1", String.valueOf(h.port()), String.valueOf(n))
                    .redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(clients.getInputStream(),
                        StandardCharsets.UTF_8));
                String ready = out.readLine();
                assertThat(ready).isEqualTo("ready " + n);
                Await.until(n + " connections open (have " + h.input.openConnections() + ")", Duration.ofSeconds(30),
                        () -> h.input.openConnections() == n);
                long grown = usedHeapAfterGc() - before;
                assertThat(grown).as("heap for %d idle connections", n).isLessThan(n * 4_096L);
                System.out.printf("%d idle connections: heap grew by %d KB%n", n, grown / 1024);
                try (Socket s = h.connect()) {
                    Await.until("one more connection open", () -> h.input.openConnections() == n + 1);
                    long t0 = System.nanoTime();
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < 100; i++) {
                        b.append("line ").append(i).append('\n');
                    }
                    send(s, b.toString());
                    h.awaitEvents(100, Duration.ofSeconds(5));
                    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
                }
                assertThat(h.warnings()).isEmpty();
            } finally {
                clients.getOutputStream().close();
                if (!clients.waitFor(20, TimeUnit.SECONDS)) {
                    clients.destroyForcibly();
                }
            }
            Await.until("the idle connections closed", Duration.ofSeconds(30), () -> h.input.openConnections() == 0);
        }
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** The soft limit on open files of this process, -1 when unknown. */
    private static long openFilesLimit() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String v = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return "unlimited".equals(v) ? Long.MAX_VALUE : Long.parseLong(v);
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
