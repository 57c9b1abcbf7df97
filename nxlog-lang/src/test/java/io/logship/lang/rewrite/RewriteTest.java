package io.logship.lang.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.ConfigException;
import io.logship.api.Event;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecEnvironment;
import io.logship.lang.ExecFunction;
import io.logship.testkit.TestConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class RewriteTest {
    @TempDir
    Path dir;

    private final ExecContext ctx = new ExecContext(new ExecEnvironment("in", "im_test",
            LoggerFactory.getLogger(RewriteTest.class), Clock.systemUTC(), ZoneOffset.UTC, "host", null,
            (where, error) -> { }));

    private Rewrite create(String... kv) throws ConfigException {
        return (Rewrite) TestConfig.create(new RewriteProvider(), "rewrite", dir, kv);
    }

    private static Event event() {
        return Event.ofRaw("line").set("Hostname", "h").set("SeverityValue", 3L).set("Message", "m")
                .set("EventTime", "t");
    }

    /** Calls the instance's process() as an Exec statement would: through the procedure it declares. */
    private Event process(Rewrite r, Event e) {
        ExecFunction p = r.execFunctions().stream().filter(f -> f.name().equals("process") && f.procedure())
                .findFirst().orElseThrow();
        p.impl().call(ctx.reset(e), new Object[0]);
        return e;
    }

    @Test
    void delete_removesTheFields_inAnyListStyle() throws Exception {
        assertThat(process(create("Delete", "Hostname, $SeverityValue"), event()).fieldNames())
                .containsExactly("raw_event", "Message", "EventTime");
        assertThat(process(create("Delete", "(Message EventTime)"), event()).fieldNames())
                .containsExactly("raw_event", "Hostname", "SeverityValue");
    }

    @Test
    void keep_removesEveryOtherField_butNeverRawEvent() throws Exception {
        assertThat(process(create("Keep", "Message, EventTime"), event()).fieldNames())
                .containsExactly("raw_event", "Message", "EventTime");
        assertThat(process(create("Keep", "raw_event"), event()).fieldNames()).containsExactly("raw_event");
    }

    @Test
    void rename_movesTheValue_absentFieldIsNothing() throws Exception {
        Event e = process(create("Rename", "EventTime timestamp", "Rename", "Nope Other"), event());
        assertThat(e.get("timestamp")).isEqualTo("t");
        assertThat(e.fieldNames()).doesNotContain("EventTime", "Other");
    }

    @Test
    void actions_runInTheOrderTheirDirectivesAppear_thenExec() throws Exception {
        // Rename first (line 1), then Keep (line 2): the renamed field survives the Keep
        Rewrite r = create("Rename", "Message msg", "Keep", "msg");
        r.execProgram(c -> c.requireEvent().set("after", c.requireEvent().get("msg")));
        assertThat(process(r, event()).fields()).containsOnlyKeys("raw_event", "msg", "after");
        // Keep first, then Rename: Message was removed before it could be renamed
        Rewrite k = create("Keep", "Hostname", "Rename", "Message msg");
        assertThat(process(k, event()).fieldNames()).containsExactly("raw_event", "Hostname");
    }

    @Test
    void noDirectives_processDoesNothing() throws Exception {
        assertThat(process(create(), event()).fields()).isEqualTo(event().fields());
    }

    @Test
    void badValues_areReportedWithTheDirective() {
        assertThatThrownBy(() -> create("Rename", "OnlyOne")).isInstanceOf(ConfigException.class)
                .hasMessage("test.conf:1: rewrite: Rename: takes two field names, the old and the new (got 1)");
        assertThatThrownBy(() -> create("Delete", "raw_event"))
                .hasMessageContaining("raw_event cannot be deleted");
        assertThatThrownBy(() -> create("Keep", "a, b=c")).hasMessageContaining("'b=c' is not a field name");
        assertThatThrownBy(() -> create("Keep", "()")).hasMessageContaining("names no field");
    }

    @Test
    void fieldNamesWithSpaces_inBraces() {
        assertThat(FieldAction.names("${Event Time}, $x")).isEqualTo(List.of("Event Time", "x"));
    }
}
