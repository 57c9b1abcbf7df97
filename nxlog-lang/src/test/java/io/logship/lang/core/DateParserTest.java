package io.logship.lang.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** parsedate() on the timestamp formats of the NXLog manual's list (one or more examples of each). */
class DateParserTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Budapest");

    private static Instant p(String s) {
        return DateParser.parse(s, ZONE, 2024);
    }

    private static Instant local(int y, int mo, int d, int h, int mi, int s, int micros) {
        return LocalDateTime.of(y, mo, d, h, mi, s, micros * 1000).atZone(ZONE).toInstant();
    }

    @Test
    void rfc3164AndCisco_withAndWithoutYear() {
        assertThat(p("Nov  6 08:49:37")).isEqualTo(local(2024, 11, 6, 8, 49, 37, 0));
        assertThat(p("Nov 06 08:49:37")).isEqualTo(local(2024, 11, 6, 8, 49, 37, 0));
        assertThat(p("Nov 6 08:49:37")).isEqualTo(local(2024, 11, 6, 8, 49, 37, 0));
        assertThat(p("Nov  6 08:49")).isEqualTo(local(2024, 11, 6, 8, 49, 0, 0));
        assertThat(p("Nov  3 14:50:30.403")).isEqualTo(local(2024, 11, 3, 14, 50, 30, 403000));
        assertThat(p("Nov  3 14:50:30.403123")).isEqualTo(local(2024, 11, 3, 14, 50, 30, 403123));
        assertThat(p("Nov  3 14:50:30.403123456")).isEqualTo(local(2024, 11, 3, 14, 50, 30, 403123));
        assertThat(p("Nov  3 2005 14:50:30")).isEqualTo(local(2005, 11, 3, 14, 50, 30, 0));
        assertThat(p("Nov  3 2005 14:50:30.403")).isEqualTo(local(2005, 11, 3, 14, 50, 30, 403000));
        assertThat(p("*Mar  1 18:46:11.123")).isEqualTo(local(2024, 3, 1, 18, 46, 11, 123000));
    }

    @Test
    void rfc1123Family_andAsctime() {
        Instant gmt = Instant.parse("1994-11-06T08:49:37Z");
        assertThat(p("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(gmt);
        assertThat(p("Sun, 6 Nov 1994 08:49:37 GMT")).isEqualTo(gmt);
        assertThat(p("Sun, 06 Nov 94 08:49:37 GMT")).isEqualTo(gmt);
        assertThat(p("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(gmt);
        assertThat(p("Sun, 06 Nov 1994 09:49:37 +0100")).isEqualTo(gmt);
        assertThat(p("Sun, 06 Nov 1994 03:49:37 EST")).isEqualTo(gmt);
        assertThat(p("Sun Nov  6 08:49:37 1994")).isEqualTo(local(1994, 11, 6, 8, 49, 37, 0));
    }

    @Test
    void apache() {
        assertThat(p("06/Nov/1994:09:49:37 +0100")).isEqualTo(Instant.parse("1994-11-06T08:49:37Z"));
        assertThat(p("10/Oct/2000:13:55:36 -0700")).isEqualTo(Instant.parse("2000-10-10T20:55:36Z"));
    }

    @Test
    void iso8601AndRfc3339() {
        assertThat(p("1977-09-06 01:02:03")).isEqualTo(local(1977, 9, 6, 1, 2, 3, 0));
        assertThat(p("1977-09-06 01:02:03.004")).isEqualTo(local(1977, 9, 6, 1, 2, 3, 4000));
        assertThat(p("1977-09-06T01:02:03.004Z")).isEqualTo(Instant.parse("1977-09-06T01:02:03.004Z"));
        assertThat(p("1977-09-06T01:02:03.004+02:00")).isEqualTo(Instant.parse("1977-09-05T23:02:03.004Z"));
        assertThat(p("1977-09-06T01:02:03,004+0200")).isEqualTo(Instant.parse("1977-09-05T23:02:03.004Z"));
        assertThat(p("2011-5-29 0:3:21")).isEqualTo(local(2011, 5, 29, 0, 3, 21, 0));
        assertThat(p("2011-5-29 0:3:21+02:00")).isEqualTo(Instant.parse("2011-05-28T22:03:21Z"));
        assertThat(p("2011-5-29 0:3:21.004")).isEqualTo(local(2011, 5, 29, 0, 3, 21, 4000));
        assertThat(p("2011-5-29 0:3:21.004+02:00")).isEqualTo(Instant.parse("2011-05-28T22:03:21.004Z"));
        assertThat(p("2024-02-14T10:11:15.003Z")).isEqualTo(Instant.parse("2024-02-14T10:11:15.003Z"));
        assertThat(p("2016-10-11T22:14:15.003Z")).isEqualTo(Instant.parse("2016-10-11T22:14:15.003Z"));
        assertThat(p("2024-02-14 10:11:15 UTC")).isEqualTo(Instant.parse("2024-02-14T10:11:15Z"));
    }

    @Test
    void windowsAndMicrosoft() {
        assertThat(p("20100426151354.537875")).isEqualTo(local(2010, 4, 26, 15, 13, 54, 537875));
        assertThat(p("20100426151354.537875-000")).isEqualTo(Instant.parse("2010-04-26T15:13:54.537875Z"));
        assertThat(p("20100426151354.537875+060")).isEqualTo(Instant.parse("2010-04-26T14:13:54.537875Z"));
        assertThat(p("20100426151354.537875000")).isEqualTo(local(2010, 4, 26, 15, 13, 54, 537875));
        assertThat(p("3/13/2017 8:42:07 AM")).isEqualTo(local(2017, 3, 13, 8, 42, 7, 0));
        assertThat(p("3/13/2017 8:42:07 PM")).isEqualTo(local(2017, 3, 13, 20, 42, 7, 0));
        assertThat(p("3/13/2017 12:42:07 AM")).isEqualTo(local(2017, 3, 13, 0, 42, 7, 0));
    }

    @Test
    void bind9() {
        assertThat(p("23-Mar-2017 06:38:30.143")).isEqualTo(local(2017, 3, 23, 6, 38, 30, 143000));
        assertThat(p("23-Mar-2017 06:38:30")).isEqualTo(local(2017, 3, 23, 6, 38, 30, 0));
        assertThat(p("2017-Mar-23 06:38:30.143")).isEqualTo(local(2017, 3, 23, 6, 38, 30, 143000));
        assertThat(p("2017-Mar-23 06:38:30")).isEqualTo(local(2017, 3, 23, 6, 38, 30, 0));
    }

    @Test
    void epochSeconds() {
        assertThat(p("1258531221.650359")).isEqualTo(Instant.ofEpochSecond(1258531221, 650359000));
        assertThat(p("1258531221")).isEqualTo(Instant.ofEpochSecond(1258531221));
    }

    @Test
    void notADate_isUndef() {
        assertThat(p("")).isNull();
        assertThat(p("   ")).isNull();
        assertThat(p("not a date")).isNull();
        assertThat(p("Nov 31 10:00:00")).isNull();
        assertThat(p("Foo  6 08:49:37")).isNull();
        assertThat(p("2024-13-01 00:00:00")).isNull();
        assertThat(p("2024-02-30 00:00:00")).isNull();
        assertThat(p("Nov  6 08:49:37 and a message")).isNull();
        assertThat(p("25:00:00")).isNull();
        assertThat(p("12345678901234567890")).isNull();
        assertThat(p("2024")).isNull();
        assertThat(p("12345")).isNull();
        assertThat(p("Nov  6 24:49:37")).isNull();
    }
}
