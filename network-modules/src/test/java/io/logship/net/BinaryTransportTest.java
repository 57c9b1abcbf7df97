package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Event;
import io.logship.host.config.ModuleConfigs;
import io.logship.testkit.TestInputContext;
import io.logship.testkit.TestModuleContext;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * logship to logship over {@code Binary}: {@link BinaryOutput} to im_tcp with {@code InputType Binary}
 * ({@link BinaryInput}), the receiving host played by a thread that calls read and, when the test says so, commits
 * what was posted, as the host does once its outputs flushed.
 */
class BinaryTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path tmp;
    private final List<Receiver> receivers = new ArrayList<>();
    private BinaryOutput output;

    /** A receiving agent: the input, its context, and the host's read loop with commits. */
    final class Receiver implements AutoCloseable {
        final BinaryInput input;
        final TestInputContext ctx = new TestInputContext("im_tcp", "in", tmp);
        volatile boolean commit = true;
        /** Events committed so far (the first this many of ctx.events): what survives this agent's death. */
        volatile int committedEvents;
        private final Thread host;
        private volatile boolean running = true;

        Receiver(int port) throws Exception {
            this(new TcpInputProvider(), port);
        }

        Receiver(io.logship.api.ModuleProvider p, int port, String... more) throws Exception {
            List<String> nv = new ArrayList<>(List.of("ListenAddr", "127.0.0.1", "Port", String.valueOf(port),
                    "InputType", "Binary"));
            nv.addAll(List.of(more));
            input = (BinaryInput) p.create(ModuleConfigs.of(p, "in", tmp, tmp, tmp, nv.toArray(String[]::new)));
            input.start(ctx);
            host = new Thread(() -> {
                try {
                    while (running) {
                        input.read(ctx);
                        if (commit) {
                            synchronized (ctx.events) {
                                // what the host commits once its outputs flushed: the newest position of each stream
                                for (int i = committedEvents; i < ctx.events.size(); i++) {
                                    io.logship.api.Position pos = ctx.events.get(i).position();
                                    ctx.committed.put(pos.stream(), pos.value());
                                }
                                committedEvents = ctx.events.size();
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "test-host");
            host.start();
            receivers.add(this);
        }

        int port() {
            return ((InetSocketAddress) input.boundAddresses().get(0)).getPort();
        }

        @Override
        public void close() throws Exception {
            running = false;
            host.join(5000);
            input.stop();
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (output != null) {
            output.stop();
        }
        for (Receiver r : receivers) {
            r.close();
        }
    }

    /** om_tcp with OutputType Binary, through its provider, reconnecting every 20 ms. */
    private BinaryOutput output(int port) throws Exception {
        return output(new TcpOutputProvider(), "127.0.0.1:" + port);
    }

    private BinaryOutput output(io.logship.api.ModuleProvider p, String host, String... more) throws Exception {
        List<String> nv = new ArrayList<>(List.of("Host", host, "OutputType", "Binary", "Reconnect", "20ms"));
        nv.addAll(List.of(more));
        output = (BinaryOutput) p.create(ModuleConfigs.of(p, "out", tmp, tmp, tmp, nv.toArray(String[]::new)));
        output.start(new TestModuleContext(p.name(), "out", tmp));
        return output;
    }

    private static CompletableFuture<Void> async(RelpOutputTest.Call c) {
        return CompletableFuture.runAsync(() -> {
            try {
                c.run();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    @Test
    void everyFieldAndType_arrivesAsSent() throws Exception {
        Receiver r = new Receiver(0);
        output(r.port());
        Event all = BinaryFramesTest.everyType();
        output.write(all);
        output.write(Event.ofRaw("second").set("n", 2L));
        output.flush();
        assertThat(r.ctx.events).hasSize(2);
        Event got = r.ctx.events.get(0);
        for (Map.Entry<String, Object> f : all.fields().entrySet()) {
            Object v = got.get(f.getKey());
            assertThat(Event.typeName(v)).as(f.getKey()).isEqualTo(Event.typeName(f.getValue()));
            assertThat(BinaryFrames.encode(1, new Event().set("x", v)))
                    .as(f.getKey()).isEqualTo(BinaryFrames.encode(1, new Event().set("x", f.getValue())));
        }
        assertThat(got.size()).as("the sender's MessageSourceAddress kept, no field added").isEqualTo(all.size());
        assertThat(r.ctx.events.get(1).get(TcpInputConnection.SOURCE_ADDRESS)).as("added when absent")
                .isEqualTo("127.0.0.1");
        assertThat(output.held()).isZero();
    }

    @Test
    void omSslToImSsl_everyFieldAndType_mutualTls() throws Exception {
        TlsFiles.Ca ca = TlsFiles.Ca.selfSigned(tmp.resolve("ca"), "binary test CA");
        TlsFiles server = TlsFiles.issue(ca, tmp.resolve("server"), "127.0.0.1");
        TlsFiles client = TlsFiles.issue(ca, tmp.resolve("client"), "sender.example");
        Receiver r = new Receiver(new SslInputProvider(), 0, "CAFile", ca.pem().toString(), "CertFile",
                server.cert().toString(), "CertKeyFile", server.key().toString());
        output(new TlsOutputProvider(), "127.0.0.1:" + r.port(), "CAFile", ca.pem().toString(), "CertFile",
                client.cert().toString(), "CertKeyFile", client.key().toString());
        Event all = BinaryFramesTest.everyType();
        for (int i = 0; i < 1000; i++) {
            output.write(all.copy().set("i", (long) i));
        }
        output.flush();
        assertThat(r.ctx.events).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            Event got = r.ctx.events.get(i);
            assertThat(got.get("i")).isEqualTo((long) i);
            assertThat(BinaryFrames.encode(1, got)).as("event %d, every field, type and value", i)
                    .isEqualTo(BinaryFrames.encode(1, all.copy().set("i", (long) i)));
        }
    }

    @Test
    void omSsl_receiverWithAnotherCa_oneWarnNothingSent() throws Exception {
        TlsFiles.Ca ca = TlsFiles.Ca.selfSigned(tmp.resolve("ca"), "binary test CA");
        TlsFiles.Ca other = TlsFiles.Ca.selfSigned(tmp.resolve("other"), "another CA");
        TlsFiles server = TlsFiles.issue(other, tmp.resolve("server"), "127.0.0.1");
        Receiver r = new Receiver(new SslInputProvider(), 0, "CAFile", other.pem().toString(), "CertFile",
                server.cert().toString(), "CertKeyFile", server.key().toString(), "RequireCert", "FALSE");
        TlsOutputProvider p = new TlsOutputProvider();
        output = (BinaryOutput) p.create(ModuleConfigs.of(p, "out", tmp, tmp, tmp, "Host", "127.0.0.1:" + r.port(),
                "OutputType", "Binary", "Reconnect", "20ms", "CAFile", ca.pem().toString()));
        TestModuleContext octx = new TestModuleContext("om_ssl", "out", tmp);
        output.start(octx);
        CompletableFuture<Void> send = async(() -> {
            output.write(Event.ofRaw("never"));
            output.flush();
        });
        RelpAwait.until("3 refused handshakes", WAIT, () -> octx.counter("binary.reconnects") >= 3);
        output.stop();
        assertThat(send).failsWithin(Duration.ofSeconds(10));
        assertThat(octx.logged()).filteredOn(l -> l.startsWith("WARN")).singleElement().asString()
                .contains("Binary to 127.0.0.1:" + r.port() + " failed: certificate not trusted");
        assertThat(r.ctx.events).isEmpty();
    }

    @Test
    void garbageAndABadFrame_closeOrSkipOnlyThat_otherSendersGoOn() throws Exception {
        Receiver r = new Receiver(0);
        try (java.net.Socket garbage = new java.net.Socket("127.0.0.1", r.port());
             java.net.Socket badFrame = new java.net.Socket("127.0.0.1", r.port())) {
            garbage.getOutputStream().write("<13>1 2026-12-04T18:00:00Z h app - - - syslog text\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            // a frame with an unknown type tag, then a good one: only the first is lost
            badFrame.getOutputStream().write(java.nio.ByteBuffer.allocate(19).putInt(15).putLong(1)
                    .put(new byte[] {1, 0, 1, 0, 1, 'a', 42}).array());
            badFrame.getOutputStream().write(BinaryFrames.encode(2, Event.ofRaw("after the bad frame")));
            output(r.port());
            output.write(Event.ofRaw("from a good sender"));
            output.flush();
            RelpAwait.until("the event after the bad frame", WAIT, () -> r.ctx.events.size() == 2);
            RelpAwait.until("the bad frame's acknowledgement", WAIT, () -> acked(badFrame) == 2);
            RelpAwait.until("the garbage connection closed", WAIT, () -> r.ctx.counter("framing_errors") == 1);
        }
        assertThat(r.ctx.raws()).containsExactlyInAnyOrder("from a good sender", "after the bad frame");
        assertThat(r.ctx.logged()).filteredOn(l -> l.startsWith("WARN")).hasSize(2)
                .anyMatch(l -> l.contains("closing the connection from 127.0.0.1:") && l.contains("frame length "
                        + "1009857342 is over the limit"))
                .anyMatch(l -> l.contains("Binary frame 1 skipped: field a has unknown type tag 42"));
        assertThat(r.ctx.counter("framing_errors")).isEqualTo(1);
        assertThat(r.ctx.counter("records_rejected")).isEqualTo(1);
    }

    /** The last acknowledgement a raw test sender received (reads what has arrived). */
    private static long acked(java.net.Socket s) {
        try {
            s.setSoTimeout(50);
            byte[] b = new byte[8];
            int n = s.getInputStream().readNBytes(b, 0, 8);
            return n == 8 ? java.nio.ByteBuffer.wrap(b).getLong() : -1;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    @Test
    void slowSender_partialFrameForLongerThanIncompleteRecordTimeout_isClosed_othersGoOn() throws Exception {
        Receiver r = new Receiver(new TcpInputProvider(), 0, "IncompleteRecordTimeout", "300ms");
        byte[] frame = BinaryFrames.encode(1, Event.ofRaw("never completed"));
        try (java.net.Socket slow = new java.net.Socket("127.0.0.1", r.port())) {
            java.io.OutputStream o = slow.getOutputStream();
            o.write(frame, 0, 5);
            o.flush();
            output(r.port());
            output.write(Event.ofRaw("from a good sender"));
            output.flush();
            RelpAwait.until("the slow connection closed", WAIT,
                    () -> r.ctx.counter("incomplete_record_timeouts") == 1);
        }
        assertThat(r.ctx.raws()).containsExactly("from a good sender");
        assertThat(r.ctx.logged()).filteredOn(l -> l.startsWith("WARN")).singleElement().asString()
                .contains("closing the connection from 127.0.0.1:")
                .contains("a Binary frame was incomplete for more than 300 ms (IncompleteRecordTimeout)");
    }

    @Test
    void flush_returnsOnlyOnceTheReceivingAgentCommitted() throws Exception {
        Receiver r = new Receiver(0);
        r.commit = false;
        output(r.port());
        for (int i = 0; i < 3; i++) {
            output.write(Event.ofRaw("e" + i));
        }
        CompletableFuture<Void> flush = async(output::flush);
        RelpAwait.until("3 events posted at the receiver", WAIT, () -> r.ctx.events.size() == 3);
        assertThat(flush).as("flush returned before the receiver committed").isNotDone();
        r.commit = true;
        flush.get(10, TimeUnit.SECONDS);
        assertThat(output.held()).isZero();
    }

    @Test
    void receivingAgentKilledTwice_nothingLost_inOrder() throws Exception {
        Receiver first = new Receiver(0);
        int port = first.port();
        output(port);
        int n = 20_000;
        List<String> lines = IntStream.range(0, n).mapToObj(i -> "event " + i).toList();
        List<String> arrived = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Void> send = async(() -> {
            for (int i = 0; i < n; i++) {
                output.write(Event.ofRaw(lines.get(i)));
                if (i % 500 == 499) {
                    output.flush();
                }
            }
            output.flush();
        });
        Receiver current = first;
        for (int kill = 1; kill <= 2; kill++) {
            Receiver r = current;
            RelpAwait.until(n / 3 + " events at receiver " + kill, WAIT, () -> r.ctx.events.size() >= n / 3);
            // the agent dies: only what it committed (its outputs flushed) survives; the rest was never acknowledged
            r.close();
            arrived.addAll(r.ctx.raws().subList(0, r.committedEvents));
            current = new Receiver(port);
        }
        send.get(60, TimeUnit.SECONDS);
        arrived.addAll(current.ctx.raws());
        List<String> distinct = arrived.stream().distinct().toList();
        System.out.printf("BinaryTransportTest: %d events, receiver killed twice: lost %d, duplicated %d%n", n,
                n - distinct.size(), arrived.size() - distinct.size());
        assertThat(distinct).containsExactlyElementsOf(lines);
    }
}
