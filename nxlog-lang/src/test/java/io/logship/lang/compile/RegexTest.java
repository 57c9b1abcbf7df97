package io.logship.lang.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Event;
import io.logship.lang.ExecProgram;
import org.junit.jupiter.api.Test;

/** =~ and !~ with captures, modifiers and named groups. */
class RegexTest {
    private final Lang lang = new Lang();

    @Test
    void manualExample_capturedSubstring() {
        lang.run("if $Message =~ /^Test (\\S+)/ log_info(\"captured: \" + $1);",
                new Event().set("Message", "Test message here"));
        assertThat(lang.logged).containsExactly("captured: message");
        assertThat(lang.ctx.capture(0)).isEqualTo("Test message");
    }

    @Test
    void manualExamples_matchAndNotMatch() {
        ExecProgram p = lang.compile("if $Message =~ /^Test message/ log_info(\"matched\");\n"
                + "if $Message !~ /^Test message/ log_info(\"didn't match\");\n"
                + "if $Message =~ /failure/s log_info(\"failure string present in the message\");");
        p.run(lang.ctx.reset(new Event().set("Message", "Test message")));
        p.run(lang.ctx.reset(new Event().set("Message", "other\nfailure")));
        assertThat(lang.logged).containsExactly("matched", "didn't match", "failure string present in the message");
    }

    @Test
    void capturesUpToNine_andMissingOnesAreUndef() {
        Event e = lang.run("if $raw_event =~ /(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)?/ "
                + "{ $all = $1 + $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9; $ten = defined $10; $z = $0; }",
                new Event().set("raw_event", "xabcdefghi"));
        assertThat(e.get("all")).isEqualTo("abcdefghi");
        assertThat(e.get("ten")).isEqualTo(false);
        assertThat(e.get("z")).isEqualTo("abcdefghi");
    }

    @Test
    void modifiers_caseInsensitiveMultilineDotall() {
        Event e = new Event().set("m", "first\nSecond line");
        assertThat(lang.eval("$m =~ /second/", e)).isEqualTo(false);
        assertThat(lang.eval("$m =~ /second/i", e)).isEqualTo(true);
        assertThat(lang.eval("$m =~ /^Second/", e)).isEqualTo(false);
        assertThat(lang.eval("$m =~ /^Second/m", e)).isEqualTo(true);
        assertThat(lang.eval("$m =~ /first.Second/", e)).isEqualTo(false);
        assertThat(lang.eval("$m =~ /first.second/si", e)).isEqualTo(true);
    }

    @Test
    void regexOnTheLeft_andEscapedSlash() {
        Event e = new Event().set("path", "/var/log/messages");
        assertThat(lang.eval("/^\\/var\\/log/ =~ $path", e)).isEqualTo(true);
        assertThat(lang.eval("$path !~ /\\/tmp\\//", e)).isEqualTo(true);
    }

    @Test
    void namedGroups_setFieldsOfThoseNames_evenWithUnderscores() {
        Event e = lang.run("if $raw_event =~ /^(?<Event_Time>\\S+) (?P<Severity>\\w+) (?<Message>.*)$/ $ok = TRUE;",
                new Event().set("raw_event", "2024-01-01T00:00:00Z ERROR disk (?<x>) full"));
        assertThat(e.get("Event_Time")).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(e.get("Severity")).isEqualTo("ERROR");
        assertThat(e.get("Message")).isEqualTo("disk (?<x>) full");
        assertThat(e.get("ok")).isEqualTo(true);
        assertThat(lang.ctx.capture(2)).isEqualTo("ERROR");
    }

    @Test
    void namedGroupBackReferences_followTheRename() {
        assertThat(lang.eval("$s =~ /(?<w_1>a+)-\\k<w_1>/", new Event().set("s", "aa-aa"))).isEqualTo(true);
        assertThat(lang.eval("$s =~ /(?P<w>b)(?P=w)/", new Event().set("s", "xbb"))).isEqualTo(true);
        assertThat(lang.eval("$s =~ /[(?<n>x)]/", new Event().set("s", "<"))).isEqualTo(true);
    }

    @Test
    void plainTextPatterns_matchAsTheEngineWould_andSetTheCaptures() {
        ExecProgram p = lang.compile("$x = $m =~ /(\\w)/; $pre = $m =~ /^debug/; $zero = $0; $one = $1;"
                + " $any = $m =~ /bug x/; $dot = $m =~ /^de.ug/; $ci = $m =~ /^DEBUG/i;");
        Event e = new Event().set("m", "debug x");
        p.run(lang.ctx.reset(e));
        assertThat(e.get("pre")).isEqualTo(true);
        assertThat(e.get("zero")).isEqualTo("debug");
        assertThat(e.has("one")).isFalse(); // the earlier match's $1 is gone
        assertThat(e.get("any")).isEqualTo(true);
        assertThat(e.get("dot")).isEqualTo(true);
        assertThat(e.get("ci")).isEqualTo(true);
        Event other = new Event().set("m", "a debug x");
        p.run(lang.ctx.reset(other));
        assertThat(other.get("pre")).isEqualTo(false);
        assertThat(other.get("any")).isEqualTo(true);
        assertThat(other.get("dot")).isEqualTo(false);
        assertThat(lang.eval("$m !~ /^debug/", other)).isEqualTo(true);
    }

    @Test
    void matchAsAStatement_setsCaptures() {
        Event e = lang.run("$raw_event =~ /id=(\\d+)/; $id = $1;", new Event().set("raw_event", "a id=42 b"));
        assertThat(e.get("id")).isEqualTo("42");
    }

    @Test
    void nonStringSubject_isATypeError() {
        lang.run("if $n =~ /1/ log_info('no');", new Event().set("n", 1L));
        assertThat(lang.errors).containsExactly(
                "test.conf:10: invalid operation integer =~ regexp (1 =~ /1/): the subject must be a string");
    }

    @Test
    void catastrophicPattern_givesUpWithARunTimeError_andTheNextStatementRuns() {
        Event e = lang.run("if $s =~ /(.*a){20}/ $hit = 1; $after = 1;",
                new Event().set("s", "a".repeat(19) + "x".repeat(20)));
        assertThat(lang.errors).singleElement().asString().contains("gave up after too many steps");
        assertThat(e.get("after")).isEqualTo(1L);
    }
}
