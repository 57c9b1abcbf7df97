package io.logship.lang.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.ConfigException;
import io.logship.api.Event;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecError;
import io.logship.lang.ExecLibrary;
import io.logship.lang.formattest.Configs;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class XmCsvTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static ExecLibrary csv(String... directives) throws Exception {
        return (ExecLibrary) Configs.create(new XmCsvProvider(), directives);
    }

    // the manual's xm_csv example: csv1->parse_csv(); $date = now(); if not defined $number $number = 0; csv2->to_csv();
    private static ExecLibrary csv1() throws Exception {
        return csv("Fields", "$id, $name, $number", "FieldTypes", "integer, string, integer", "Delimiter", ",");
    }

    private static ExecLibrary csv2() throws Exception {
        return csv("Fields", "$id, $number, $name, $date", "Delimiter", ";");
    }

    private static void parse(ExecLibrary lib, Event e, Object... args) {
        ExecContext ctx = Configs.context(UTC).reset(e);
        Configs.function(lib, "parse_csv", true).impl().call(ctx, args);
    }

    private static String format(ExecLibrary lib, Event e) {
        return (String) Configs.function(lib, "to_csv", false).impl().call(Configs.context(UTC).reset(e),
                new Object[0]);
    }

    @Test
    void manualExample_parseWithCsv1_writeWithCsv2() throws Exception {
        Event e = Event.ofRaw("1,\"John Doe\",42");
        parse(csv1(), e);
        assertThat(e.get("id")).isEqualTo(1L);
        assertThat(e.get("name")).isEqualTo("John Doe");
        assertThat(e.get("number")).isEqualTo(42L);
        e.set("date", Instant.parse("2024-02-22T20:38:56Z"));
        ExecContext ctx = Configs.context(UTC).reset(e);
        Configs.function(csv2(), "to_csv", true).impl().call(ctx, new Object[0]);
        assertThat(e.raw()).isEqualTo("1;42;\"John Doe\";2024-02-22 20:38:56");
    }

    @Test
    void parse_whenLastColumnMissing_leavesItUndef() throws Exception {
        Event e = Event.ofRaw("2,\"Jane\"");
        parse(csv1(), e);
        assertThat(e.get("id")).isEqualTo(2L);
        assertThat(e.has("number")).isFalse();
    }

    @Test
    void parse_quotingEscapesAndEmptyColumns() throws Exception {
        ExecLibrary lib = csv("Fields", "a, b, c, d");
        Event e = Event.ofRaw("  \"x, \\\"y\\\" \"\"z\"\"\" , plain\\, text ,, \"line\\nbreak\"");
        parse(lib, e);
        assertThat(e.get("a")).isEqualTo("x, \"y\" \"z\"");
        assertThat(e.get("b")).isEqualTo("plain, text ");
        assertThat(e.has("c")).isFalse();
        assertThat(e.get("d")).isEqualTo("line\nbreak");
    }

    @Test
    void parse_typesAndUndefValue() throws Exception {
        ExecLibrary lib = csv("Fields", "$n, $ok, $t, $ip, $bin, $dash", "FieldTypes",
                "integer, boolean, datetime, ip4addr, binary, string", "Delimiter", "\\t", "UndefValue", "-");
        Event e = Event.ofRaw("0x10\tTRUE\t2024-02-22 20:38:56\t10.1.2.3\t0aff\t-").set("dash", "old");
        parse(lib, e);
        assertThat(e.get("n")).isEqualTo(16L);
        assertThat(e.get("ok")).isEqualTo(true);
        assertThat(e.get("t")).isEqualTo(Instant.parse("2024-02-22T20:38:56Z"));
        assertThat(e.get("ip")).isEqualTo(InetAddress.getByName("10.1.2.3"));
        assertThat((byte[]) e.get("bin")).containsExactly(0x0a, 0xff);
        assertThat(e.has("dash")).isFalse();
    }

    @Test
    void parse_badInput_isExecErrorNamingFunctionAndSetsNothing() throws Exception {
        Event e = Event.ofRaw("1,\"unbalanced,3");
        assertThatThrownBy(() -> parse(csv1(), e)).isInstanceOf(ExecError.class)
                .hasMessageStartingWith("parse_csv(): unbalanced quote \" in column 2");
        assertThat(e.has("id")).isFalse();
        assertThatThrownBy(() -> parse(csv1(), Event.ofRaw("1,a,2,extra"))).isInstanceOf(ExecError.class)
                .hasMessageStartingWith("parse_csv(): too many fields, expected 3");
        assertThatThrownBy(() -> parse(csv1(), Event.ofRaw("x,a,2"))).isInstanceOf(ExecError.class)
                .hasMessage("parse_csv(): field id: 'x' is not an integer");
        assertThatThrownBy(() -> parse(csv1(), Event.ofRaw("1"))).isInstanceOf(ExecError.class)
                .hasMessageStartingWith("parse_csv(): not enough fields, expected 3");
        assertThatThrownBy(() -> parse(csv("Fields", "a,b", "StrictMode", "TRUE"), Event.ofRaw("1")))
                .isInstanceOf(ExecError.class).hasMessageStartingWith("parse_csv(): not enough fields");
        assertThatThrownBy(() -> parse(csv("Fields", "a", "FieldTypes", "ip4addr"), Event.ofRaw("example.com")))
                .isInstanceOf(ExecError.class).hasMessage("parse_csv(): field a: 'example.com' is not a ip4addr");
    }

    @Test
    void toCsv_quoteMethodsEscapesAndUndef() throws Exception {
        Event e = new Event().set("s", "a\"b,c\nd").set("n", 5L).set("ok", false);
        assertThat(format(csv("Fields", "s, n, missing, ok"), e)).isEqualTo("\"a\\\"b\\,c\\nd\",5,,FALSE");
        assertThat(format(csv("Fields", "s, n, missing, ok", "QuoteMethod", "All", "UndefValue", "-"), e))
                .isEqualTo("\"a\\\"b\\,c\\nd\",\"5\",-,\"FALSE\"");
        assertThat(format(csv("Fields", "s, n", "QuoteMethod", "None", "EscapeControl", "FALSE"), e))
                .isEqualTo("a\\\"b\\,c\nd,5");
    }

    @Test
    void roundTrip_toCsvThenParseCsv() throws Exception {
        ExecLibrary lib = csv("Fields", "a, b, c", "FieldTypes", "string, integer, string");
        Event e = new Event().set("a", "x;\"y\"\\z\t").set("b", -3L).set("c", "plain");
        Event back = Event.ofRaw(format(lib, e));
        parse(lib, back);
        assertThat(back.get("a")).isEqualTo("x;\"y\"\\z\t");
        assertThat(back.get("b")).isEqualTo(-3L);
        assertThat(back.get("c")).isEqualTo("plain");
    }

    @Test
    void config_quotedSpaceDelimiterAndNoEscapeChar() throws Exception {
        // the host hands `Delimiter ' '` over unquoted and trimmed, i.e. empty; `EscapeChar ''` likewise
        ExecLibrary lib = csv("Fields", "a, b, c", "Delimiter", "", "EscapeChar", "");
        Event e = Event.ofRaw("x \\y \"q z\"");
        parse(lib, e);
        assertThat(e.get("a")).isEqualTo("x");
        assertThat(e.get("b")).isEqualTo("\\y");
        assertThat(e.get("c")).isEqualTo("q z");
        assertThat(format(lib, e)).isEqualTo("\"x\" \"\\y\" \"q z\"");
    }

    @Test
    void config_whenFieldTypesCountDiffers_namesTheBlock() {
        assertThatThrownBy(() -> csv("Fields", "$a, $b", "FieldTypes", "integer")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("test: FieldTypes: 1 types for 2 fields (a, b)");
        assertThatThrownBy(() -> csv("Fields", "$a", "FieldTypes", "number")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown field type 'number'");
        assertThatThrownBy(() -> csv("Fields", "$a", "Delimiter", ";;")).hasMessageContaining("expected one character");
    }
}
