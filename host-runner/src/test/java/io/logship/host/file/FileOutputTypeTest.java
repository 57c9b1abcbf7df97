package io.logship.host.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.ConfigException;
import io.logship.api.Event;
import io.logship.api.OutputType;
import io.logship.host.config.ModuleConfigs;
import io.logship.testkit.TestModuleContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** om_file with an OutputType extension instance. */
class FileOutputTypeTest {
    @TempDir
    Path dir;

    private FileOutput create(String... kv) throws ConfigException {
        FileOutputProvider p = new FileOutputProvider();
        return (FileOutput) p.create(ModuleConfigs.of(p, "out", dir, dir, dir, kv));
    }

    @Test
    void outputType_extensionEncodesEachEvent_separatorIncluded() throws Exception {
        Path f = dir.resolve("out.log");
        TestModuleContext ctx = new TestModuleContext("om_file", "out", dir);
        OutputType framed = e -> {
            byte[] b = e.raw().getBytes(StandardCharsets.UTF_8);
            return (b.length + " " + e.raw()).getBytes(StandardCharsets.UTF_8); // octet counting, no newline
        };
        ctx.addExtension("framing", "xm_test", framed);
        FileOutput out = create("File", f.toString(), "OutputType", "framing");
        out.start(ctx);
        out.write(Event.ofRaw("hello"));
        out.write(Event.ofRaw("h\u00e9"));
        out.stop();
        assertThat(Files.readString(f)).isEqualTo("5 hello3 h\u00e9");
    }

    @Test
    void outputType_thatCannotWriteAnEvent_writesItLineBased_countsAndWarns() throws Exception {
        Path f = dir.resolve("out.log");
        TestModuleContext ctx = new TestModuleContext("om_file", "out", dir);
        ctx.addExtension("picky", "xm_test", (OutputType) e -> {
            if (e.raw().isEmpty()) {
                throw new IllegalArgumentException("empty record");
            }
            return ("<" + e.raw() + ">").getBytes(StandardCharsets.UTF_8);
        });
        FileOutput out = create("File", f.toString(), "OutputType", "picky");
        out.start(ctx);
        out.write(Event.ofRaw("a"));
        out.write(Event.ofRaw(""));
        out.write(Event.ofRaw("b"));
        out.stop();
        assertThat(Files.readString(f)).isEqualTo("<a>\n<b>");
        assertThat(ctx.counter("output_type_errors")).isEqualTo(1);
        assertThat(ctx.logged()).containsExactly("WARN out: OutputType picky cannot write an event (empty record); "
                + "written LineBased instead (1 such event(s) so far)");
    }

    @Test
    void outputType_lineBased_isTheDefaultFormat() throws Exception {
        Path f = dir.resolve("out.log");
        FileOutput out = create("File", f.toString(), "OutputType", "LINEBASED");
        out.start(new TestModuleContext("om_file", "out", dir));
        out.write(Event.ofRaw("x"));
        out.stop();
        assertThat(Files.readString(f)).isEqualTo("x\n");
    }

    @Test
    void outputType_namingAnInstanceThatIsNoOutputType_failsAtStart() throws Exception {
        TestModuleContext ctx = new TestModuleContext("om_file", "out", dir);
        ctx.addExtension("multiline", "xm_multiline", new Object());
        FileOutput out = create("File", dir.resolve("o").toString(), "OutputType", "multiline");
        assertThatThrownBy(() -> out.start(ctx)).isInstanceOf(ConfigException.class)
                .hasMessage("<test>:2: out: OutputType multiline: extension instance multiline (xm_multiline) is "
                        + "not an OutputType");
        assertThatThrownBy(() -> create("File", "/x/y", "OutputType", "Dgram"))
                .hasMessageContaining("OutputType: Dgram is for datagram inputs and outputs (im_udp, om_udp), not "
                        + "om_file");
    }
}
