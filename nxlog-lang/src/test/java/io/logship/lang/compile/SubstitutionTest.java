package io.logship.lang.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Event;
import org.junit.jupiter.api.Test;

/** {@code $field =~ s/regexp/replacement/modifiers}. */
class SubstitutionTest {
    private final Lang lang = new Lang();

    @Test
    void manualExample_replaceWhitespaceOccurrences() {
        Event e = lang.run("if $SourceName =~ s/\\s/_/g log_info(\"removed all whitespace in SourceName\");",
                new Event().set("SourceName", "my app name"));
        assertThat(e.get("SourceName")).isEqualTo("my_app_name");
        assertThat(lang.logged).containsExactly("removed all whitespace in SourceName");
    }

    @Test
    void withoutG_onlyTheFirstIsReplaced_andNoMatchIsFalse() {
        Event e = lang.run("$a =~ s/o/0/; if $b =~ s/zzz/y/ log_info('no'); else log_info('unchanged');",
                new Event().set("a", "foo boo").set("b", "abc"));
        assertThat(e.get("a")).isEqualTo("f0o boo");
        assertThat(e.get("b")).isEqualTo("abc");
        assertThat(lang.logged).containsExactly("unchanged");
    }

    @Test
    void modifiers_iAndMAndS() {
        Event e = lang.run("$a =~ s/DEBUG/info/gi; $b =~ s/^x/y/gm; $c =~ s/a.b/-/s;",
                new Event().set("a", "debug Debug").set("b", "x1\nx2").set("c", "a\nb"));
        assertThat(e.get("a")).isEqualTo("info info");
        assertThat(e.get("b")).isEqualTo("y1\ny2");
        assertThat(e.get("c")).isEqualTo("-");
    }

    @Test
    void replacement_isLiteral_asTheManualSays() {
        Event e = lang.run("$a =~ s/(\\w+)/$1-\\\\$&/;", new Event().set("a", "word"));
        assertThat(e.get("a")).isEqualTo("$1-\\\\$&");
    }

    @Test
    void escapedSlashes_andAnEmptyReplacement() {
        Event e = lang.run("$p =~ s/\\/+/\\//g; $q =~ s/ +//g;", new Event().set("p", "a//b///c").set("q", "a b  c"));
        assertThat(e.get("p")).isEqualTo("a/b/c");
        assertThat(e.get("q")).isEqualTo("abc");
    }

    @Test
    void undefField_isLeftAlone() {
        Event e = lang.run("$missing =~ s/a/b/; $after = 1;");
        assertThat(e.has("missing")).isFalse();
        assertThat(e.get("after")).isEqualTo(1L);
        assertThat(lang.errors).isEmpty();
    }

    @Test
    void negatedSubstitution_stillReplaces_likeNxlog() {
        Event e = lang.run("$a !~ s/a/b/;", new Event().set("a", "aa"));
        assertThat(e.get("a")).isEqualTo("ba");
    }
}
