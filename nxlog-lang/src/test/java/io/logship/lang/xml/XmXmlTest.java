package io.logship.lang.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.Event;
import io.logship.lang.ExecError;
import io.logship.lang.ExecLibrary;
import io.logship.lang.formattest.Configs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XmXmlTest {
    private static ExecLibrary xml(String... directives) throws Exception {
        return (ExecLibrary) Configs.create(new XmXmlProvider(), directives);
    }

    private static Event parse(ExecLibrary lib, String text) {
        Event e = Event.ofRaw(text);
        Configs.function(lib, "parse_xml", true).impl().call(Configs.context(ZoneOffset.UTC).reset(e), new Object[0]);
        return e;
    }

    private static String format(ExecLibrary lib, Event e) {
        return (String) Configs.function(lib, "to_xml", false).impl().call(Configs.context(ZoneOffset.UTC).reset(e),
                new Object[0]);
    }

    @Test
    void parse_elementsUnderTheRootBecomeFields() throws Exception {
        Event e = parse(xml(), "<Event><Hostname>host1</Hostname><Message>a &lt;b&gt; &amp; &#x41;</Message>"
                + "<Empty/><Nested><Inner>1</Inner><Other>2</Other></Nested></Event>");
        assertThat(e.get("Hostname")).isEqualTo("host1");
        assertThat(e.get("Message")).isEqualTo("a <b> & A");
        assertThat(e.has("Empty")).isFalse();
        assertThat(e.get("Nested.Inner")).isEqualTo("1");
        assertThat(e.get("Nested.Other")).isEqualTo("2");
        assertThat(e.has("Nested")).isFalse();
    }

    @Test
    void parse_attributesAndRootTag() throws Exception {
        // the manual's ParseAttributes sample: <Msg time='2014-06-27T00:27:38' type='ERROR'>foo</Msg> gives
        // $Msg.time, $Msg.type and $Msg
        Event e = parse(xml("ParseAttributes", "TRUE"),
                "<Event><Msg time='2014-06-27T00:27:38' type='ERROR'>foo</Msg></Event>");
        assertThat(e.get("Msg")).isEqualTo("foo");
        assertThat(e.get("Msg.time")).isEqualTo("2014-06-27T00:27:38");
        assertThat(e.get("Msg.type")).isEqualTo("ERROR");
        Event withRoot = parse(xml("IgnoreRootTag", "FALSE"), "<Event><timestamp>t</timestamp></Event>");
        assertThat(withRoot.get("Event.timestamp")).isEqualTo("t");
    }

    @Test
    void parse_whenDoctypeOrExternalEntity_refusesWithoutReadingIt(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOPSECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<Event><Message>&x;</Message></Event>";
        Event e = Event.ofRaw(xxe);
        assertThatThrownBy(() -> Configs.function(xml(), "parse_xml", true).impl()
                .call(Configs.context(ZoneOffset.UTC).reset(e), new Object[0]))
                .isInstanceOf(ExecError.class).hasMessageStartingWith("parse_xml(): a DOCTYPE is not allowed");
        assertThat(e.has("Message")).isFalse();
        String bomb = "<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + "<Event><M>&b;</M></Event>";
        assertThatThrownBy(() -> parse(xml(), bomb)).isInstanceOf(ExecError.class)
                .hasMessageStartingWith("parse_xml(): a DOCTYPE is not allowed");
    }

    @Test
    void parse_malformed_isExecErrorNamingLineAndSetsNothing() throws Exception {
        ExecLibrary lib = xml();
        Event e = Event.ofRaw("<Event><a>1</a><b>2</Event>");
        assertThatThrownBy(() -> Configs.function(lib, "parse_xml", true).impl()
                .call(Configs.context(ZoneOffset.UTC).reset(e), new Object[0]))
                .isInstanceOf(ExecError.class).hasMessageStartingWith("parse_xml(): invalid XML at line 1");
        assertThat(e.has("a")).isFalse();
        assertThatThrownBy(() -> parse(lib, "just text")).isInstanceOf(ExecError.class)
                .hasMessageStartingWith("parse_xml(): invalid XML");
        assertThatThrownBy(() -> parse(lib, "<a>&undeclared;</a>")).isInstanceOf(ExecError.class)
                .hasMessageStartingWith("parse_xml():");
    }

    @Test
    void toXml_writesNxlogsEventElementAndReadsBack() throws Exception {
        ExecLibrary lib = xml();
        Event e = Event.ofRaw("raw").set("Message", "say \"hi\" <&> 'x'\r\nnext\u0001").set("Severity", 3L)
                .set("EventTime", Instant.parse("2024-02-22T20:38:56Z")).set("ok", true).set("bad name", "v");
        String text = format(lib, e);
        assertThat(text).isEqualTo("<Event><Message>say &quot;hi&quot; &lt;&amp;&gt; &apos;x&apos;&#xD;&#xA;next"
                + "\uFFFD</Message><Severity>3</Severity><EventTime>2024-02-22 20:38:56</EventTime><ok>TRUE</ok>"
                + "<bad_name>v</bad_name></Event>");
        Event back = parse(lib, text);
        assertThat(back.get("Message")).isEqualTo("say \"hi\" <&> 'x'\r\nnext\uFFFD");
        assertThat(back.get("Severity")).isEqualTo("3");
        assertThat(format(xml("RootTag", "Log"), new Event().set("a", "1"))).isEqualTo("<Log><a>1</a></Log>");
    }
}
