package io.logship.lang.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeFunctionsTest {
    private final CoreHarness h = new CoreHarness(); // Europe/Budapest, now 2024-02-14T10:11:15.123456789Z

    @Test
    void now_isTheClockTruncatedToMicroseconds() {
        assertThat(h.call("now")).isEqualTo(Instant.parse("2024-02-14T10:11:15.123456Z"));
    }

    @Test
    void manualExample_parsedateThenLocalFormat() {
        // NXLog manual, "Parse timestamps": 2024-02-14T10:11:15.003Z is shown as "2024-02-14T11:11:15.003000+01:00"
        Object t = h.call("parsedate", "2024-02-14T10:11:15.003Z");
        assertThat(h.call("strftime", t, "YYYY-MM-DDThh:mm:ss.sTZ")).isEqualTo("2024-02-14T11:11:15.003000+01:00");
    }

    @Test
    void manualExample_microsecondsSinceEpochInDefaultFormat() {
        // NXLog manual, "Format timestamps": 1708630736221331 is shown as "2024-02-22T20:38:56.221331+01:00"
        Object t = h.call("datetime", 1708630736221331L);
        assertThat(h.call("strftime", t, "YYYY-MM-DDThh:mm:ss.sTZ")).isEqualTo("2024-02-22T20:38:56.221331+01:00");
        assertThat(h.call("integer", t)).isEqualTo(1708630736221331L);
    }

    @Test
    void parts_localOrUtc() {
        Instant t = Instant.parse("2024-02-14T23:30:45.678901Z"); // 00:30:45 on the 15th in Budapest
        assertThat(h.call("year", t)).isEqualTo(2024L);
        assertThat(h.call("month", t)).isEqualTo(2L);
        assertThat(h.call("day", t)).isEqualTo(15L);
        assertThat(h.call("day", t, true)).isEqualTo(14L);
        assertThat(h.call("hour", t)).isEqualTo(0L);
        assertThat(h.call("hour", t, true)).isEqualTo(23L);
        assertThat(h.call("hour", t, false)).isEqualTo(0L);
        assertThat(h.call("minute", t)).isEqualTo(30L);
        assertThat(h.call("second", t)).isEqualTo(45L);
        assertThat(h.call("microsecond", t)).isEqualTo(678901L);
        assertThat(h.call("dayofweek", t)).isEqualTo(4L); // Thursday
        assertThat(h.call("dayofweek", Instant.parse("2024-02-18T12:00:00Z"))).isEqualTo(0L); // Sunday
        assertThat(h.call("dayofyear", t)).isEqualTo(46L);
        assertThat(h.call("year", (Object) null)).isNull();
        assertThat(h.error("year", "2024")).isEqualTo("year(): argument 1 must be datetime, not string");
    }

    @Test
    void fixYear_movesYearlessDatesToThisYear_only() {
        ZoneId zone = h.env.zone();
        Instant yearless = LocalDateTime.of(1970, 11, 6, 8, 49, 37).atZone(zone).toInstant();
        assertThat(h.call("fix_year", yearless)).isEqualTo(LocalDateTime.of(2024, 11, 6, 8, 49, 37).atZone(zone)
                .toInstant());
        Object c = h.call("strptime", "Nov  6 08:49:37", "%b %d %H:%M:%S"); // C strptime: year 1900
        assertThat(h.call("year", c)).isEqualTo(1900L);
        assertThat(h.call("fix_year", c)).isEqualTo(LocalDateTime.of(2024, 11, 6, 8, 49, 37).atZone(zone)
                .toInstant());
        Instant dated = Instant.parse("2005-11-03T13:50:30Z");
        assertThat(h.call("fix_year", dated)).isEqualTo(dated);
        assertThat(h.call("fix_year", (Object) null)).isNull();
    }

    @Test
    void strptime_cFormats() {
        ZoneId zone = h.env.zone();
        assertThat(h.call("strptime", "2024-02-14 11:11:15", "%Y-%m-%d %H:%M:%S"))
                .isEqualTo(Instant.parse("2024-02-14T10:11:15Z"));
        assertThat(h.call("strptime", "24/Aug/2011:09:42:35 +0200", "%d/%b/%Y:%H:%M:%S %z"))
                .isEqualTo(Instant.parse("2011-08-24T07:42:35Z"));
        assertThat(h.call("strptime", "2011-08-24T07:42:35Z", "%Y-%m-%dT%H:%M:%SZ"))
                .isEqualTo(LocalDateTime.of(2011, 8, 24, 7, 42, 35).atZone(zone).toInstant());
        assertThat(h.call("strptime", "Thursday, March 7, 2019 08:42:07 PM", "%A, %B %e, %Y %I:%M:%S %p"))
                .isEqualTo(LocalDateTime.of(2019, 3, 7, 20, 42, 7).atZone(zone).toInstant());
        assertThat(h.call("strptime", "1707905475", "%s")).isEqualTo(Instant.ofEpochSecond(1707905475));
        assertThat(h.call("strptime", "14.02.24 11:11:15.5 trailing text", "%d.%m.%y %T.%f"))
                .isEqualTo(Instant.parse("2024-02-14T10:11:15.500Z"));
        assertThat(h.call("strptime", "  2024-02-14", "%F")).isEqualTo(LocalDateTime.of(2024, 2, 14, 0, 0)
                .atZone(zone).toInstant());
        assertThat(h.call("strptime", "2024-045", "%Y-%j")).isEqualTo(LocalDateTime.of(2024, 2, 14, 0, 0)
                .atZone(zone).toInstant());
    }

    @Test
    void strptime_likeGlibc_dayOverflowRollsOver_zoneNameIgnored() {
        // glibc accepts 2024-02-30 and mktime makes it March 1; %Z is consumed but sets nothing
        ZoneId zone = h.env.zone();
        assertThat(h.call("strptime", "2024-02-30", "%Y-%m-%d"))
                .isEqualTo(LocalDateTime.of(2024, 3, 1, 0, 0).atZone(zone).toInstant());
        assertThat(h.call("strptime", "12:00:00 UTC 2024-02-14", "%H:%M:%S %Z %Y-%m-%d"))
                .isEqualTo(LocalDateTime.of(2024, 2, 14, 12, 0).atZone(zone).toInstant());
        assertThat(h.call("strptime", "20240214", "%Y%m%d"))
                .isEqualTo(LocalDateTime.of(2024, 2, 14, 0, 0).atZone(zone).toInstant());
        assertThat(h.call("strptime", "12:00:00 Z", "%H:%M:%S %z"))
                .isEqualTo(Instant.parse("1900-01-01T12:00:00Z"));
    }

    @Test
    void strptime_mismatchOrUndef_isUndef() {
        assertThat(h.call("strptime", "14/02/2024", "%Y-%m-%d")).isNull();
        assertThat(h.call("strptime", "2024-13-01", "%Y-%m-%d")).isNull();
        assertThat(h.call("strptime", null, "%Y")).isNull();
        assertThat(h.call("strptime", "2024", null)).isNull();
        assertThat(h.error("strptime", 2024L, "%Y")).isEqualTo("strptime(): argument 1 must be string, not integer");
    }

    @Test
    void strftime_undefFormatIsNxlogDefault_andUndefTimeIsUndef() {
        Instant t = Instant.parse("2009-11-05T11:23:45.5Z");
        assertThat(h.call("strftime", t, null)).isEqualTo("2009-11-05 12:23:45");
        assertThat(h.call("strftime", null, "%Y")).isNull();
        assertThat(h.call("strftime", t, "%Y/%m/%d")).isEqualTo("2009/11/05");
        assertThat(h.error("strftime", "x", "%Y")).isEqualTo("strftime(): argument 1 must be datetime, not string");
    }

    @Test
    void parsedate_undefAndGarbage() {
        assertThat(h.call("parsedate", (Object) null)).isNull();
        assertThat(h.call("parsedate", "garbage")).isNull();
        assertThat(h.call("parsedate", "Feb 14 11:11:15")).isEqualTo(Instant.parse("2024-02-14T10:11:15Z"));
        assertThat(h.error("parsedate", 5L)).isEqualTo("parsedate(): argument 1 must be string, not integer");
    }
}
