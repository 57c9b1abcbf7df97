package io.logship.lang.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.testkit.FakeClock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class NxlogDatesTest {
    private static final ZoneId BUDAPEST = ZoneId.of("Europe/Budapest");

    @Test
    void parse_yearlessSyslogTimestamp_getsTheClocksYear() {
        FakeClock clock = new FakeClock(Instant.parse("2031-06-01T00:00:00Z"));
        assertThat(NxlogDates.parse("Oct 11 22:14:15", BUDAPEST, clock))
                .isEqualTo(Instant.parse("2031-10-11T20:14:15Z"));
        assertThat(NxlogDates.parse("garbage", BUDAPEST, clock)).isNull();
        assertThat(NxlogDates.parse(null, BUDAPEST, clock)).isNull();
    }

    @Test
    void compile_defaultJsonFormat() {
        NxlogDates.Format f = NxlogDates.compile(NxlogDates.ISO_MICROS_LOCAL);
        assertThat(f.format(Instant.parse("2024-02-14T10:11:15.003Z"), BUDAPEST))
                .isEqualTo("2024-02-14T11:11:15.003000+01:00");
    }
}
