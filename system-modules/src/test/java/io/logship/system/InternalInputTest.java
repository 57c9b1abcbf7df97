package io.logship.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import io.logship.api.Event;
import io.logship.host.config.ModuleConfigs;
import io.logship.testkit.TestInputContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class InternalInputTest {
    private final InternalInputProvider provider = new InternalInputProvider();
    @TempDir
    Path tmp;
    private InternalInput input;
    private TestInputContext ctx;
    private final Logger moduleLogger = LoggerFactory.getLogger("logship.some_out");

    @AfterEach
    void stop() {
        if (input != null) {
            input.stop();
        }
    }

    private void start(String... pairs) throws Exception {
        input = (InternalInput) provider.create(ModuleConfigs.of(provider, "internal", tmp, tmp, tmp, pairs));
        ctx = new TestInputContext("im_internal", "internal", tmp);
        input.start(ctx);
    }

    private List<String> messagesPostedFrom(String prefix) {
        return ctx.events.stream().map(e -> e.getString("Message")).filter(m -> m.startsWith(prefix)).toList();
    }

    @Test
    void read_postsInfoAndUpRecordsWithNxlogFields() throws Exception {
        start();
        Instant before = Instant.now();
        moduleLogger.debug("probe-1 not wanted");
        moduleLogger.info("probe-2 hello {}", "world");
        moduleLogger.warn("probe-3 careful");
        moduleLogger.error("probe-4 failed", new java.io.IOException("disk full"));
        LoggerFactory.getLogger("logship.agent").info("probe-5 from the host");
        input.read(ctx);

        assertThat(messagesPostedFrom("probe-")).containsExactly("probe-2 hello world", "probe-3 careful",
                "probe-4 failed: java.io.IOException: disk full", "probe-5 from the host");
        Event e = ctx.events.stream().filter(x -> x.getString("Message").startsWith("probe-2")).findFirst()
                .orElseThrow();
        assertThat(e.raw()).isEqualTo("probe-2 hello world");
        assertThat(e.get("Severity")).isEqualTo("INFO");
        assertThat(e.get("SeverityValue")).isEqualTo(2L);
        assertThat(e.get("SourceName")).isEqualTo("logship");
        assertThat(e.get("ModuleName")).isEqualTo("some_out");
        assertThat(e.get("ProcessID")).isEqualTo(ProcessHandle.current().pid());
        assertThat(e.get("Hostname")).isEqualTo("testhost");
        assertThat(e.getTime("EventTime")).isBetween(before.minusMillis(1), Instant.now());
        Event warn = ctx.events.stream().filter(x -> x.getString("Message").startsWith("probe-3")).findFirst()
                .orElseThrow();
        assertThat(warn.get("Severity")).isEqualTo("WARNING");
        assertThat(warn.get("SeverityValue")).isEqualTo(3L);
        Event host = ctx.events.stream().filter(x -> x.getString("Message").startsWith("probe-5")).findFirst()
                .orElseThrow();
        assertThat(host.has("ModuleName")).isFalse();
    }

    @Test
    void recordsLoggedWhileDeliveringAnInternalEvent_areNotPostedAgain() throws Exception {
        start();
        // an output failing on the event while it is posted (a processor running in post) ...
        ctx.onPost = event -> moduleLogger.error("loop-1 write failed on {}", event.getString("Message"));
        moduleLogger.warn("seed-1");
        input.read(ctx);
        // ... and on the host's output thread, which marks the delivery of im_internal events
        Thread output = new Thread(() -> {
            MDC.put(InternalAppender.DELIVERING, "internal");
            try {
                moduleLogger.error("loop-2 write failed on an im_internal event");
            } finally {
                MDC.remove(InternalAppender.DELIVERING);
            }
            moduleLogger.error("other-1 a failure not about im_internal");
        });
        output.start();
        output.join();
        ctx.onPost = event -> { };
        input.read(ctx);

        assertThat(messagesPostedFrom("seed-")).containsExactly("seed-1");
        assertThat(messagesPostedFrom("loop-")).isEmpty();
        assertThat(messagesPostedFrom("other-")).containsExactly("other-1 a failure not about im_internal");
        assertThat(ctx.counter("internal.loops_suppressed")).isEqualTo(2);
    }

    @Test
    void fullQueue_dropsTheOldestWithoutBlockingAndCountsThem() throws Exception {
        start("LogqueueSize", "3");
        for (int i = 1; i <= 10; i++) {
            moduleLogger.info("burst-{}", i); // nobody reads yet: the logging thread must not wait
        }
        input.read(ctx);
        assertThat(messagesPostedFrom("burst-")).containsExactly("burst-8", "burst-9", "burst-10");
        assertThat(ctx.counter("internal.dropped")).isEqualTo(7);
        assertThat(ctx.logged()).anyMatch(l -> l.startsWith("WARN") && l.contains("7 log records dropped"));
        ctx.events.clear();
        input.read(ctx);
        assertThat(messagesPostedFrom("internal: ")).as("its own warning is not read back").isEmpty();
    }

    @Test
    void stop_removesTheAppender() throws Exception {
        start();
        ch.qos.logback.classic.Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory())
                .getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("im_internal:internal")).isNotNull();
        input.stop();
        assertThat(root.getAppender("im_internal:internal")).isNull();
        input = null;
    }
}
