package io.logship.lang.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.ConfigException;
import io.logship.api.Event;
import io.logship.testkit.TestConfig;
import io.logship.testkit.TestModuleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pm_pattern on the NXLog manual's pattern database (src/test/resources/pattern, verbatim) and its rules. */
class PatternMatcherTest {
    @TempDir
    Path dir;

    private PatternMatcher create(Path file) throws ConfigException {
        return (PatternMatcher) TestConfig.create(new PatternProvider(), "pattern", dir, "PatternFile",
                file.toString());
    }

    private Path manual() throws Exception {
        Path f = dir.resolve("patterndb.xml");
        try (var in = getClass().getResourceAsStream("/pattern/manual-patterndb.xml")) {
            Files.write(f, in.readAllBytes());
        }
        return f;
    }

    private Path db(String xml) throws Exception {
        Path f = dir.resolve("db.xml");
        Files.writeString(f, xml);
        return f;
    }

    private static Event sshd(String message) {
        return new Event().set("SourceName", "sshd").set("Message", message);
    }

    @Test
    void manualDatabase_authSuccess_setsCapturedAndSetFields_andPatternIdName() throws Exception {
        PatternMatcher pm = create(manual());
        // the message the manual's comment gives for pattern 1
        Event e = sshd("Accepted publickey for nxlogfan from 192.168.1.1 port 4242 ssh2");
        List<Event> out = new ArrayList<>();
        pm.process(e, out::add);
        assertThat(out).containsExactly(e);
        assertThat(e.fields()).containsEntry("PatternID", 1L).containsEntry("PatternName", "ssh auth success")
                .containsEntry("AuthMethod", "publickey").containsEntry("AccountName", "nxlogfan")
                .containsEntry("SourceIP4Address", "192.168.1.1").containsEntry("TaxonomyStatus", "success")
                .containsEntry("TaxonomyAction", "authenticate");
    }

    @Test
    void manualDatabase_authFailure_isPattern2_withItsExecStatementsKept() throws Exception {
        PatternMatcher pm = create(manual());
        Event e = sshd("Failed password for invalid user admin from 10.0.0.9 port 22 ssh2");
        assertThat(pm.match(e)).extracting(PatternDb.Rule::id).isEqualTo(2L);
        assertThat(e.fields()).containsEntry("PatternName", "ssh auth failure").containsEntry("AccountName", "admin")
                .containsEntry("TaxonomyStatus", "failure");
        assertThat(pm.execSources()).extracting(s -> s.text().strip())
                .containsExactly("$TestField = 'test';", "$TestField = $Testfield + 'value';");
        // where the text starts (just after <exec>), so the compiler counts lines and columns from there
        assertThat(pm.execSources().get(0)).extracting(s -> s.line(), s -> s.text().startsWith("\n"))
                .containsExactly(100, true);
    }

    @Test
    void groupCondition_gatesItsPatterns_noMatchLeavesTheEventAlone() throws Exception {
        PatternMatcher pm = create(manual());
        Event other = new Event().set("SourceName", "sudo")
                .set("Message", "Accepted publickey for nxlogfan from 192.168.1.1 port 4242 ssh2");
        assertThat(pm.match(other)).isNull();
        assertThat(other.fieldNames()).containsExactly("SourceName", "Message");
        Event noMessage = new Event().set("SourceName", "sshd");
        assertThat(pm.match(noMessage)).isNull();
    }

    @Test
    void typedCaptures_exactOnIntegers_firstMatchingPatternWins() throws Exception {
        PatternMatcher pm = create(db("""
                <patterndb>
                 <group><name>g</name><id>1</id>
                  <pattern><id>10</id><name>first</name>
                   <matchfield><name>SeverityValue</name><type>exact</type><value>3</value></matchfield>
                   <matchfield><name>Message</name><type>REGEXP</type><value>took (\\d+) ms</value>
                    <capturedfield><name>Millis</name><type>integer</type></capturedfield></matchfield>
                   <set><field><name>Slow</name><value>TRUE</value><type>boolean</type></field></set>
                  </pattern>
                  <pattern><id>11</id><name>second</name>
                   <matchfield><name>Message</name><type>regexp</type><value>took</value></matchfield>
                  </pattern>
                 </group>
                </patterndb>
                """));
        Event e = new Event().set("SeverityValue", 3L).set("Message", "request took 250 ms");
        assertThat(pm.match(e).name()).isEqualTo("first");
        assertThat(e.get("Millis")).isEqualTo(250L);
        assertThat(e.get("Slow")).isEqualTo(true);
        Event f = new Event().set("SeverityValue", 4L).set("Message", "request took 250 ms");
        assertThat(pm.match(f).name()).isEqualTo("second");
    }

    @Test
    void withoutExec_startsAndClassifies() throws Exception {
        PatternMatcher pm = create(db("""
                <patterndb><group><name>g</name><id>1</id><pattern><id>1</id><name>p</name>
                 <matchfield><name>Message</name><type>exact</type><value>x</value></matchfield>
                </pattern></group></patterndb>
                """));
        pm.start(new TestModuleContext("pm_pattern", "pattern", dir));
        Event e = new Event().set("Message", "x");
        pm.process(e, ev -> { });
        assertThat(e.get("PatternID")).isEqualTo(1L);
    }

    @Test
    void doctypeAndExternalEntities_areRefused() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "s3cret");
        Path f = db("<?xml version=\"1.0\"?>\n<!DOCTYPE patterndb [<!ENTITY x SYSTEM \"" + secret.toUri()
                + "\">]>\n<patterndb><group><name>&x;</name></group></patterndb>\n");
        assertThatThrownBy(() -> create(f)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.conf:1: pattern: PatternFile: " + f + ":")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void badDatabases_nameFileLineAndWhat() throws Exception {
        assertThatThrownBy(() -> create(db("<patterndb>\n<group><pattern><id>1</id>\n"
                + "<matchfield><name>M</name><type>regexp</type><value>(</value></matchfield>\n"
                + "</pattern></group></patterndb>")))
                .hasMessageContaining("db.xml:3:").hasMessageContaining("invalid regular expression (");
        assertThatThrownBy(() -> create(db("<patterndb><group><pattern><id>1</id><matchfield><name>M</name>"
                + "<type>fuzzy</type><value>x</value></matchfield></pattern></group></patterndb>")))
                .hasMessageContaining("type 'FUZZY' is neither exact nor regexp");
        assertThatThrownBy(() -> create(db("<patterndb><group><pattern><name>n</name>"
                + "<matchfield><name>M</name><value>x</value></matchfield></pattern></group></patterndb>")))
                .hasMessageContaining("<pattern> has no <id>");
        assertThatThrownBy(() -> create(db("<patterns/>"))).hasMessageContaining("not <patterndb>");
        assertThatThrownBy(() -> create(dir.resolve("missing.xml"))).hasMessageContaining("cannot read pattern file");
    }
}
