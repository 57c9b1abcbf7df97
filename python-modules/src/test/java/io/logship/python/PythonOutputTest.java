package io.logship.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.Event;
import io.logship.api.InputModule;
import io.logship.api.LogshipException;
import io.logship.api.OutputModule;
import io.logship.api.Position;
import io.logship.api.RetriableException;
import io.logship.testkit.TestInputContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PythonOutputTest {
    private final OmPythonProvider provider = new OmPythonProvider();

    @TempDir
    Path tmp;

    private OutputModule start(String instance, String... pairs) throws Exception {
        OutputModule out = (OutputModule) provider.create(Scripts.config(provider, instance, tmp, pairs));
        out.start(new TestInputContext("om_python", instance, tmp));
        return out;
    }

    private static List<Event> numbered(int count) {
        List<Event> events = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            events.add(Event.ofRaw("event " + n).set("n", n).set("extra", "x" + n).position(Position.of("" + n)));
        }
        return events;
    }

    /** What the host does with a RetriableException: the same call again (write with the same event, or flush). */
    private static int withHostRetries(ThrowingCall call) throws Exception {
        for (int attempt = 1; attempt <= 20; attempt++) {
            try {
                call.run();
                return attempt;
            } catch (RetriableException retry) {
                assertThat(retry.getMessage()).contains("fail_every_tenth.py:13: ValueError");
            }
        }
        throw new AssertionError("not accepted after 20 attempts");
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void write_whenWriteFieldsScript_writesSelectedFieldsDurablyOnFlush() throws Exception {
        Path file = tmp.resolve("fields.tsv");
        OutputModule out = start("fields", "PythonCode", "write_fields.py", "FlushCall", "flush_data",
                "Param", "output=" + file, "Param", "fields=n,raw_event,absent");
        try {
            for (Event e : numbered(3)) {
                out.write(e);
            }
            out.flush();
            assertThat(Files.readAllLines(file)).containsExactly("1\tevent 1\t", "2\tevent 2\t", "3\tevent 3\t");
        } finally {
            out.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "7", "256"})
    void write_whenScriptRaisesWithOnErrorRetry_everyEventWrittenOnceInOrder(String batchSize) throws Exception {
        Path file = tmp.resolve("written.txt");
        OutputModule out = start("retry", "PythonCode", "fail_every_tenth.py", "Param", "output=" + file,
                "BatchSize", batchSize);
        int retried = 0;
        List<Event> events = numbered(100);
        try {
            for (Event e : events) {
                Event before = e.copy();
                retried += withHostRetries(() -> out.write(e)) - 1;
                assertThat(e.fields()).isEqualTo(before.fields());
            }
            retried += withHostRetries(out::flush) - 1;
        } finally {
            out.stop();
        }
        assertThat(retried).isEqualTo(11);   // calls 10, 20, ... 110 raised
        assertThat(Files.readAllLines(file)).map(Long::parseLong)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
    }

    @Test
    void write_whenScriptRaisesWithOnErrorDeadletter_failedEventsInDeadLetterFile() throws Exception {
        Path file = tmp.resolve("written.txt");
        OutputModule out = start("dlq/out", "PythonCode", "fail_every_tenth.py", "Param", "output=" + file,
                "OnError", "deadletter");
        try {
            for (Event e : numbered(100)) {
                out.write(e);   // never throws: failures go to the dead-letter file
            }
            out.flush();
        } finally {
            out.stop();
        }
        Path dlq = tmp.resolve("dlq_out.deadletter.jsonl");
        List<String> dead = Files.readAllLines(dlq);
        assertThat(dead).hasSize(10);
        assertThat(dead.get(0))
                .contains("\"module\":\"dlq/out\"")
                .contains("\"file\":\"" + Scripts.script("fail_every_tenth.py") + "\"")
                .contains("\"line\":13")
                .contains("\"error\":\"ValueError: flaky destination refused event 10\"")
                .contains("Traceback (most recent call last):")
                .contains("\"event\":{\"raw_event\":\"event 10\",\"n\":10,\"extra\":\"x10\"}")
                .contains("\"position\":{\"stream\":\"\",\"value\":\"10\"}");
        List<Long> written = Files.readAllLines(file).stream().map(Long::parseLong).toList();
        List<Long> deadNs = dead.stream().map(l -> Long.parseLong(l.replaceAll(".*\"n\":(\\d+).*", "$1"))).toList();
        assertThat(deadNs).containsExactly(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L);
        List<Long> all = new ArrayList<>(written);
        all.addAll(deadNs);
        assertThat(all).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
    }

    @Test
    void write_whenEventFromPythonInput_typesRoundTripBothWays() throws Exception {
        ImPythonProvider im = new ImPythonProvider();
        TestInputContext ctx = new TestInputContext("im_python", "types-in", tmp);
        InputModule in = (InputModule) im.create(Scripts.config(im, "types-in", tmp,
                "PythonCode", "types_roundtrip.py"));
        in.start(ctx);
        try {
            in.read(ctx);
        } finally {
            in.stop();
        }
        OutputModule out = start("types-out", "PythonCode", "types_roundtrip.py");
        try {
            out.write(ctx.events.get(0));     // the script raises AssertionError on any mismatch
            out.flush();
            Event wrong = ctx.events.get(0).copy().set("count", 1L);
            out.write(wrong);
            assertThatThrownBy(out::flush).isInstanceOf(RetriableException.class)
                    .hasMessageContaining("types_roundtrip.py:")
                    .hasMessageContaining("AssertionError: count: got 1");
        } finally {
            out.stop();
        }
    }

    @Test
    void start_whenSyntaxError_failsNamingFileAndLine() throws Exception {
        OutputModule out = (OutputModule) provider.create(Scripts.config(provider, "broken", tmp,
                "PythonCode", "syntax_error.py"));
        assertThatThrownBy(() -> out.start(new TestInputContext("om_python", "broken", tmp)))
                .isInstanceOf(LogshipException.class)
                .hasMessageStartingWith(Scripts.script("syntax_error.py") + ":4: SyntaxError")
                .hasMessageContaining("def write_data(event)");
    }

    @Test
    void start_whenTopLevelRaises_failsNamingFileLineAndError() throws Exception {
        OutputModule out = (OutputModule) provider.create(Scripts.config(provider, "noboto", tmp,
                "PythonCode", "import_error.py"));
        assertThatThrownBy(() -> out.start(new TestInputContext("om_python", "noboto", tmp)))
                .isInstanceOf(LogshipException.class)
                .hasMessageStartingWith(Scripts.script("import_error.py") + ":3: ModuleNotFoundError")
                .hasMessageContaining("boto3")
                .hasMessageContaining("Traceback (most recent call last):");
    }

    @Test
    void create_whenDeadLetterFileWithoutDeadletter_rejected() {
        assertThatThrownBy(() -> provider.create(Scripts.config(provider, "x", tmp, "PythonCode", "passthrough.py",
                "DeadLetterFile", "dead.jsonl")))
                .hasMessageContaining("DeadLetterFile")
                .hasMessageContaining("OnError deadletter");
    }

    @Test
    void safeFileName_whenInstanceNameHasPathCharacters_staysInOneDirectory() {
        assertThat(OmPythonProvider.safeFileName("../../etc/passwd")).isEqualTo("_.._.._etc_passwd");
        assertThat(OmPythonProvider.safeFileName("out-1.a")).isEqualTo("out-1.a");
    }
}
