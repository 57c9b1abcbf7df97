package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.ConfigException;
import io.logship.api.Event;
import io.logship.api.InputType;
import io.logship.host.config.ModuleConfigs;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TcpInputTest {
    private final TcpInputProvider provider = new TcpInputProvider();
    @TempDir
    Path tmp;

    private TcpInputHarness harness(String... pairs) throws Exception {
        List<String> all = new ArrayList<>(List.of("ListenAddr", "127.0.0.1:0"));
        all.addAll(List.of(pairs));
        return new TcpInputHarness(provider, tmp, all.toArray(String[]::new));
    }

    @Test
    void lineBased_postsEachLineInOrderWithMessageSourceAddress() throws Exception {
        try (TcpInputHarness h = harness().start().startReading(); Socket s = h.connect()) {
            s.getOutputStream().write("one\r\ntwo\n\nthree\nlast without LF".getBytes(StandardCharsets.UTF_8));
            h.awaitEvents(4);
            s.close();
            h.awaitEvents(5);
            assertThat(h.raws()).containsExactly("one", "two", "", "three", "last without LF");
            assertThat(h.events()).allSatisfy(e -> {
                assertThat(e.getString("MessageSourceAddress")).isEqualTo("127.0.0.1");
                assertThat(e.position()).as("a socket has no resumable position").isNull();
            });
            assertThat(h.ctx.counter("events")).isEqualTo(5);
        }
    }

    @Test
    void manyConnectionsAtOnce_eachConnectionsLinesArriveInOrder_noneLost() throws Exception {
        int conns = 8;
        int lines = 5_000;
        try (TcpInputHarness h = harness("InputType", "Syslog_TLS").start().startReading()) {
            ExecutorService pool = Executors.newFixedThreadPool(conns);
            List<Future<?>> sent = new ArrayList<>();
            for (int c = 0; c < conns; c++) {
                int id = c;
                sent.add(pool.submit(() -> {
                    try (Socket s = h.connect()) {
                        OutputStream o = new java.io.BufferedOutputStream(s.getOutputStream(), 1 << 16);
                        for (int i = 0; i < lines; i++) {
                            String msg = "<13>c" + id + " " + i;
                            // odd connections octet-count, even ones LF-frame: both in one input
                            String framed = id % 2 == 1 ? msg.length() + " " + msg : msg + "\n";
                            o.write(framed.getBytes(StandardCharsets.US_ASCII));
                        }
                        o.flush();
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
            pool.shutdown();
            h.awaitEvents(conns * lines);
            int[] next = new int[conns];
            for (String raw : h.raws()) {
                String[] p = raw.substring(5).split(" ");
                int c = Integer.parseInt(p[0]);
                assertThat(Integer.parseInt(p[1])).as("connection %d in order", c).isEqualTo(next[c]);
                next[c]++;
            }
            assertThat(next).containsOnly(lines);
        }
    }

    @Test
    void fullRoutes_stopReadingTheSocket_soTheSenderBlocks_thenEverythingArrives() throws Exception {
        int perWrite = 100;
        byte[] chunk = ("x".repeat(99) + "\n").repeat(perWrite).getBytes(StandardCharsets.US_ASCII);
        long offeredLines = 600_000; // 60 MB
        java.util.concurrent.atomic.AtomicLong linesWritten = new java.util.concurrent.atomic.AtomicLong();
        try (TcpInputHarness h = harness().start(); Socket s = h.connect()) {
            h.ctx.keep = false; // count only: the point is how many arrive
            Thread writer = new Thread(() -> {
                try {
                    OutputStream o = s.getOutputStream();
                    while (linesWritten.get() < offeredLines) {
                        o.write(chunk);
                        linesWritten.addAndGet(perWrite);
                    }
                } catch (java.io.IOException e) {
                    // the test ended
                }
            }, "test-writer");
            writer.setDaemon(true);
            writer.start();
            // nobody posts: the writer must come to a standstill long before it has written everything
            long[] last = {-1, System.nanoTime()};
            Await.until("the sender to be held back", Duration.ofSeconds(20), () -> {
                long now = linesWritten.get();
                if (now != last[0]) {
                    last[0] = now;
                    last[1] = System.nanoTime();
                    return false;
                }
                return System.nanoTime() - last[1] > 1_000_000_000L;
            });
            long held = linesWritten.get();
            assertThat(held).as("lines the sender got rid of while nothing was posted").isLessThan(offeredLines / 2);
            assertThat(h.inboxSize()).isLessThanOrEqualTo(TcpInput.INBOX_BATCHES);
            h.startReading();
            writer.join(30_000);
            Await.until("every line posted", Duration.ofSeconds(30), () -> h.ctx.posted == offeredLines);
        }
    }

    @Test
    void inputType_extensionSplitter_getsEachConnectionsLinesSeparately() throws Exception {
        InputType pairs = source -> new InputType.Splitter() {
            private String held;

            @Override
            public boolean line(String line, String terminator, long endOffset, InputType.Emitter out)
                    throws InterruptedException {
                if (held == null) {
                    held = line;
                    return true;
                }
                Event e = Event.ofRaw(held + "+" + line).set("Source", source);
                held = null;
                return out.emit(e, endOffset);
            }

            @Override
            public boolean idle(InputType.Emitter out) {
                return true;
            }

            @Override
            public boolean end(InputType.Emitter out) throws InterruptedException {
                return held == null || out.emit(Event.ofRaw(held + "+end"), 0);
            }

            @Override
            public boolean holding() {
                return held != null;
            }
        };
        try (TcpInputHarness h = harness("InputType", "pairs").addExtension("pairs", "xm_test", pairs).start()
                .startReading(); Socket a = h.connect(); Socket b = h.connect()) {
            a.getOutputStream().write("a1\n".getBytes(StandardCharsets.US_ASCII));
            b.getOutputStream().write("b1\nb2\n".getBytes(StandardCharsets.US_ASCII));
            h.awaitEvents(1);
            a.getOutputStream().write("a2\na3\n".getBytes(StandardCharsets.US_ASCII));
            h.awaitEvents(2);
            a.close();
            h.awaitEvents(3);
            assertThat(h.raws()).containsExactlyInAnyOrder("b1+b2", "a1+a2", "a3+end");
            assertThat(h.events()).filteredOn(e -> e.raw().startsWith("b1")).first()
                    .satisfies(e -> assertThat(e.getString("Source")).startsWith("127.0.0.1:"));
        }
    }

    @Test
    void inputType_delimitedExtension_cutsAtItsByteAndWarnsAboutRejectedRecords() throws Exception {
        DelimitedInputType nul = new DelimitedInputType() {
            @Override
            public byte delimiter() {
                return 0;
            }

            @Override
            public Event record(byte[] data, int offset, int length, String peer) {
                String s = new String(data, offset, length, StandardCharsets.UTF_8);
                if (!s.startsWith("{")) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                return Event.ofRaw(s);
            }
        };
        try (TcpInputHarness h = harness("InputType", "gelf").addExtension("gelf", "xm_gelf", nul).start()
                .startReading(); Socket s = h.connect()) {
            s.getOutputStream().write("{\"a\":1}\0bad\0\0{\"b\":\n2}\0".getBytes(StandardCharsets.UTF_8));
            h.awaitEvents(2);
            assertThat(h.raws()).containsExactly("{\"a\":1}", "{\"b\":\n2}");
            Await.until("the rejection warning", () -> h.ctx.counter("records_rejected") == 1);
            assertThat(h.warnings()).anyMatch(w -> w.contains("127.0.0.1:") && w.contains("not a JSON object"));
        }
    }

    @Test
    void anInputTypeThatThrows_closesOnlyThatConnection() throws Exception {
        InputType fragile = source -> new InputType.Splitter() {
            @Override
            public boolean line(String line, String terminator, long endOffset, InputType.Emitter out)
                    throws InterruptedException {
                if (line.equals("boom")) {
                    throw new IllegalStateException("cannot cope");
                }
                return out.emit(Event.ofRaw(line), endOffset);
            }

            @Override
            public boolean idle(InputType.Emitter out) {
                return true;
            }

            @Override
            public boolean end(InputType.Emitter out) {
                return true;
            }

            @Override
            public boolean holding() {
                return false;
            }
        };
        try (TcpInputHarness h = harness("InputType", "fragile").addExtension("fragile", "xm_test", fragile).start()
                .startReading(); Socket bad = h.connect(); Socket good = h.connect()) {
            bad.getOutputStream().write("ok\nboom\n".getBytes(StandardCharsets.US_ASCII));
            Await.until("the failure logged", () -> !h.warnings().isEmpty());
            good.getOutputStream().write("still flowing\n".getBytes(StandardCharsets.US_ASCII));
            h.awaitEvents(2);
            assertThat(h.raws()).containsExactly("ok", "still flowing");
            assertThat(h.warnings()).singleElement().asString().contains("127.0.0.1:" + bad.getLocalPort())
                    .contains("cannot cope");
        }
    }

    @Test
    void config_errors_areReportedTogetherWithTheirLocations() {
        assertThatThrownBy(() -> provider.create(ModuleConfigs.of(provider, "in", tmp, tmp, tmp, "ListenAddr",
                "[::1", "InputType", "Binary")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ListenAddr: '[::1': '[' without ']'")
                .hasMessageContaining("InputType: Binary is not available");
        assertThatThrownBy(() -> provider.create(ModuleConfigs.of(provider, "in", tmp, tmp, tmp, "ListenAddr",
                "0.0.0.0", "Host", "0.0.0.0")))
                .hasMessageContaining("Host is the older name of ListenAddr");
    }

    @Test
    void start_whenThePortIsTaken_failsNamingTheAddress() throws Exception {
        try (TcpInputHarness first = harness().start()) {
            TcpInputHarness second = new TcpInputHarness(provider, tmp, "ListenAddr", "127.0.0.1",
                    "Port", String.valueOf(first.port()));
            assertThatThrownBy(second::start).hasMessageContaining("net: cannot listen on 127.0.0.1:" + first.port());
        }
    }

    @Test
    void repeatedListenAddr_oneInputServesEveryAddress_ipv6Included() throws Exception {
        boolean v6 = java.net.NetworkInterface.networkInterfaces().flatMap(java.net.NetworkInterface::inetAddresses)
                .anyMatch(a -> a instanceof java.net.Inet6Address && a.isLoopbackAddress());
        List<String> pairs = new ArrayList<>(List.of("ListenAddr", "127.0.0.1:0", "ListenAddr", "127.0.0.1:0"));
        if (v6) {
            pairs.addAll(List.of("ListenAddr", "[::1]:0"));
        }
        try (TcpInputHarness h = new TcpInputHarness(provider, tmp, pairs.toArray(String[]::new)).start()
                .startReading()) {
            List<java.net.SocketAddress> bound = h.input.boundAddresses();
            assertThat(bound).hasSize(v6 ? 3 : 2);
            for (java.net.SocketAddress a : bound) {
                try (Socket s = new Socket()) {
                    s.connect(a, 5_000);
                    s.getOutputStream().write(("to " + a + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            h.awaitEvents(bound.size());
            if (v6) {
                assertThat(h.events()).anyMatch(e -> "0:0:0:0:0:0:0:1".equals(e.getString("MessageSourceAddress")));
            }
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().endsWith("-selector")
                    && t.getName().contains("net")).hasSize(1);
        }
    }

    @Test
    void listenAddress_parsesNxlogForms() {
        assertThat(InputListenAddress.parse("0.0.0.0:1514", 514)).isEqualTo(new InputListenAddress("0.0.0.0", 1514));
        assertThat(InputListenAddress.parse("localhost", 514)).isEqualTo(new InputListenAddress("localhost", 514));
        assertThat(InputListenAddress.parse("[::1]:6514", 514)).isEqualTo(new InputListenAddress("::1", 6514));
        assertThat(InputListenAddress.parse("[::]", 514)).isEqualTo(new InputListenAddress("::", 514));
        assertThat(InputListenAddress.parse("::1", 514)).isEqualTo(new InputListenAddress("::1", 514));
        assertThatThrownBy(() -> InputListenAddress.parse("host:http", 514)).hasMessageContaining("not a number");
        assertThatThrownBy(() -> InputListenAddress.parse("host:70000", 514)).hasMessageContaining("65535");
    }
}
