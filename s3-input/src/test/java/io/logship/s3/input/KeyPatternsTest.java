package io.logship.s3.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyPatternsTest {
    @Test
    void matches_whenGlobs_followsSegments() {
        KeyPatterns p = new KeyPatterns(List.of("logs/*/*.gz", "audit/**"), List.of("**/tmp/**", "**.partial"));
        assertThat(p.matches("logs/web/a.gz")).isTrue();
        assertThat(p.matches("logs/web/deep/a.gz")).isFalse();
        assertThat(p.matches("audit/2026/11/x.json")).isTrue();
        assertThat(p.matches("audit/tmp/x.json")).isFalse();
        assertThat(p.matches("audit/x.partial")).isFalse();
        assertThat(p.matches("other/x")).isFalse();
    }

    @Test
    void matches_whenNoIncludes_takesAllButExcluded() {
        KeyPatterns p = new KeyPatterns(List.of(), List.of("*.tmp"));
        assertThat(p.matches("a.log")).isTrue();
        assertThat(p.matches("a.tmp")).isFalse();
        assertThat(p.matches("d/a.tmp")).isTrue();
        assertThat(new KeyPatterns(List.of("a?c[1]"), List.of()).matches("abc[1]")).isTrue();
    }
}
