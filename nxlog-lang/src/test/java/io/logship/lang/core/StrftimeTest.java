package io.logship.lang.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Expected strings are what glibc's strftime prints (TZ=Europe/Budapest LC_ALL=C date -d @1707905475 +FMT). */
class StrftimeTest {
    private static final ZoneId BUDAPEST = ZoneId.of("Europe/Budapest");
    private static final Instant T = Instant.parse("2024-02-14T10:11:15.123456Z");

    private static String f(String format, Instant t) {
        return Strftime.compile(format).format(t, BUDAPEST);
    }

    @Test
    void conversions_matchGlibc() {
        assertThat(f("%Y-%m-%d %H:%M:%S", T)).isEqualTo("2024-02-14 11:11:15");
        assertThat(f("%a %A %b %B %h|%e|%j|%y|%C|%I|%l|%p|%P|%k", T))
                .isEqualTo("Wed Wednesday Feb February Feb|14|045|24|20|11|11|AM|am|11");
        assertThat(f("%s|%u|%w|%U|%W|%V|%G|%g|%Z|%z", T)).isEqualTo("1707905475|3|3|06|07|07|2024|24|CET|+0100");
        assertThat(f("%T|%F|%D|%R|%r|%c|%x|%X|%n|%t|%%", T))
                .isEqualTo("11:11:15|2024-02-14|02/14/24|11:11|11:11:15 AM|Wed Feb 14 11:11:15 2024|02/14/24|11:11:15|\n|\t|%");
        assertThat(f("%-d|%_m|%-H|%Q|%Ey", T)).isEqualTo("14| 2|11|%Q|24");
        Instant jan5 = Instant.parse("2024-01-05T02:04:05Z"); // 03:04:05 in Budapest
        assertThat(f("%e|%-e|%j|%U|%W|%V|%G|%I|%l|%p", jan5)).isEqualTo(" 5|5|005|00|01|01|2024|03| 3|AM");
    }

    @Test
    void namedNxlogFormats() {
        assertThat(f("YYYY-MM-DD hh:mm:ss", T)).isEqualTo("2024-02-14 11:11:15");
        assertThat(f("YYYY-MM-DDThh:mm:ssTZ", T)).isEqualTo("2024-02-14T11:11:15+01:00");
        assertThat(f("YYYY-MM-DDThh:mm:ss.sTZ", T)).isEqualTo("2024-02-14T11:11:15.123456+01:00");
        assertThat(f("YYYY-MM-DD hh:mm:ss.sTZ", T)).isEqualTo("2024-02-14 11:11:15.123456+01:00");
        assertThat(f("YYYY-MM-DDThh:mm:ssUTC", T)).isEqualTo("2024-02-14T10:11:15Z");
        assertThat(f("YYYY-MM-DDThh:mm:ss.sUTC", T)).isEqualTo("2024-02-14T10:11:15.123456Z");
        assertThat(f("YYYY-MM-DD hh:mm:ssUTC", T)).isEqualTo("2024-02-14 10:11:15Z");
    }

    @Test
    void summerTime_offsetAndName() {
        Instant july = Instant.parse("2024-07-01T12:00:00Z");
        assertThat(f("%H %Z %z", july)).isEqualTo("14 CEST +0200");
        assertThat(f("YYYY-MM-DDThh:mm:ssTZ", july)).isEqualTo("2024-07-01T14:00:00+02:00");
    }

    @Test
    void trailingPercent_andLiteralText_areKept() {
        assertThat(f("at %H h %", T)).isEqualTo("at 11 h %");
    }
}
