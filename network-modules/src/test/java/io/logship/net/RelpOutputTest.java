package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.ConfigException;
import io.logship.api.Event;
import io.logship.api.RetriableException;
import io.logship.testkit.TestConfig;
import io.logship.testkit.TestModuleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** om_relp against {@link RelpSpecResponder}, a RELP server written from the spec in the test tree. */
class RelpOutputTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    @TempDir
    Path tmp;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private RelpOutput output;
    private TestModuleContext ctx;

    @AfterEach
    void tearDown() throws Exception {
        if (output != null) {
            output.stop();
        }
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private RelpSpecResponder responder() throws Exception {
        RelpSpecResponder r = new RelpSpecResponder();
        closing.add(r);
        return r;
    }

    private RelpOutput start(String... directives) throws Exception {
        output = (RelpOutput) TestConfig.create(new RelpOutputProvider(), "relp", tmp, directives);
        ctx = new TestModuleContext("om_relp", "relp", tmp);
        output.start(ctx);
        return output;
    }

    private static List<String> numbered(int n) {
        return IntStream.range(0, n).mapToObj(i -> "<13>1 - h app - - - event " + i).toList();
    }

    private long logged(String level, String text) {
        return ctx.logged().stream().filter(l -> l.startsWith(level + " ") && l.contains(text)).count();
    }

    @Test
    void writeThenFlush_everyEventAcknowledged_inOrder() throws Exception {
        RelpSpecResponder r = responder();
        start("Host", "127.0.0.1:" + r.port());
        List<String> events = numbered(1000);
        for (String e : events) {
            output.write(Event.ofRaw(e));
        }
        output.flush();
        assertThat(output.held()).isZero();
        assertThat(r.received).containsExactlyElementsOf(events);
        assertThat(r.commands.get(0)).isEqualTo("open");
        assertThat(ctx.counter("relp.acked")).isEqualTo(1000);
        assertThat(ctx.logged()).noneMatch(l -> l.startsWith("WARN") || l.startsWith("ERROR"));
    }

    @Test
    void flush_whileTheReceiverHoldsItsAcknowledgements_returnsOnlyOnceTheyArrive() throws Exception {
        RelpSpecResponder r = responder();
        start("Host", "127.0.0.1:" + r.port());
        r.holdAcks = true;
        for (String e : numbered(3)) {
            output.write(Event.ofRaw(e));
        }
        CompletableFuture<Void> flush = CompletableFuture.runAsync(() -> call(output::flush));
        RelpAwait.until("3 messages at the receiver", WAIT, () -> r.received.size() == 3);
        RelpAwait.until("the flush to be waiting on the socket", WAIT, () -> output.held() == 3);
        assertThat(flush).as("flush returned before any acknowledgement").isNotDone();
        r.holdAcks = false;
        flush.get(10, TimeUnit.SECONDS);
        assertThat(output.held()).isZero();
    }

    @Test
    void write_whenTheWindowIsFull_waitsForAnAcknowledgement() throws Exception {
        RelpSpecResponder r = responder();
        start("Host", "127.0.0.1:" + r.port(), "WindowSize", "4");
        r.holdAcks = true;
        AtomicInteger written = new AtomicInteger();
        CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
            for (String e : numbered(5)) {
                call(() -> output.write(Event.ofRaw(e)));
                written.incrementAndGet();
            }
        });
        RelpAwait.until("4 writes", WAIT, () -> written.get() == 4);
        RelpAwait.until("4 messages at the receiver", WAIT, () -> r.received.size() == 4);
        assertThat(writes).as("the fifth write went past a full window").isNotDone();
        assertThat(r.received).hasSize(4);
        r.holdAcks = false;
        writes.get(10, TimeUnit.SECONDS);
        output.flush();
        assertThat(r.received).containsExactlyElementsOf(numbered(5));
    }

    @Test
    void receiverDiesBeforeAnswering_unacknowledgedEventsSentAgainInOrder_oneWarn() throws Exception {
        RelpSpecResponder r = responder();
        start("Host", "127.0.0.1:" + r.port(), "Reconnect", "20ms", "WindowSize", "16");
        r.dropAfter = 50;
        List<String> events = numbered(200);
        for (int i = 0; i < events.size(); i++) {
            output.write(Event.ofRaw(events.get(i)));
            if (i % 20 == 19) {
                output.flush();
            }
        }
        output.flush();
        assertThat(r.distinct()).as("every event, in order of first arrival").containsExactlyElementsOf(events);
        int duplicates = r.received.size() - events.size();
        assertThat(duplicates).as("sent again: at most one window").isBetween(1, 16);
        assertThat(r.received.subList(50, r.received.size())).as("after the reconnect, in order")
                .isSortedAccordingTo((a, b) -> Integer.compare(events.indexOf(a), events.indexOf(b)));
        assertThat(r.connections).isEqualTo(2);
        assertThat(logged("WARN", "RELP to 127.0.0.1:" + r.port() + " failed: ")).isEqualTo(1);
        assertThat(logged("INFO", "delivering again after 1 failed attempt(s)")).isEqualTo(1);
        assertThat(ctx.counter("relp.resent")).as("sent again, received or not").isBetween((long) duplicates, 16L);
    }

    @Test
    void receiverDown_waitsWithOneWarnPerBurst_thenDelivers() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        start("Host", "127.0.0.1:" + port, "Reconnect", "10ms");
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> call(() -> {
            output.write(Event.ofRaw("first"));
            output.flush();
        }));
        RelpAwait.until("3 failed attempts", WAIT, () -> ctx.counter("relp.reconnects") >= 3);
        assertThat(write).isNotDone();
        RelpSpecResponder r = new RelpSpecResponder(port);
        closing.add(r);
        write.get(70, TimeUnit.SECONDS);
        assertThat(r.received).containsExactly("first");
        assertThat(logged("WARN", "RELP to 127.0.0.1:" + port + " failed: connection refused")).isEqualTo(1);
        assertThat(ctx.logged()).filteredOn(l -> l.startsWith("WARN")).hasSize(1);
    }

    @Test
    void garbageFromTheReceiver_sessionDroppedAndOpenedAgain_namingThePeer() throws Exception {
        RelpSpecResponder r = responder();
        r.garbageOnce = true;
        start("Host", "127.0.0.1:" + r.port(), "Reconnect", "10ms");
        output.write(Event.ofRaw("one"));
        output.flush();
        assertThat(r.received).containsExactly("one");
        assertThat(logged("WARN", "RELP to 127.0.0.1:" + r.port() + " failed: not a RELP frame at stream offset 0: "
                + "a frame must start with a transaction number")).isEqualTo(1);
    }

    @Test
    void rejectedEvent_keptInTheDeadLetterFile_othersDelivered() throws Exception {
        RelpSpecResponder r = responder();
        r.reject = m -> m.equals("bad\tone");
        start("Host", "127.0.0.1:" + r.port());
        output.write(Event.ofRaw("good 1"));
        output.write(Event.ofRaw("bad\tone"));
        output.write(Event.ofRaw("good 2"));
        output.flush();
        assertThat(r.received).containsExactly("good 1", "bad\tone", "good 2");
        List<String> dead = Files.readAllLines(tmp.resolve("relp.relp-rejected"));
        assertThat(dead).singleElement().asString().endsWith("\t500 rejected by test\tbad\\tone");
        assertThat(ctx.counter("relp.rejected")).isEqualTo(1);
        assertThat(ctx.counter("relp.acked")).isEqualTo(2);
        assertThat(logged("ERROR", "rejected an event with 500 rejected by test")).isEqualTo(1);
    }

    @Test
    void failover_firstHostDown_eventsGoToTheNext() throws Exception {
        int dead;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            dead = probe.getLocalPort();
        }
        RelpSpecResponder r = responder();
        start("Host", "127.0.0.1:" + dead, "Host", "127.0.0.1", "Port", String.valueOf(r.port()),
                "Reconnect", "10ms");
        output.write(Event.ofRaw("one"));
        output.flush();
        assertThat(r.received).containsExactly("one");
    }

    @Test
    void stop_whileAFlushWaits_makesItReturn() throws Exception {
        RelpSpecResponder r = responder();
        start("Host", "127.0.0.1:" + r.port());
        r.holdAcks = true;
        output.write(Event.ofRaw("one"));
        CompletableFuture<Void> flush = CompletableFuture.runAsync(() -> call(output::flush));
        RelpAwait.until("the message at the receiver", WAIT, () -> r.received.size() == 1);
        output.stop();
        assertThatThrownBy(() -> flush.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(RetriableException.class)
                .rootCause().hasMessageContaining("stopping; 1 unacknowledged event(s) not committed");
        r.holdAcks = false;
    }

    @Test
    void stop_whenIdle_closesTheSessionAsTheSpecSays() throws Exception {
        RelpSpecResponder r = responder();
        start("Host", "127.0.0.1:" + r.port());
        output.write(Event.ofRaw("one"));
        output.flush();
        output.stop();
        RelpAwait.until("close at the receiver", WAIT, () -> r.commands.contains("close"));
        assertThat(r.commands).containsExactly("open", "syslog", "close");
    }

    @Test
    void create_badHostOrTimeout_isAConfigProblemAtItsLine() {
        assertThatThrownBy(() -> TestConfig.create(new RelpOutputProvider(), "relp", tmp, "Host", "h:0"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.conf:1: relp: Host: 'h:0': port 0 is not between 1 and 65535");
        assertThatThrownBy(() -> TestConfig.create(new RelpOutputProvider(), "relp", tmp, "Host", "h",
                "Timeout", "0")).hasMessage("test.conf:2: relp: Timeout: must be more than 0");
        assertThatThrownBy(() -> TestConfig.of(new RelpOutputProvider(), "relp", tmp, "Host", "h",
                "WindowSize", "0")).hasMessageContaining("must be between 1 and 100000");
    }

    interface Call {
        void run() throws Exception;
    }

    private static void call(Call c) {
        try {
            c.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }
}
