package io.logship.lang.core;

import static io.logship.lang.core.CoreHarness.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.logship.lang.ExecContext;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FieldAndLogProceduresTest {
    private final CoreHarness h = new CoreHarness();

    @Test
    void drop_marksTheContext_dropped_reportsIt() {
        assertThat(h.call("dropped")).isEqualTo(false);
        h.run("drop");
        assertThat(h.ctx.dropped()).isTrue();
        assertThat(h.call("dropped")).isEqualTo(true);
    }

    @Test
    void delete_andUnset_removeTheField_byBareFieldOrString() {
        h.event().set("a", 1L).set("b", 2L).set("c", 3L);
        assertThat(h.find("delete", true).fieldArgs()).isTrue();
        h.run("delete", field("a"));
        h.run("unset", "b");
        h.run("delete", field("absent"));
        assertThat(h.event().fieldNames()).containsExactly("raw_event", "c");
        h.run("delete", field("raw_event"));
        assertThat(h.event().raw()).isNull();
    }

    @Test
    void renameField_movesTheValue_replacingTheTarget() {
        h.event().set("old", 5L).set("new", "gone");
        h.run("rename_field", field("old"), field("new"));
        assertThat(h.event().get("old")).isNull();
        assertThat(h.event().get("new")).isEqualTo(5L);
        h.run("rename_field", "new", "newer");
        assertThat(h.event().get("newer")).isEqualTo(5L);
        h.run("rename_field", field("absent"), field("x"));
        assertThat(h.event().has("x")).isFalse();
        assertThat(h.procError("rename_field", field("newer"), "")).contains("empty string");
    }

    @Test
    void fieldProcedures_withoutAnEvent_sayWhy() {
        ExecContext schedule = new ExecContext(h.env).reset(null);
        String msg = org.assertj.core.api.Assertions.catchThrowable(() ->
                h.find("delete", true).impl().call(schedule, new Object[] {field("a")})).getMessage();
        assertThat(msg).contains("no event here");
    }

    @Test
    void logProcedures_concatenateArguments_withInstanceName() {
        h.run("log_info", "count=", 5L, " at ", Instant.parse("2009-11-05T11:23:45Z"), " ", null, "end");
        h.run("log_warning", "careful");
        h.run("log_error", "bad");
        h.run("log_debug", "not shown at INFO");
        h.run("debug", "nor this");
        assertThat(h.module.logged()).containsExactly(
                "INFO in: count=5 at 2009-11-05 12:23:45 end",
                "WARN in: careful",
                "ERROR in: bad");
        assertThat(h.find("log_info", true).acceptsArgCount(0)).isFalse();
        assertThat(h.find("log_info", true).acceptsArgCount(20)).isTrue();
    }
}
