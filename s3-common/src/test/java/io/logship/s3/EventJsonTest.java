package io.logship.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    @Test
    void encodeDecode_whenEveryFieldType_restoresEqualFields() {
        Event e = new Event()
                .set("raw_event", "line with \"quotes\", \\ and \n newline and unicode é 日本")
                .set("Severity", 3L)
                .set("Big", Long.MIN_VALUE)
                .set("Ratio", 0.25)
                .set("Whole", 2.0)
                .set("Huge", 1e300)
                .set("NotANumber", Double.NaN)
                .set("Inf", Double.NEGATIVE_INFINITY)
                .set("Ok", true)
                .set("Bad", false)
                .set("EventReceivedTime", Instant.parse("2026-11-23T04:51:48.123456789Z"))
                .set("Blob", new byte[] {0, 1, 2, (byte) 0xff, 10})
                .set("Empty", "");

        String json = EventJson.encode(e);
        Event back = EventJson.decode(json);

        assertThat(json).doesNotContain("\n");
        assertThat(back.fieldNames()).containsExactlyElementsOf(e.fieldNames());
        for (String name : e.fieldNames()) {
            Object want = e.get(name);
            Object got = back.get(name);
            if (want instanceof byte[] b) {
                assertThat((byte[]) got).as(name).containsExactly(b);
            } else {
                assertThat(got).as(name).isEqualTo(want);
                assertThat(Event.typeName(got)).as(name).isEqualTo(Event.typeName(want));
            }
        }
    }

    @Test
    void encode_whenDatetimeAndBinary_writesNxlogLocalTimeHexAndTypesMember() {
        Event e = new Event().set("t", Instant.parse("2026-01-02T03:04:05Z"))
                .set("b", "hi".getBytes(StandardCharsets.UTF_8)).set("n", 7L).set("f", 1.0);
        // to_json()'s rule (JsonValues): YYYY-MM-DDThh:mm:ss.sTZ in local time, binary as hex
        String local = java.time.OffsetDateTime.ofInstant(Instant.parse("2026-01-02T03:04:05Z"),
                java.time.ZoneId.systemDefault()).format(java.time.format.DateTimeFormatter.ofPattern(
                "yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx"));

        assertThat(EventJson.encode(e)).isEqualTo(
                "{\"t\":\"" + local + "\",\"b\":\"6869\",\"n\":7,\"f\":1.0,"
                        + "\"@types\":{\"t\":\"datetime\",\"b\":\"binary\"}}");
    }

    @Test
    void decode_whenWrittenBeforeTheSharedRule_readsIsoUtcAndBase64() {
        Event e = EventJson.decode("{\"t\":\"2026-01-02T03:04:05Z\",\"b\":\"aGk=\","
                + "\"@types\":{\"t\":\"datetime\",\"b\":\"binary\"}}");
        assertThat(e.get("t")).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat((byte[]) e.get("b")).containsExactly('h', 'i');
    }

    @Test
    void encode_whenOnlyJsonTypes_writesNoTypesMember() {
        assertThat(EventJson.encode(Event.ofRaw("x").set("n", 1L))).isEqualTo("{\"raw_event\":\"x\",\"n\":1}");
    }

    @Test
    void decode_whenStringLooksLikeDate_keepsString() {
        Event e = EventJson.decode("{\"raw_event\":\"2026-01-02T03:04:05Z\"}");
        assertThat(e.get("raw_event")).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void decode_whenFieldNamedTypesIsScalar_keepsItAsField() {
        Event e = new Event().set("@types", "mine").set("t", Instant.EPOCH);
        Event back = EventJson.decode(EventJson.encode(e));
        assertThat(back.get("@types")).isEqualTo("mine");
        assertThat(back.get("t")).isEqualTo(Instant.EPOCH);
    }

    @Test
    void decode_whenForeignJsonWithNestedAndNull_flattensToTextAndSkipsNull() {
        Event e = EventJson.decode(" {\"a\":{\"b\":[1,2]},\"c\":[\"x\"],\"d\":null,\"e\":123456789012345678901234567890} ");
        assertThat(e.fields()).containsEntry("a", "{\"b\":[1,2]}").containsEntry("c", "[\"x\"]")
                .doesNotContainKey("d");
        assertThat(e.get("e")).isInstanceOf(Double.class);
    }

    @Test
    void decode_whenNotAnObject_throwsWithReason() {
        assertThatThrownBy(() -> EventJson.decode("[1,2]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a JSON object, found an array");
        assertThatThrownBy(() -> EventJson.decode("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty line");
        assertThatThrownBy(() -> EventJson.decode("{\"a\":1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> EventJson.decode("{\"a\":1} {\"b\":2}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after the JSON object");
        assertThatThrownBy(() -> EventJson.decode("{\"a\":tru}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid JSON");
    }

    @Test
    void decode_whenTypedValueIsMalformed_throwsNamingField() {
        assertThatThrownBy(() -> EventJson.decode("{\"t\":\"yesterday\",\"@types\":{\"t\":\"datetime\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 't'");
        assertThatThrownBy(() -> EventJson.decode("{\"t\":\"x\",\"@types\":{\"t\":\"color\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown type 'color'");
    }

    @Test
    void encode_toStream_writesSameUtf8AsString() throws Exception {
        Event e = Event.ofRaw("é").set("x", Map.of().size());
        var out = new java.io.ByteArrayOutputStream();
        EventJson.encode(e, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(EventJson.encode(e));
    }
}
