package io.logship.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.Event;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecEnvironment;
import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.testkit.TestModuleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonExtensionTest {
    @TempDir
    static Path tmp;
    private static PythonExtension ext;
    private static ExecFunction pythonCall;
    private static final TestModuleContext caller = new TestModuleContext("im_file", "in", Path.of("."));
    private final ExecContext ctx = new ExecContext(new ExecEnvironment("in", "im_file", caller.logger(),
            Clock.systemUTC(), ZoneOffset.UTC, "testhost", caller.metrics(), (where, e) -> { }));

    @BeforeAll
    static void load() throws Exception {
        Path script = tmp.resolve("fields.py");
        Files.writeString(script, String.join("\n",
                "import nxlog",
                "",
                "def tag(event):",
                "    event.set_field('Upper', event.get_field('raw_event').upper())",
                "    event.set_field('Length', len(event.get_field('raw_event')))",
                "    event.delete_field('secret')",
                "    nxlog.log_info('tagged ' + str(event.get_field('Length')))",
                "",
                "def names(event):",
                "    event.set_field('Names', ','.join(sorted(event.field_names())))",
                "",
                "def fail(event):",
                "    raise ValueError('no good: ' + event.get_field('raw_event'))",
                ""));
        XmPythonProvider p = new XmPythonProvider();
        ext = (PythonExtension) p.create(Scripts.config(p, "py", tmp, "PythonCode", script.toString()));
        ext.start(new TestModuleContext("xm_python", "py", tmp));
        pythonCall = ext.execFunctions().get(0);
    }

    @AfterAll
    static void stop() {
        ext.stop();
    }

    private void call(Event e, String fn) {
        pythonCall.impl().call(ctx.reset(e), new Object[] {fn});
    }

    @Test
    void pythonCall_changesTheEventThroughNxlogsLogDataApi() {
        Event e = Event.ofRaw("hello").set("secret", "s3cr3t");
        call(e, "tag");
        assertThat(e.get("Upper")).isEqualTo("HELLO");
        assertThat(e.get("Length")).isEqualTo(5L);
        assertThat(e.has("secret")).isFalse();
        call(e, "names");
        assertThat(e.get("Names")).isEqualTo("Length,Upper,raw_event");
    }

    @Test
    void pythonCall_whenTheFunctionRaises_failsTheStatementNamingFileLineAndError() {
        Event e = Event.ofRaw("bad");
        assertThatThrownBy(() -> call(e, "fail")).isInstanceOf(ExecError.class)
                .hasMessageContaining("fields.py:13")
                .hasMessageContaining("ValueError: no good: bad");
        assertThat(e.fields()).containsOnlyKeys("raw_event");
    }

    @Test
    void pythonCall_unknownFunctionOrNoEvent_failsSayingWhat() {
        assertThatThrownBy(() -> call(Event.ofRaw("x"), "nope")).isInstanceOf(ExecError.class)
                .hasMessageContaining("has no function nope(event)");
        assertThatThrownBy(() -> pythonCall.impl().call(ctx.reset(null), new Object[] {"tag"}))
                .isInstanceOf(ExecError.class).hasMessageContaining("no event here");
        assertThat(pythonCall.procedure()).isTrue();
        assertThat(pythonCall.acceptsArgCount(1)).isTrue();
        assertThat(pythonCall.acceptsArgCount(2)).isFalse();
    }
}
