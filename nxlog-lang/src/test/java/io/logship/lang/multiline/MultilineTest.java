package io.logship.lang.multiline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.ConfigException;
import io.logship.api.Event;
import io.logship.api.Fields;
import io.logship.api.InputType;
import io.logship.lang.ExecProgram;
import io.logship.testkit.TestConfig;
import io.logship.testkit.TestModuleContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * xm_multiline on the NXLog Reference Manual's examples (config-example-xm_multiline1..5: the inputs and the
 * outputs NXLog produced, in src/test/resources/multiline) and on the rules behind them. The examples' Exec
 * statements are written here as programs by hand: this module is tested apart from the language's compiler.
 */
class MultilineTest {
    @TempDir
    Path dir;

    record Rec(String raw, long end) {
    }

    private Multiline create(String... directives) throws ConfigException {
        Multiline m = (Multiline) TestConfig.create(new MultilineProvider(), "multiline", dir, directives);
        m.start(new TestModuleContext("xm_multiline", "multiline", dir));
        return m;
    }

    /** Feeds text as a file would give it (LF or CRLF lines, offsets in bytes), then ends the source. */
    private static List<Rec> split(InputType type, String text) throws InterruptedException {
        List<Rec> out = new ArrayList<>();
        InputType.Splitter sp = type.open("test.log");
        feed(sp, text, 0, out);
        sp.end((e, end) -> out.add(new Rec(e.raw(), end)));
        return out;
    }

    private static long feed(InputType.Splitter sp, String text, long base, List<Rec> out)
            throws InterruptedException {
        long off = base;
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int stop = nl < 0 ? text.length() : nl;
            int contentEnd = stop > start && text.charAt(stop - 1) == '\r' ? stop - 1 : stop;
            String line = text.substring(start, contentEnd);
            String term = nl < 0 ? "" : text.substring(contentEnd, nl + 1);
            off += (line + term).getBytes(StandardCharsets.UTF_8).length;
            sp.line(line, term, off, (e, end) -> out.add(new Rec(e.raw(), end)));
            start = nl < 0 ? text.length() : nl + 1;
        }
        return off;
    }

    /** What om_file writes for the records: each raw_event (after the output's Exec) and a line feed. */
    private static String written(List<Rec> recs, UnaryOperator<String> outputExec) {
        StringBuilder sb = new StringBuilder();
        recs.forEach(r -> sb.append(outputExec.apply(r.raw())).append('\n'));
        return sb.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = MultilineTest.class.getResourceAsStream("/multiline/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** An Exec program that changes raw_event (the line, terminator included) or drops the line. */
    private static ExecProgram exec(UnaryOperator<String> f) {
        return ctx -> {
            String v = f.apply(ctx.requireEvent().raw());
            if (v == null) {
                ctx.drop();
            } else {
                ctx.requireEvent().set(Fields.RAW_EVENT, v);
            }
        };
    }

    @Test
    void manualExample1_fixedStringHeader() throws Exception {
        Multiline m = create("HeaderLine", "---------------");
        List<Rec> recs = split(m, resource("example1.in"));
        // the input's Exec: $raw_event = "#" + $raw_event;
        assertThat(written(recs, r -> "#" + r)).isEqualTo(resource("example1.out"));
    }

    @Test
    void manualExample2_fixedLineCountWithExecDroppingBlankLines() throws Exception {
        Multiline m = create("FixedLineCount", "4");
        m.execProgram(exec(r -> r.matches("(?s)^\\s*$") ? null : r)); // if $raw_event =~ /^\s*$/ drop();
        assertThat(written(split(m, resource("example2.in")), r -> "#" + r)).isEqualTo(resource("example2.out"));
    }

    @Test
    void manualExample3_execRewritesEachLine() throws Exception {
        Multiline m = create("FixedLineCount", "4");
        // parse_syslog_bsd(); $raw_event = $Message + "\n"; (the BSD header "Mmm dd hh:mm:ss host tag: " removed)
        m.execProgram(exec(r -> r.strip().replaceFirst("^\\w{3} +\\d+ [\\d:]{8} \\S+ [^:]+: ", "") + "\n"));
        String dashes = "------------------------------------------------------------------------------------\n";
        assertThat(written(split(m, resource("example3.in")), r -> dashes + r)).isEqualTo(resource("example3.out"));
    }

    @Test
    void manualExample4_regexpHeader() throws Exception {
        Multiline m = create("HeaderLine", "/^\\d\\d\\d\\d-\\d\\d-\\d\\d\\d\\d:\\d\\d:\\d\\d\\.\\d+\\s+\\d+\\s+\\S+\\s+/");
        List<Rec> recs = split(m, resource("example4.in"));
        assertThat(written(recs, r -> "--------------------------------------\n" + r))
                .isEqualTo(resource("example4.out"));
        assertThat(recs).hasSize(5);
    }

    @Test
    void manualExample5_headerAndEndLine_linesOutsideARecordAreEventsOfTheirOwn() throws Exception {
        Multiline m = create("HeaderLine", "/^<event>/", "EndLine", "/^</event>/");
        List<Rec> recs = split(m, resource("example5.in"));
        assertThat(recs).extracting(Rec::raw).containsExactly(
                "<?xml version=\"1.0\" encoding=\"UTF-8\">",
                "<event>\n  <timestamp>2012-11-23 23:00:00</timestamp>\n  <severity>ERROR</severity>\n  <message>\n"
                        + "    Something bad happened.\n    Please check the system.\n  </message>\n</event>",
                "<event>\n  <timestamp>2012-11-23 23:00:12</timestamp>\n  <severity>INFO</severity>\n  <message>\n"
                        + "   System state is now back to normal.\n  </message>\n</event>");
    }

    @Test
    void positions_recordEndsWhereItsLastLineEnds_heldLinesAreCoveredByNone() throws Exception {
        Multiline m = create("HeaderLine", "/^H/");
        List<Rec> out = new ArrayList<>();
        InputType.Splitter sp = m.open("f");
        long end = feed(sp, "H1\na\nH2\nb\n", 0, out);
        assertThat(out).containsExactly(new Rec("H1\na", 5)); // "H1\na\n" is 5 bytes; H2 and b are held
        assertThat(sp.holding()).isTrue();
        assertThat(end).isEqualTo(10);
        sp.end((e, off) -> out.add(new Rec(e.raw(), off)));
        assertThat(out).containsExactly(new Rec("H1\na", 5), new Rec("H2\nb", 10));
        assertThat(sp.holding()).isFalse();
    }

    @Test
    void crlfLines_keepTheirTerminatorsInsideTheRecord_lastOneRemoved() throws Exception {
        Multiline m = create("HeaderLine", "/^H/");
        assertThat(split(m, "H1\r\nx\r\nH2\r\n")).containsExactly(new Rec("H1\r\nx", 7), new Rec("H2", 11));
    }

    @Test
    void idle_withAutoFlush_emitsTheHeldRecord_withoutItKeepsIt() throws Exception {
        List<Rec> out = new ArrayList<>();
        InputType.Splitter flushing = create("HeaderLine", "/^H/").open("f");
        feed(flushing, "H1\ncontinued\n", 0, out);
        assertThat(flushing.idle((e, off) -> out.add(new Rec(e.raw(), off)))).isTrue();
        assertThat(out).containsExactly(new Rec("H1\ncontinued", 13));

        out.clear();
        InputType.Splitter holding = create("HeaderLine", "/^H/", "AutoFlush", "FALSE").open("f");
        feed(holding, "H1\ncontinued\n", 0, out);
        holding.idle((e, off) -> out.add(new Rec(e.raw(), off)));
        assertThat(out).isEmpty();
        assertThat(holding.holding()).isTrue();
    }

    @Test
    void emitterRefusing_stopsTheSplitter() throws Exception {
        InputType.Splitter sp = create("FixedLineCount", "1").open("f");
        assertThat(sp.line("a", "\n", 2, (e, off) -> false)).isFalse();
    }

    @Test
    void headerString_mustEqualTheWholeLine() throws Exception {
        Multiline m = create("HeaderLine", "---");
        assertThat(split(m, "---\na\n----\nb\n---\n")).extracting(Rec::raw).containsExactly("---\na\n----\nb", "---");
    }

    @Test
    void recordsOverTheLimit_areEmittedAsTheyAre_andCounted() throws Exception {
        TestModuleContext ctx = new TestModuleContext("xm_multiline", "m", dir);
        Multiline m = new Multiline(new MultilineSettings("m", LineMatcher.parse("/^H/"), null, 0, true, 10));
        m.start(ctx);
        List<Rec> recs = split(m, "H\n0123456789\nnext\n");
        assertThat(recs).extracting(Rec::raw).containsExactly("H\n0123456789", "next");
        assertThat(ctx.counter("records_too_long")).isEqualTo(1);
        assertThat(ctx.logged()).anyMatch(l -> l.startsWith("WARN m: test.log: a record grew to 13 characters"));
    }

    @Test
    void config_errorsNameTheInstanceAndDirective() {
        assertThatThrownBy(() -> create("EndLine", "/^end/"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.conf:0: multiline: one of HeaderLine and FixedLineCount is required (EndLine alone "
                        + "cannot tell where a message starts)");
        assertThatThrownBy(() -> create("HeaderLine", "/^x/", "EndLine", "/^x/"))
                .hasMessage("test.conf:2: multiline: HeaderLine and EndLine cannot be the same");
        assertThatThrownBy(() -> create("HeaderLine", "/^(unclosed/"))
                .hasMessageStartingWith("test.conf:1: multiline: HeaderLine: invalid regular expression /^(unclosed/: "
                        + "Unclosed group");
        assertThatThrownBy(() -> create("FixedLineCount", "0"))
                .hasMessageContaining("must be a positive number of lines");
    }

    @Test
    void catastrophicHeaderRegexp_isTakenAsNoMatch_notAFrozenAgent() throws Exception {
        TestModuleContext ctx = new TestModuleContext("xm_multiline", "m", dir);
        Multiline m = (Multiline) TestConfig.create(new MultilineProvider(), "m", dir, "HeaderLine", "/(.*a){20}/");
        m.start(ctx);
        String evil = "a".repeat(19) + "x".repeat(20);
        assertThat(split(m, evil + "\n")).extracting(Rec::raw).containsExactly(evil);
        assertThat(ctx.logged()).anyMatch(l -> l.contains("gave up after too many steps"));
    }

    @Test
    void exec_seesTheLineWithItsTerminator() throws Exception {
        Multiline m = create("FixedLineCount", "2");
        List<String> seen = new ArrayList<>();
        m.execProgram(ctx -> seen.add(ctx.requireEvent().raw()));
        split(m, "a\r\nb\n");
        assertThat(seen).containsExactly("a\r\n", "b\n");
    }

    @Test
    void events_carryOnlyRawEvent() throws Exception {
        List<Event> got = new ArrayList<>();
        InputType.Splitter sp = create("FixedLineCount", "2").open("f");
        sp.line("a", "\n", 2, (e, off) -> got.add(e));
        sp.line("b", "\n", 4, (e, off) -> got.add(e));
        assertThat(got).singleElement().satisfies(e -> assertThat(e.fields()).containsOnlyKeys("raw_event"));
    }
}
