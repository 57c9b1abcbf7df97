package io.logship.lang.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonDateFormatTest {
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");
    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx");

    @Test
    void defaultFormat_agreesWithJavaTime_acrossZonesDstAndNegativeOffsets() {
        Random r = new Random(42);
        ZoneId[] zones = {ZoneOffset.UTC, ZoneId.of("Europe/Budapest"), ZoneId.of("America/St_Johns"),
            ZoneId.of("Asia/Kolkata"), ZoneOffset.ofHoursMinutes(-9, -30)};
        for (int k = 0; k < 20_000; k++) {
            long sec = r.nextLong() % 4_000_000_000L; // 1843..2096
            long nanos = k % 2 == 0 ? (r.nextInt(1_000_000) * 1000L) : r.nextInt(1_000_000_000);
            Instant t = Instant.ofEpochSecond(sec, nanos);
            ZoneId z = zones[k % zones.length];
            String want = (nanos % 1000 == 0 ? MICROS : NANOS).format(t.atZone(z));
            assertThat(JsonDateFormat.DEFAULT.format(t, z)).as(t + " " + z).isEqualTo(want);
            if (t.atZone(z).getOffset().getTotalSeconds() % 60 == 0) { // LMT offsets before ~1900 have seconds
                assertThat(JsonDates.parse(want, ZoneOffset.UTC)).isEqualTo(t);
            }
        }
    }

    @Test
    void namedForms() {
        Instant t = Instant.parse("2024-02-22T19:38:56.221331Z");
        ZoneId plus1 = ZoneOffset.ofHours(1);
        assertThat(JsonDateFormat.of("YYYY-MM-DD hh:mm:ss").format(t, plus1)).isEqualTo("2024-02-22 20:38:56");
        assertThat(JsonDateFormat.of("YYYY-MM-DDThh:mm:ssTZ").format(t, plus1)).isEqualTo("2024-02-22T20:38:56+01:00");
        assertThat(JsonDateFormat.of("YYYY-MM-DD hh:mm:ss.sTZ").format(t, plus1))
                .isEqualTo("2024-02-22 20:38:56.221331+01:00");
        assertThat(JsonDateFormat.of("YYYY-MM-DDThh:mm:ssUTC").format(t, plus1)).isEqualTo("2024-02-22T19:38:56Z");
        assertThat(JsonDateFormat.of("YYYY-MM-DD hh:mm:ss.sUTC").format(t, plus1))
                .isEqualTo("2024-02-22 19:38:56.221331Z");
        assertThatThrownBy(() -> JsonDateFormat.of("YYYY-MM-DD hh:mm")).hasMessageContaining("unknown date format");
    }
}
