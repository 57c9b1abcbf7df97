package io.logship.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValuesTest {
    @Test
    void parseBoolean_whenNxlogSpellings_acceptsAll() {
        assertThat(Values.parseBoolean("TRUE")).isTrue();
        assertThat(Values.parseBoolean("yes")).isTrue();
        assertThat(Values.parseBoolean("1")).isTrue();
        assertThat(Values.parseBoolean("False")).isFalse();
        assertThat(Values.parseBoolean("NO")).isFalse();
        assertThat(Values.parseBoolean("0")).isFalse();
        assertThatThrownBy(() -> Values.parseBoolean("maybe")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseDuration_whenBareNumber_meansSeconds() {
        assertThat(Values.parseDuration("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Values.parseDuration("0.5")).isEqualTo(Duration.ofMillis(500));
        assertThat(Values.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Values.parseDuration("5 min")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Values.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> Values.parseDuration("5 fortnights")).hasMessageContaining("unit");
    }

    @Test
    void parseSize_whenSuffixes_usesPowersOf1024() {
        assertThat(Values.parseSize("100")).isEqualTo(100);
        assertThat(Values.parseSize("512K")).isEqualTo(512 * 1024);
        assertThat(Values.parseSize("100MB")).isEqualTo(100L << 20);
        assertThat(Values.parseSize("2GiB")).isEqualTo(2L << 30);
        assertThatThrownBy(() -> Values.parseSize("3 parsecs")).isInstanceOf(IllegalArgumentException.class);
    }
}
