package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.ConfigException;
import io.logship.api.Event;
import io.logship.api.ModuleProvider;
import io.logship.host.config.ModuleConfigs;
import io.logship.testkit.TestModuleContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** xm_gelf as the host sees it: registration, directives, and the types an input or output gets. */
class GelfProviderTest {
    @TempDir
    Path tmp;

    @Test
    void provider_isRegisteredAsAnExtensionWithNxlogsDirectivesAndDefaults() {
        ModuleProvider p = ServiceLoader.load(ModuleProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.name().equals("xm_gelf")).findFirst().orElseThrow();
        assertThat(p.directives()).extracting(d -> d.name() + "=" + d.defaultText().orElse(""))
                .containsExactly("IncludeHiddenFields=TRUE", "ShortMessageLength=64", "UseNullDelimiter=TRUE");
    }

    @Test
    void shortMessageLength_belowOne_isAConfigProblem() {
        assertThatThrownBy(() -> ModuleConfigs.of(new GelfProvider(), "gelf", tmp, tmp, tmp,
                "ShortMessageLength", "0"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ShortMessageLength")
                .hasMessageContaining("positive");
    }

    @Test
    void gelfTcp_endsEachMessageWithNulOrWithALineFeed() throws Exception {
        XmGelf nul = GelfFixtures.started(tmp, GelfFixtures.context(tmp), "ShortMessageLength", "5");
        byte[] out = nul.outputType("GELF_TCP").encode(Event.ofRaw("hello world"));
        assertThat(out[out.length - 1]).isZero();
        assertThat(new String(out, 0, out.length - 1, StandardCharsets.UTF_8))
                .contains("\"short_message\":\"hello\"").doesNotContain("\u0000");
        assertThat(nul.encode(Event.ofRaw("x"))).as("the instance itself over a stream is GELF_TCP")
                .endsWith((byte) 0);
        XmGelf lf = GelfFixtures.started(tmp, GelfFixtures.context(tmp), "UseNullDelimiter", "FALSE");
        byte[] line = lf.outputType("gelf_tcp").encode(Event.ofRaw("x"));
        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        assertThat(lf.delimiter()).isEqualTo((byte) '\n');
    }

    @Test
    void gelfUdp_overAStream_isTheZlibPayloadAsNxlogWritesIt() throws Exception {
        XmGelf gelf = GelfFixtures.started(tmp, GelfFixtures.context(tmp));
        byte[] z = gelf.outputType("GELF").encode(Event.ofRaw("zipped"));
        assertThat(GelfCompression.detect(z, 0, z.length)).isEqualTo(GelfCompression.Kind.ZLIB);
        assertThat(new String(GelfCompression.decode(z, 0, z.length), StandardCharsets.UTF_8))
                .contains("\"short_message\":\"zipped\"");
        assertThatThrownBy(() -> gelf.outputType("GELF_HTTP")).hasMessageContaining("no OutputType GELF_HTTP");
    }

    @Test
    void record_overAStream_readsOneDelimitedMessage() throws Exception {
        XmGelf gelf = GelfFixtures.started(tmp, GelfFixtures.context(tmp));
        assertThat(gelf.delimiter()).isZero();
        byte[] b = "xx{\"host\":\"h\",\"short_message\":\"m\"}\r".getBytes(StandardCharsets.UTF_8);
        Event e = gelf.record(b, 2, b.length - 2, "10.0.0.2:600");
        assertThat(e.get("Hostname")).isEqualTo("h");
        assertThat(e.get("Message")).isEqualTo("m");
        assertThatThrownBy(() -> gelf.record(b, 0, 0, "p")).hasMessageContaining("empty GELF record");
        assertThatThrownBy(() -> gelf.record(b, 0, 2, "p")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gelfTypes_resolveNxlogsNamesToDefaultsAndInstanceNamesToThatInstance() throws Exception {
        TestModuleContext out = new TestModuleContext("om_tcp", "out", tmp);
        XmGelf configured = GelfFixtures.started(tmp, GelfFixtures.context(tmp), "ShortMessageLength", "3");
        out.addExtension("mygelf", "xm_gelf", configured);
        assertThat(GelfTypes.isGelfName(" Gelf_Udp ")).isTrue();
        assertThat(GelfTypes.isGelfName("LineBased")).isFalse();
        byte[] byName = GelfTypes.output("mygelf", out).encode(Event.ofRaw("abcdef"));
        assertThat(new String(byName, StandardCharsets.UTF_8)).contains("\"short_message\":\"abc\"");
        byte[] builtIn = GelfTypes.output("GELF_TCP", out).encode(Event.ofRaw("abcdef"));
        assertThat(new String(builtIn, StandardCharsets.UTF_8)).contains("\"short_message\":\"abcdef\"")
                .contains("\"host\":\"testhost\"");
        assertThat(GelfTypes.output("GELF", out).datagrams(Event.ofRaw("a"), 1400)).hasSize(1);
        assertThat(GelfTypes.datagramInput("GELF", out).open("in").datagram(byName, 0, byName.length - 1, "p"))
                .hasValueSatisfying(e -> assertThat(e.get("ShortMessage")).isEqualTo("abc"));
        assertThat(GelfTypes.delimitedInput("mygelf", out).delimiter()).isZero();
        assertThatThrownBy(() -> GelfTypes.output("nosuch", out)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no <Extension nosuch>");
    }
}
