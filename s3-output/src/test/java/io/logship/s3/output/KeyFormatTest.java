package io.logship.s3.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyFormatTest {
    static final long T = Instant.parse("2026-11-23T04:05:06.789Z").toEpochMilli();

    @Test
    void render_whenDefault_givesOriginalLayoutInUtcWithPaddedSeq() {
        KeyFormat k = KeyFormat.parse(KeyFormat.DEFAULT, "MYSERVER", "0a1b2c3d", "");
        assertThat(k.render(7, T)).isEqualTo("MYSERVER/2026-11-23/04.05.06.0000000007");
        assertThat(KeyFormat.parse(KeyFormat.DEFAULT, "MYSERVER", "0a1b2c3d", ".gz").render(7, T))
                .isEqualTo("MYSERVER/2026-11-23/04.05.06.0000000007.gz");
    }

    @Test
    void render_whenSeqGrowsPastNineAndTimeAdvances_lexicalOrderIsWriteOrder() {
        KeyFormat k = KeyFormat.parse(KeyFormat.DEFAULT, "s", "0a1b2c3d", "");
        List<String> keys = new ArrayList<>();
        for (long seq = 1; seq <= 120; seq++) {
            keys.add(k.render(seq, T + seq * 100));
        }
        assertThat(keys).isSorted();
        assertThat(k.render(10, T)).isGreaterThan(k.render(9, T)); // the original's ".10" < ".9" flaw
    }

    @Test
    void render_whenEveryToken_substitutes() {
        KeyFormat k = KeyFormat.parse("{server}/{yyyy}/{MM}/{dd}/{HH}{mm}{ss}{SSS}-{writer}-{seq:4}-{random}{{x}}{ext}",
                "web 01/..", "0a1b2c3d", ".zst");
        assertThat(k.render(42, T))
                .matches("web_01_\\.\\./2026/11/23/040506789-0a1b2c3d-0042-[0-9a-f]{8}\\{x\\}\\.zst");
        assertThat(k.render(42, T)).isEqualTo(k.render(42, T)); // deterministic: a retry gets the same key
        String uuid = KeyFormat.parse("{uuid}", "s", "0a1b2c3d", "").render(1, T);
        assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(KeyFormat.parse("{uuid}", "s", "ffffffff", "").render(1, T)).isNotEqualTo(uuid);
    }

    @Test
    void parse_whenBad_throwsWithReason() {
        assertThatThrownBy(() -> KeyFormat.parse("{server}/{date}", "s", "w", ""))
                .hasMessageContaining("needs {seq}, {uuid} or {random}");
        assertThatThrownBy(() -> KeyFormat.parse("{server}/{nope}{seq}", "s", "w", ""))
                .hasMessageContaining("unknown token {nope}");
        assertThatThrownBy(() -> KeyFormat.parse("{seq", "s", "w", "")).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> KeyFormat.parse("a}{seq}", "s", "w", "")).hasMessageContaining("unmatched");
        assertThatThrownBy(() -> KeyFormat.parse("{seq:0}", "s", "w", "")).hasMessageContaining("1 to 19");
        assertThatThrownBy(() -> KeyFormat.parse("{date:3}{seq}", "s", "w", "")).hasMessageContaining("only {seq:N}");
        assertThatThrownBy(() -> KeyFormat.parse("/{seq}", "s", "w", "")).hasMessageContaining("start with '/'");
    }

    @Test
    void safeSegment_whenPathLike_staysOneSegment() {
        assertThat(KeyFormat.safeSegment("..")).isEqualTo("__");
        assertThat(KeyFormat.safeSegment(".")).isEqualTo("_");
        assertThat(KeyFormat.safeSegment("")).isEqualTo("_");
        assertThat(KeyFormat.safeSegment("a/b\\c d")).isEqualTo("a_b_c_d");
        assertThat(KeyFormat.safeSegment("host-1.example.com")).isEqualTo("host-1.example.com");
    }

    @Test
    void maxOrderedSeq_whenWidth4_is9999() {
        assertThat(KeyFormat.parse("{seq:4}", "s", "w", "").maxOrderedSeq()).isEqualTo(9999);
    }
}
