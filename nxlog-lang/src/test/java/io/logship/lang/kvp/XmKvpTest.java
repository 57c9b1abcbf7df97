package io.logship.lang.kvp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.Event;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecError;
import io.logship.lang.ExecLibrary;
import io.logship.lang.formattest.Configs;
import io.logship.lang.json.XmJsonProvider;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class XmKvpTest {
    private static ExecLibrary kvp(String... directives) throws Exception {
        return (ExecLibrary) Configs.create(new XmKvpProvider(), directives);
    }

    private static Event parse(ExecLibrary lib, String line) {
        Event e = Event.ofRaw(line);
        Configs.function(lib, "parse_kvp", true).impl().call(Configs.context(ZoneOffset.UTC).reset(e), new Object[0]);
        return e;
    }

    private static String format(ExecLibrary lib, Event e) {
        return (String) Configs.function(lib, "to_kvp", false).impl().call(Configs.context(ZoneOffset.UTC).reset(e),
                new Object[0]);
    }

    @Test
    void manualExample_kvp5_parseKvpThenToJson() throws Exception {
        // NXLog reference manual, xm_kvp example 5 (KVPDelimiter , KVDelimiter = EscapeChar \\): input
        //   Name=John, Age=42, Weight=84, Height=142
        //   Name=Mike, Weight=64, Age=24, Pet=dog, Height=172
        // output (after `if (integer($Weight) > integer($Height) - 100) $Overweight = TRUE; to_json();`)
        //   {"Name":"John","Age":"42","Weight":"84","Height":"142","Overweight":true}
        //   {"Name":"Mike","Weight":"64","Age":"24","Pet":"dog","Height":"172"}
        // That manual predates DetectNumericValues (default TRUE now); FALSE gives its string values.
        ExecLibrary lib = kvp("KVPDelimiter", ",", "KVDelimiter", "=", "EscapeChar", "\\\\",
                "DetectNumericValues", "FALSE");
        ExecLibrary json = (ExecLibrary) Configs.create(new XmJsonProvider());
        String[] in = {"Name=John, Age=42, Weight=84, Height=142", "Name=Mike, Weight=64, Age=24, Pet=dog, Height=172"};
        String[] out = new String[2];
        for (int k = 0; k < 2; k++) {
            Event e = parse(lib, in[k]);
            if (Long.parseLong(e.getString("Weight")) > Long.parseLong(e.getString("Height")) - 100) {
                e.set("Overweight", true);
            }
            ExecContext ctx = Configs.context(ZoneOffset.UTC).reset(e);
            out[k] = (String) Configs.function(json, "to_json", false).impl().call(ctx, new Object[0]);
        }
        assertThat(out).containsExactly(
                "{\"Name\":\"John\",\"Age\":\"42\",\"Weight\":\"84\",\"Height\":\"142\",\"Overweight\":true}",
                "{\"Name\":\"Mike\",\"Weight\":\"64\",\"Age\":\"24\",\"Pet\":\"dog\",\"Height\":\"172\"}");
    }

    @Test
    void parse_detectsTheManualsThreeStyles() throws Exception {
        // the three forms the manual lists as typical
        ExecLibrary lib = kvp();
        Event a = parse(lib, "key1: value1, key2: value2, key42: value42");
        assertThat(a.get("key1")).isEqualTo("value1");
        assertThat(a.get("key42")).isEqualTo("value42");
        Event b = parse(lib, "key1=\"value 1\"; key2=\"value 2\"");
        assertThat(b.get("key1")).isEqualTo("value 1");
        assertThat(b.get("key2")).isEqualTo("value 2");
        Event c = parse(lib, "Application=smtp, Event='Protocol Conversation', status='Client Request', "
                + "ClientRequest='HELO 1.2.3.4'");
        assertThat(c.get("Event")).isEqualTo("Protocol Conversation");
        assertThat(c.get("ClientRequest")).isEqualTo("HELO 1.2.3.4");
    }

    @Test
    void parse_spaceDelimitedNumbersEscapesAndEmptyPairs() throws Exception {
        Event e = parse(kvp(), "a=1 b=\"two words\" c=-3 d=x\\ y e=\"q\\\"uote\"  f=\"line\\nbreak\"");
        assertThat(e.get("a")).isEqualTo(1L);
        assertThat(e.get("b")).isEqualTo("two words");
        assertThat(e.get("c")).isEqualTo(-3L);
        assertThat(e.get("d")).isEqualTo("x y");
        assertThat(e.get("e")).isEqualTo("q\"uote");
        assertThat(e.get("f")).isEqualTo("line\nbreak");
        Event sp = parse(kvp("KVPDelimiter", ""), "a=1 b=x,y");
        assertThat(sp.get("b")).isEqualTo("x,y");
        Event f = parse(kvp("KVPDelimiter", ";"), "a=1;;b= 2 ;");
        assertThat(f.get("a")).isEqualTo(1L);
        assertThat(f.get("b")).isEqualTo(2L);
    }

    @Test
    void parse_quotedKeysAndQuotedValuesBeforeADelimiter() throws Exception {
        Event e = parse(kvp(), "\"my key\"=\"v 1\",\"k\\\"q\"=2,plain = x ");
        assertThat(e.get("my key")).isEqualTo("v 1");
        assertThat(e.get("k\"q")).isEqualTo(2L);
        assertThat(e.get("plain")).isEqualTo("x");
        String longKey = "k".repeat(KvpCodec.MAX_KEY + 1);
        Event skipped = parse(kvp(), longKey + "=1, short=2");
        assertThat(skipped.has(longKey)).isFalse();
        assertThat(skipped.get("short")).isEqualTo(2L);
    }

    @Test
    void parse_badInput_isExecErrorAndSetsNothing() throws Exception {
        ExecLibrary lib = kvp();
        Event e = Event.ofRaw("a=1, b=\"open");
        assertThatThrownBy(() -> Configs.function(lib, "parse_kvp", true).impl()
                .call(Configs.context(ZoneOffset.UTC).reset(e), new Object[0]))
                .isInstanceOf(ExecError.class).hasMessageStartingWith("parse_kvp(): unbalanced quote \" in the value of 'b'");
        assertThat(e.has("a")).isFalse();
        assertThatThrownBy(() -> parse(lib, "a=1, lonely")).isInstanceOf(ExecError.class)
                .hasMessageStartingWith("parse_kvp(): 'lonely' has no key-value delimiter");
        assertThatThrownBy(() -> parse(lib, "a=\"x\"y")).isInstanceOf(ExecError.class)
                .hasMessageStartingWith("parse_kvp(): unexpected 'y' after the quoted value of 'a'");
    }

    @Test
    void toKvp_writesNxlogsFormAndReadsBack() throws Exception {
        ExecLibrary lib = kvp();
        Event e = Event.ofRaw("raw").set("Name", "John Doe").set("Age", 42L).set("_hidden", "h").set("Q", "a\"b");
        String text = format(lib, e);
        assertThat(text).isEqualTo("Name=\"John Doe\";Age=42;Q=a\\\"b;");
        Event back = parse(lib, text);
        assertThat(back.get("Name")).isEqualTo("John Doe");
        assertThat(back.get("Age")).isEqualTo(42L);
        assertThat(back.get("Q")).isEqualTo("a\"b");
        assertThat(format(kvp("QuoteMethod", "All", "KVPDelimiter", ",", "KVDelimiter", ":"),
                new Event().set("a", "x").set("n", 1L))).isEqualTo("a:\"x\",n:\"1\",");
    }

    @Test
    void config_whenDelimitersEqual_isRefused() {
        assertThatThrownBy(() -> kvp("KVDelimiter", "=", "KVPDelimiter", "=")).hasMessageContaining(
                "KVPDelimiter: is the same character as KVDelimiter");
    }
}
