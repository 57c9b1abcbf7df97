package io.logship.net;

import static io.logship.net.GelfFixtures.NOW;
import static io.logship.net.GelfFixtures.members;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.logship.api.Event;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GelfWriterTest {
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final GelfWriter writer = new GelfWriter(GelfSettings.DEFAULTS, "agent-host", clock);

    private Map<String, Object> write(GelfWriter w, Event e) throws Exception {
        byte[] json = w.json(e);
        assertThat(json).doesNotContain((byte) 0);
        return members(json);
    }

    @Test
    void json_ofASyslogEvent_mapsNxlogFieldsToGelfMembers() throws Exception {
        String message = "x".repeat(100);
        Event e = Event.ofRaw("<11>raw line").set("Hostname", "web1").set("Message", message)
                .set("EventTime", Instant.parse("2026-03-04T05:06:07.891Z")).set("SyslogSeverityValue", 3L)
                .set("SourceName", "app").set("ProcessID", 42L).set("Ratio", 0.5).set("Ok", true);
        Map<String, Object> m = write(writer, e);
        assertThat(m).containsExactly(entry("version", "1.1"), entry("host", "web1"),
                entry("short_message", "x".repeat(64)), entry("full_message", message),
                entry("timestamp", new BigDecimal("1772600767.891")), entry("level", 3L),
                entry("_SyslogSeverityValue", 3L), entry("_SourceName", "app"), entry("_ProcessID", 42L),
                entry("_Ratio", new BigDecimal("0.5")), entry("_Ok", true));
    }

    @Test
    void json_withShortMessageAndFullMessageFields_usesThemWholeAndDoesNotRepeatThem() throws Exception {
        Event e = new Event().set("shortmessage", "s".repeat(80)).set("Full_Message", "the full one")
                .set("Message", "plain message");
        Map<String, Object> m = write(writer, e);
        assertThat(m).contains(entry("short_message", "s".repeat(80)), entry("full_message", "the full one"));
        assertThat(m.keySet()).noneMatch(k -> k.toLowerCase().contains("message") && k.startsWith("_"));
    }

    @Test
    void json_withOnlyRawEvent_cutsShortMessageAndKeepsTheWholeLineInFullMessage() throws Exception {
        Map<String, Object> longLine = write(writer, Event.ofRaw("r".repeat(70)));
        assertThat(longLine).contains(entry("short_message", "r".repeat(64)), entry("full_message", "r".repeat(70)));
        Map<String, Object> shortLine = write(writer, Event.ofRaw("short line"));
        assertThat(shortLine).containsEntry("short_message", "short line").doesNotContainKey("full_message");
    }

    @Test
    void json_withShortMessageLength_cutsThereWithoutSplittingASurrogatePair() throws Exception {
        GelfWriter w = new GelfWriter(new GelfSettings(3, true, true), "h", clock);
        assertThat(write(w, new Event().set("Message", "ab\uD83D\uDE00cd"))).containsEntry("short_message", "ab");
        assertThat(write(w, new Event().set("Message", "abcdef"))).containsEntry("short_message", "abc");
    }

    @Test
    void json_withoutHostnameOrTimes_usesTheAgentHostAndTheClock() throws Exception {
        Map<String, Object> m = write(writer, Event.ofRaw("x"));
        assertThat(m).contains(entry("host", "agent-host"), entry("timestamp", new BigDecimal("1767323045.678")),
                entry("level", 6L));
        Map<String, Object> received = write(writer, Event.ofRaw("x")
                .set("EventReceivedTime", Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(received).containsEntry("timestamp", new BigDecimal("1767225600.000"));
    }

    @Test
    void json_level_fromNormalisedSeverityWhenNoSyslogSeverity() throws Exception {
        long[][] cases = {{1, 7}, {2, 6}, {3, 4}, {4, 3}, {5, 2}, {9, 6}};
        for (long[] c : cases) {
            assertThat(write(writer, Event.ofRaw("x").set("SeverityValue", c[0]))).as("SeverityValue %d", c[0])
                    .containsEntry("level", c[1]);
        }
        assertThat(write(writer, Event.ofRaw("x").set("SeverityValue", 5L).set("SyslogSeverityValue", 7L)))
                .containsEntry("level", 7L);
    }

    @Test
    void json_hiddenFields_getAnExtraUnderscoreOrAreLeftOut() throws Exception {
        Event e = Event.ofRaw("x").set("_secret", "a").set(".dot", "b").set("id", "forbidden");
        assertThat(write(writer, e)).contains(entry("__secret", "a"), entry("_.dot", "b"))
                .doesNotContainKeys("_id", "id", "_raw_event");
        GelfWriter hiding = new GelfWriter(new GelfSettings(64, false, true), "h", clock);
        assertThat(write(hiding, e).keySet()).containsExactly("version", "host", "short_message", "timestamp",
                "level");
    }

    @Test
    void json_otherTypes_asTheirTextAndHex() throws Exception {
        Event e = Event.ofRaw("x").set("Bin", new byte[] {1, (byte) 0xab})
                .set("Addr", java.net.InetAddress.getByName("10.1.2.3"))
                .set("NotANumber", Double.NaN).set("Quote", "say \"hi\"\n");
        assertThat(write(writer, e)).contains(entry("_Bin", "01ab"), entry("_Addr", "10.1.2.3"),
                entry("_NotANumber", "NaN"), entry("_Quote", "say \"hi\"\n"));
    }

    @Test
    void json_withMessagesThatAreNotStrings_writesTheirText() throws Exception {
        Event e = Event.ofRaw("raw").set("Message", 12345L).set("ShortMessage", true);
        assertThat(write(writer, e)).contains(entry("short_message", "true"), entry("full_message", "12345"))
                .doesNotContainKeys("_Message", "_ShortMessage");
    }

    @Test
    void json_withNoMessageAtAll_refusesNamingWhatIsMissing() {
        assertThatThrownBy(() -> writer.json(new Event().set("Foo", "bar")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no ShortMessage, Message or raw_event");
    }

    @Test
    void json_isUtf8() {
        String json = new String(writer.json(Event.ofRaw("caf\u00e9")), StandardCharsets.UTF_8);
        assertThat(json).contains("\"short_message\":\"caf\u00e9\"");
    }
}
