package io.logship.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static ZonedDateTime at(String t) {
        return ZonedDateTime.parse(t + "Z[UTC]");
    }

    private static ZonedDateTime next(String spec, String after) {
        return Cron.parse(spec).next(at(after));
    }

    @Test
    void next_whenEveryFieldIsAStar_isTheNextMinute() {
        assertThat(next("* * * * *", "2026-03-01T10:15:30")).isEqualTo(at("2026-03-01T10:16:00"));
    }

    @Test
    void next_whenNamed_matchesCronsMeaning() {
        assertThat(next("@hourly", "2026-03-01T10:15:00")).isEqualTo(at("2026-03-01T11:00:00"));
        assertThat(next("@daily", "2026-03-01T10:15:00")).isEqualTo(at("2026-03-02T00:00:00"));
        assertThat(next("@midnight", "2026-03-01T00:00:00")).isEqualTo(at("2026-03-02T00:00:00"));
        // 2026-03-01 is a Sunday: @weekly is Sunday 00:00
        assertThat(next("@weekly", "2026-03-01T00:00:00")).isEqualTo(at("2026-03-08T00:00:00"));
        assertThat(next("@monthly", "2026-03-01T10:15:00")).isEqualTo(at("2026-04-01T00:00:00"));
        assertThat(next("@yearly", "2026-03-01T10:15:00")).isEqualTo(at("2027-01-01T00:00:00"));
        assertThat(next("@annually", "2026-03-01T10:15:00")).isEqualTo(at("2027-01-01T00:00:00"));
        assertThat(Cron.parse("@startup").isStartup()).isTrue();
        assertThat(Cron.parse("@reboot").next(at("2026-03-01T10:15:00"))).isNull();
    }

    @Test
    void next_whenListsRangesStepsAndNames_combinesThem() {
        assertThat(next("*/15 * * * *", "2026-03-01T10:16:00")).isEqualTo(at("2026-03-01T10:30:00"));
        assertThat(next("0 9-17/4 * * *", "2026-03-01T10:00:00")).isEqualTo(at("2026-03-01T13:00:00"));
        assertThat(next("30 2 * * mon-fri", "2026-03-01T10:00:00")).isEqualTo(at("2026-03-02T02:30:00"));
        assertThat(next("0 0 1 jan,jul *", "2026-03-01T10:00:00")).isEqualTo(at("2026-07-01T00:00:00"));
        assertThat(next("5,10 * * * *", "2026-03-01T10:05:00")).isEqualTo(at("2026-03-01T10:10:00"));
        assertThat(next("0 0 * * 7", "2026-03-02T00:00:00")).isEqualTo(at("2026-03-08T00:00:00")); // 7 = Sunday
    }

    @Test
    void next_whenBothDayFieldsAreRestricted_runsOnEither() {
        // the 15th, or any Friday: after Sunday 2026-03-01, Friday the 6th comes first
        assertThat(next("0 0 15 * fri", "2026-03-01T00:00:00")).isEqualTo(at("2026-03-06T00:00:00"));
    }

    @Test
    void next_whenNoDayEverMatches_isNull() {
        assertThat(next("0 0 30 2 *", "2026-03-01T00:00:00")).isNull();
    }

    @Test
    void next_inAZoneWithDaylightSaving_keepsWallClockTimes() {
        ZonedDateTime before = ZonedDateTime.of(2026, 3, 28, 12, 0, 0, 0, ZoneId.of("Europe/Berlin"));
        ZonedDateTime n = Cron.parse("0 3 * * *").next(before);
        // 29 March 2026: clocks jump from 02:00 to 03:00 in Berlin; 03:00 local still exists
        assertThat(n.toLocalDateTime().toString()).isEqualTo("2026-03-29T03:00");
        assertThat(Duration.between(before, n)).isEqualTo(Duration.ofHours(14));
    }

    @Test
    void parse_whenMalformed_saysWhichFieldAndWhy() {
        assertThatThrownBy(() -> Cron.parse("* * * *")).hasMessageStartingWith("'* * * *' has 4 field(s); a "
                + "crontab time has 5");
        assertThatThrownBy(() -> Cron.parse("0 24 * * *")).hasMessage("hour field '24': 24 is out of range 0-23");
        assertThatThrownBy(() -> Cron.parse("0 0 * foo *")).hasMessage("month field 'foo': 'foo' is not a number "
                + "or a name");
        assertThatThrownBy(() -> Cron.parse("5-1 * * * *")).hasMessage("minute range '5-1' ends before it starts");
        assertThatThrownBy(() -> Cron.parse("@often")).hasMessageStartingWith("unknown name '@often'");
    }

    @Test
    void parseEvery_takesNxlogsUnits() {
        assertThat(Schedule.parseEvery("1 sec")).isEqualTo(Duration.ofSeconds(1));
        assertThat(Schedule.parseEvery("5 min")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Schedule.parseEvery("1 hour")).isEqualTo(Duration.ofHours(1));
        assertThat(Schedule.parseEvery("2 days")).isEqualTo(Duration.ofDays(2));
        assertThat(Schedule.parseEvery("1 week")).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> Schedule.parseEvery("often")).hasMessageStartingWith("'often' is not an interval");
        assertThatThrownBy(() -> Schedule.parseEvery("0 sec")).hasMessage("the interval must be above 0");
    }

    @Test
    void parseFirst_readsNxlogsDatetimeInTheZone() {
        assertThat(Schedule.parseFirst("2026-01-02 03:04:05", UTC).toString()).isEqualTo("2026-01-02T03:04:05Z");
        assertThatThrownBy(() -> Schedule.parseFirst("tomorrow", UTC)).hasMessageContaining("YYYY-MM-DD hh:mm:ss");
    }
}
