package io.logship.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.ConfigException;
import io.logship.api.Event;
import io.logship.api.InputModule;
import io.logship.api.LogshipException;
import io.logship.api.Position;
import io.logship.testkit.TestInputContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonInputTest {
    private final ImPythonProvider provider = new ImPythonProvider();

    @TempDir
    Path tmp;

    private InputModule start(TestInputContext ctx, String... pairs) throws Exception {
        InputModule in = (InputModule) provider.create(Scripts.config(provider, ctx.instanceName(), tmp, pairs));
        in.start(ctx);
        return in;
    }

    @Test
    void read_whenRestartedAfterCommit_resumesFromCommittedPosition() throws Exception {
        TestInputContext first = new TestInputContext("im_python", "counter", tmp);
        InputModule in = start(first, "PythonCode", "counter_input.py", "Param", "limit=250", "Param", "batch=100");
        try {
            first.runUntilIdle(in, 1);   // one read: events 1..100, then the agent "crashes"
        } finally {
            in.stop();
        }
        assertThat(first.events).hasSize(100);
        assertThat(first.scheduled).isEqualTo(Duration.ZERO);
        assertThat(first.events.get(0).raw()).isEqualTo("event 1");
        assertThat(first.events.get(99).getLong("n")).isEqualTo(100L);
        assertThat(first.events.get(99).position()).isEqualTo(new Position("", "100"));

        // the host committed only up to event 60 (outputs had flushed that far) before the restart
        TestInputContext second = new TestInputContext("im_python", "counter", tmp);
        first.events.subList(60, 100).clear();
        first.commitAll();
        second.committed.putAll(first.committed);
        assertThat(second.committed).containsEntry("", "60");
        InputModule again = start(second, "PythonCode", "counter_input.py", "Param", "limit=250",
                "Param", "batch=100");
        try {
            second.runUntilIdle(again, 10);
        } finally {
            again.stop();
        }
        assertThat(second.events).extracting(e -> e.getLong("n"))
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(61, 250).boxed().toList());
        assertThat(second.scheduled).as("no read scheduled after the limit").isNull();
        assertThat(second.reads).isEqualTo(2);
    }

    @Test
    void read_whenSeedStyleScript_callsReadEventAndSchedulesAddReadEvent() throws Exception {
        TestInputContext ctx = new TestInputContext("im_python", "seed", tmp);
        ctx.committed.put("", "MYSERVER/2018-05-17/12.36.34.1");
        InputModule in = start(ctx, "PythonCode", "seed_style.py");
        try {
            in.read(ctx);
        } finally {
            in.stop();
        }
        assertThat(ctx.events).extracting(e -> e.getString("key"))
                .containsExactly("MYSERVER/2018-05-17/12.36.35.1", "MYSERVER/2018-05-18/10.46.34.1");
        assertThat(ctx.events.get(1).position()).isEqualTo(Position.of("MYSERVER/2018-05-18/10.46.34.1"));
        assertThat(ctx.scheduled).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void read_whenTypesScript_postsEveryJavaType() throws Exception {
        TestInputContext ctx = new TestInputContext("im_python", "types", tmp);
        InputModule in = start(ctx, "PythonCode", "types_roundtrip.py");
        try {
            in.read(ctx);
        } finally {
            in.stop();
        }
        assertThat(ctx.events).hasSize(1);
        Event e = ctx.events.get(0);
        assertThat(e.get("text")).isEqualTo("héllo wörld");
        assertThat(e.get("count")).isEqualTo(9007199254740993L);
        assertThat(e.get("negative")).isEqualTo(-42L);
        assertThat(e.get("flag")).isEqualTo(Boolean.TRUE);
        assertThat(e.get("off")).isEqualTo(Boolean.FALSE);
        assertThat(e.get("ratio")).isEqualTo(0.25d);
        assertThat(e.get("when")).isEqualTo(java.time.Instant.parse("2024-02-29T13:14:15.123456Z"));
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        assertThat((byte[]) e.get("blob")).isEqualTo(all);
        assertThat(e.has("gone")).isFalse();
        assertThat(e.has("also_gone")).isFalse();
        assertThat(e.getString("names")).isEqualTo("text,count,negative,flag,off,ratio,when,blob");
        assertThat(ctx.scheduled).as("read_data did not set a timer: not called again").isNull();
    }

    @Test
    void read_whenHostAccessNotAllowed_scriptGetsFileIoButNoJava() throws Exception {
        TestInputContext ctx = new TestInputContext("im_python", "sandbox", tmp);
        Path probe = tmp.resolve("probe.txt");
        InputModule in = start(ctx, "PythonCode", "host_access.py", "Param", "probe=" + probe);
        try {
            in.read(ctx);
        } finally {
            in.stop();
        }
        assertThat(ctx.events.get(0).getString("host_access")).startsWith("denied");
        assertThat(ctx.events.get(0).getString("file_io")).isEqualTo("allowed");
        assertThat(Files.readString(probe)).isEqualTo("written from python\n");
    }

    @Test
    void read_whenAllowHostAccess_scriptReachesJava() throws Exception {
        TestInputContext ctx = new TestInputContext("im_python", "host", tmp);
        InputModule in = start(ctx, "PythonCode", "host_access.py", "Param", "probe=" + tmp.resolve("p.txt"),
                "AllowHostAccess", "TRUE");
        try {
            in.read(ctx);
        } finally {
            in.stop();
        }
        assertThat(ctx.events.get(0).getString("host_access"))
                .isEqualTo("allowed: " + System.getProperty("java.version"));
    }

    @Test
    void stop_whenReadCallbackNeverReturns_cancelsIt() throws Exception {
        TestInputContext ctx = new TestInputContext("im_python", "stuck", tmp);
        InputModule in = start(ctx, "PythonCode", "stuck_input.py");
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                in.read(ctx);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        reader.join(300);           // let it get into the loop (it never ends by itself)
        assertThat(reader.isAlive()).isTrue();
        in.stop();
        reader.join(30_000);
        assertThat(reader.isAlive()).as("read returned after stop").isFalse();
        assertThat(failure.get()).isNull();
    }

    @Test
    void start_whenSyntaxError_failsNamingFileAndLine() throws Exception {
        TestInputContext ctx = new TestInputContext("im_python", "broken", tmp);
        InputModule in = (InputModule) provider.create(Scripts.config(provider, "broken", tmp,
                "PythonCode", "syntax_error.py"));
        assertThatThrownBy(() -> in.start(ctx))
                .isInstanceOf(LogshipException.class)
                .hasMessageContaining(Scripts.script("syntax_error.py") + ":4")
                .hasMessageContaining("SyntaxError");
    }

    @Test
    void start_whenCallbackMissing_failsNamingFunction() throws Exception {
        TestInputContext ctx = new TestInputContext("im_python", "nocall", tmp);
        InputModule in = (InputModule) provider.create(Scripts.config(provider, "nocall", tmp,
                "PythonCode", "passthrough.py"));
        assertThatThrownBy(() -> in.start(ctx))
                .isInstanceOf(LogshipException.class)
                .hasMessageContaining("passthrough.py")
                .hasMessageContaining("read_data");
    }

    @Test
    void create_whenScriptMissing_reportsPythonCodeLocation() {
        assertThatThrownBy(() -> provider.create(Scripts.config(provider, "gone", tmp,
                "PythonCode", "no_such_script.py")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PythonCode")
                .hasMessageContaining("no_such_script.py");
    }

    @Test
    void directives_whenListed_includeNxlogOnes() {
        List<String> names = provider.directives().stream().map(d -> d.name()).toList();
        assertThat(names).contains("PythonCode", "Call", "AllowHostAccess", "Param");
    }
}
