package io.logship.lang.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.Event;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecError;
import io.logship.lang.ExecLibrary;
import io.logship.lang.formattest.Configs;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class XmJsonTest {
    private static final ZoneId PLUS1 = ZoneOffset.ofHours(1);

    private static ExecLibrary json(String... directives) throws Exception {
        return (ExecLibrary) Configs.create(new XmJsonProvider(), directives);
    }

    private static void parseJson(ExecLibrary lib, Event e, Object... args) {
        ExecContext ctx = Configs.context(PLUS1).reset(e);
        Configs.function(lib, "parse_json", true).impl().call(ctx, args);
    }

    private static String toJson(ExecLibrary lib, Event e, ZoneId zone) {
        ExecContext ctx = Configs.context(zone).reset(e);
        return (String) Configs.function(lib, "to_json", false).impl().call(ctx, new Object[0]);
    }

    @Test
    void toJson_whenDefaultDateFormat_writesManualsLocalTimeWithMicroseconds() throws Exception {
        // NXLog manual, "Format timestamps": $EventTime 1708630736221331 (µs since the epoch) on a UTC+1 machine
        // gives "EventTime": "2024-02-22T20:38:56.221331+01:00"
        Event e = new Event().set("EventTime", Instant.ofEpochSecond(1708630736L, 221331000L))
                .set("Message", "EXT4-fs (dm-0): mounted filesystem with ordered data mode.");
        assertThat(toJson(json(), e, PLUS1)).isEqualTo("{\"EventTime\":\"2024-02-22T20:38:56.221331+01:00\","
                + "\"Message\":\"EXT4-fs (dm-0): mounted filesystem with ordered data mode.\"}");
    }

    @Test
    void toJsonProcedure_setsRawEventAndLeavesRawEventOutOfTheJson() throws Exception {
        ExecLibrary lib = json();
        Event e = Event.ofRaw("original").set("n", 42L).set("ok", true).set("f", 0.5)
                .set("ip", InetAddress.getByName("10.0.0.1")).set("bin", new byte[] {0x0a, (byte) 0xff});
        ExecContext ctx = Configs.context(PLUS1).reset(e);
        Configs.function(lib, "to_json", true).impl().call(ctx, new Object[0]);
        assertThat(e.raw()).isEqualTo("{\"n\":42,\"ok\":true,\"f\":0.5,\"ip\":\"10.0.0.1\",\"bin\":\"0aff\"}");
    }

    @Test
    void toJson_whenDetectNestedJsonFalse_writesNestedAsString() throws Exception {
        // manual: with DetectNestedJSON FALSE {"key":{"subkey":42}} is converted to {"key":"{\"subkey\":42}"}
        Event e = Event.ofRaw("{\"key\":{\"subkey\":42}}");
        ExecLibrary off = json("DetectNestedJSON", "FALSE");
        parseJson(off, e);
        assertThat(toJson(off, e, PLUS1)).isEqualTo("{\"key\":\"{\\\"subkey\\\":42}\"}");
        assertThat(toJson(json(), e, PLUS1)).isEqualTo("{\"key\":{\"subkey\":42}}");
    }

    @Test
    void parseJson_whenFlatten_namesNestedMembersWithDots() throws Exception {
        // manual: with Flatten {"event":{"time":"2015-01-01T00:00:00.000Z","severity":"ERROR"}} becomes
        // {"event.time":"2015-01-01T00:00:00.000Z","event.severity":"ERROR"} (ParseDate off keeps the text as is)
        ExecLibrary lib = json("Flatten", "TRUE", "ParseDate", "FALSE");
        Event e = Event.ofRaw("{\"event\":{\"time\":\"2015-01-01T00:00:00.000Z\",\"severity\":\"ERROR\"}}");
        parseJson(lib, e);
        assertThat(e.get("event.time")).isEqualTo("2015-01-01T00:00:00.000Z");
        assertThat(toJson(lib, e, PLUS1))
                .isEqualTo("{\"event.time\":\"2015-01-01T00:00:00.000Z\",\"event.severity\":\"ERROR\"}");
    }

    @Test
    void toJson_whenUnFlatten_nestsDottedNames() throws Exception {
        Event e = new Event().set("event.time", "t").set("event.severity", "ERROR").set("host", "h")
                .set("a.b.c", 1L);
        assertThat(toJson(json("UnFlatten", "TRUE"), e, PLUS1))
                .isEqualTo("{\"event\":{\"time\":\"t\",\"severity\":\"ERROR\"},\"host\":\"h\",\"a\":{\"b\":{\"c\":1}}}");
    }

    @Test
    void parseJson_keepsTypes() throws Exception {
        Event e = Event.ofRaw("{\"i\":-7,\"big\":123456789012345678901234567890,\"f\":1.5,\"t\":true,\"n\":null,"
                + "\"s\":\"x\",\"d\":\"2024-02-22T20:38:56.221331+01:00\",\"local\":\"2024-02-22 20:38:56\","
                + "\"notdate\":\"2024-02-30 10:00:00\",\"arr\":[1,\"a\",{\"b\":null}],\"raw_event\":\"ignored\"}");
        e.set("n", "was here");
        parseJson(json(), e);
        assertThat(e.get("i")).isEqualTo(-7L);
        assertThat(e.get("big")).isEqualTo("123456789012345678901234567890");
        assertThat(e.get("f")).isEqualTo(1.5);
        assertThat(e.get("t")).isEqualTo(true);
        assertThat(e.has("n")).isFalse();
        assertThat(e.get("d")).isEqualTo(Instant.parse("2024-02-22T19:38:56.221331Z"));
        assertThat(e.get("local")).isEqualTo(Instant.parse("2024-02-22T19:38:56Z"));
        assertThat(e.get("notdate")).isEqualTo("2024-02-30 10:00:00");
        assertThat(e.get("arr")).isEqualTo("[1,\"a\",{\"b\":null}]");
        assertThat(e.raw()).startsWith("{\"i\"");
    }

    @Test
    void parseJson_whenArgument_parsesItInsteadOfRawEvent() throws Exception {
        Event e = Event.ofRaw("not json").set("Payload", "{\"user\":\"bob\"}");
        parseJson(json(), e, "{\"user\":\"bob\"}");
        assertThat(e.get("user")).isEqualTo("bob");
    }

    @Test
    void parseJson_whenMalformed_throwsNamingFunctionAndSetsNothing() throws Exception {
        ExecLibrary lib = json();
        Event e = Event.ofRaw("{\"a\":1,\"b\":tru}");
        assertThatThrownBy(() -> parseJson(lib, e)).isInstanceOf(ExecError.class)
                .hasMessageStartingWith("parse_json(): invalid JSON at column");
        assertThat(e.has("a")).isFalse();
        assertThatThrownBy(() -> parseJson(lib, Event.ofRaw("[1,2]"))).isInstanceOf(ExecError.class)
                .hasMessage("parse_json(): expected a JSON object, found an array");
        assertThatThrownBy(() -> parseJson(lib, Event.ofRaw("{\"a\":1} x"))).isInstanceOf(ExecError.class)
                .hasMessageStartingWith("parse_json(): invalid JSON");
        assertThatThrownBy(() -> parseJson(lib, new Event().set("raw_event", 5L))).isInstanceOf(ExecError.class)
                .hasMessage("parse_json(): raw_event is integer, not string");
    }

    @Test
    void toJson_whenHiddenFieldsExcluded_leavesThemOut() throws Exception {
        Event e = new Event().set("_secret", "s").set(".dot", "d").set("shown", "x");
        assertThat(toJson(json("IncludeHiddenFields", "FALSE"), e, PLUS1)).isEqualTo("{\"shown\":\"x\"}");
        assertThat(toJson(json(), e, PLUS1)).isEqualTo("{\"_secret\":\"s\",\".dot\":\"d\",\"shown\":\"x\"}");
    }

    @Test
    void toJson_dateFormats() throws Exception {
        Event e = new Event().set("t", Instant.parse("2024-02-22T19:38:56.221331Z"));
        assertThat(toJson(json("DateFormat", "YYYY-MM-DDThh:mm:ss.sUTC"), e, PLUS1))
                .isEqualTo("{\"t\":\"2024-02-22T19:38:56.221331Z\"}");
        assertThat(toJson(json("DateFormat", "YYYY-MM-DD hh:mm:ss"), e, PLUS1))
                .isEqualTo("{\"t\":\"2024-02-22 20:38:56\"}");
        assertThat(toJson(json("DateFormat", "%d/%b/%Y:%H:%M:%S %z"), e, PLUS1))
                .isEqualTo("{\"t\":\"22/Feb/2024:20:38:56 +0100\"}");
        assertThat(toJson(json(), e, ZoneOffset.UTC)).isEqualTo("{\"t\":\"2024-02-22T19:38:56.221331+00:00\"}");
        assertThatThrownBy(() -> json("DateFormat", "%Q")).hasMessageContaining("unsupported conversion %Q");
        assertThatThrownBy(() -> json("DateFormat", "%Y%")).hasMessageContaining("ends with a lone %");
    }

    @Test
    void toJson_dateFormat_isTheCoreStrftime_withGlibcConversionsAndFlags() throws Exception {
        Event e = new Event().set("t", Instant.parse("2024-02-05T07:08:09.221331Z"));
        assertThat(toJson(json("DateFormat", "%-d.%-m.%C%y %l%P %:z %f %u"), e, PLUS1))
                .isEqualTo("{\"t\":\"5.2.2024  8am +01:00 221331 1\"}");
    }

    @Test
    void roundTrip_parseThenToJson_keepsValuesAndTypes() throws Exception {
        ExecLibrary lib = json();
        String in = "{\"n\":1,\"s\":\"a \\\"q\\\" \\u00e9\",\"b\":false,\"when\":\"2024-02-22T20:38:56.221331+01:00\","
                + "\"obj\":{\"x\":[1,2]}}";
        Event e = Event.ofRaw(in);
        parseJson(lib, e);
        assertThat(toJson(lib, e, PLUS1)).isEqualTo(in.replace("\\u00e9", "é"));
    }

    @Test
    void prettyPrint_indents() throws Exception {
        assertThat(toJson(json("PrettyPrint", "TRUE"), new Event().set("a", 1L), PLUS1)).contains("\n").contains("\"a\" : 1");
    }
}
