package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.Event;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class GelfReaderTest {
    private final GelfReader reader = new GelfReader();

    private Event read(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return reader.read(b, 0, b.length);
    }

    @Test
    void read_gelfMembers_becomeNxlogFields() {
        String json = "{\"version\":\"1.1\",\"host\":\"example.org\",\"short_message\":\"A short message\","
                + "\"full_message\":\"Backtrace here\\n\\nmore stuff\",\"timestamp\":1385053862.3072,\"level\":1,"
                + "\"facility\":\"kern\",\"line\":356,\"file\":\"/x.c\",\"_user_id\":9001,\"_some_info\":\"foo\","
                + "\"_ratio\":2.5,\"_ok\":false,\"_nested\":{\"a\":[1,2]},\"_gone\":null,\"other\":\"kept\"}";
        Event e = read(json);
        assertThat(e.get("Hostname")).isEqualTo("example.org");
        assertThat(e.get("ShortMessage")).isEqualTo("A short message");
        assertThat(e.get("FullMessage")).isEqualTo("Backtrace here\n\nmore stuff");
        assertThat(e.get("Message")).isEqualTo("Backtrace here\n\nmore stuff");
        assertThat(e.get("EventTime")).isEqualTo(Instant.parse("2013-11-21T17:11:02.307200Z"));
        assertThat(e.get("SyslogSeverityValue")).isEqualTo(1L);
        assertThat(e.get("SyslogSeverity")).isEqualTo("ALERT");
        assertThat(e.get("SeverityValue")).isEqualTo(3L);
        assertThat(e.get("Severity")).isEqualTo("WARNING");
        assertThat(e.get("SyslogFacility")).isEqualTo("kern");
        assertThat(e.get("SourceLine")).isEqualTo(356L);
        assertThat(e.get("SourceFile")).isEqualTo("/x.c");
        assertThat(e.get("user_id")).isEqualTo(9001L);
        assertThat(e.get("some_info")).isEqualTo("foo");
        assertThat(e.get("ratio")).isEqualTo(2.5);
        assertThat(e.get("ok")).isEqualTo(false);
        assertThat(e.get("nested")).isEqualTo("{\"a\":[1,2]}");
        assertThat(e.has("gone")).isFalse();
        assertThat(e.get("other")).isEqualTo("kept");
        assertThat(e.has("version")).isFalse();
        assertThat(e.raw()).isEqualTo(json);
    }

    @Test
    void read_withOnlyShortMessage_usesItAsMessage() {
        Event e = read("{\"host\":\"h\",\"short_message\":\"only short\"}");
        assertThat(e.get("Message")).isEqualTo("only short");
        assertThat(e.has("FullMessage")).isFalse();
        assertThat(e.has("EventTime")).isFalse();
    }

    @Test
    void read_timestampAsIntegerOrNumericString() {
        assertThat(read("{\"timestamp\":1700000000}").get("EventTime")).isEqualTo(Instant.ofEpochSecond(1700000000));
        assertThat(read("{\"timestamp\":\"1700000000.5\"}").get("EventTime"))
                .isEqualTo(Instant.ofEpochSecond(1700000000, 500_000_000));
    }

    @Test
    void read_whatTheWriterWrote_givesTheFieldsBack() {
        Instant t = Instant.parse("2026-02-03T04:05:06.789Z");
        Event in = Event.ofRaw("raw").set("Hostname", "h1").set("Message", "hello there").set("EventTime", t)
                .set("SyslogSeverityValue", 4L).set("Count", 12L).set("_hidden", "yes").set("Flag", true);
        GelfWriter writer = new GelfWriter(GelfSettings.DEFAULTS, "agent", Clock.fixed(t, ZoneOffset.UTC));
        byte[] json = writer.json(in);
        Event out = reader.read(json, 0, json.length);
        assertThat(out.get("Hostname")).isEqualTo("h1");
        assertThat(out.get("Message")).isEqualTo("hello there");
        assertThat(out.get("ShortMessage")).isEqualTo("hello there");
        assertThat(out.get("EventTime")).isEqualTo(t);
        assertThat(out.get("SyslogSeverityValue")).isEqualTo(4L);
        assertThat(out.get("Count")).isEqualTo(12L);
        assertThat(out.get("_hidden")).isEqualTo("yes");
        assertThat(out.get("Flag")).isEqualTo(true);
    }

    @Test
    void read_garbage_isRefusedWithAReasonAndNoPayload() {
        assertThatThrownBy(() -> read("[1,2]")).hasMessageContaining("an array, not a JSON object");
        assertThatThrownBy(() -> read("")).hasMessageContaining("end of input, not a JSON object");
        assertThatThrownBy(() -> read("{\"a\":1} {\"b\":2}")).hasMessageContaining("more after its JSON object");
        assertThatThrownBy(() -> read("{\"secret-payload\":")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON").hasMessageNotContaining("secret-payload");
        assertThatThrownBy(() -> read("{\"level\":\"high\"}")).hasMessageContaining("level is string");
        assertThatThrownBy(() -> read("{\"level\":9}")).hasMessageContaining("level is 9");
        assertThatThrownBy(() -> read("{\"timestamp\":\"noon\"}")).hasMessageContaining("timestamp is not a number");
        assertThatThrownBy(() -> read("{\"host\":5}")).hasMessageContaining("host is integer, not a string");
    }
}
