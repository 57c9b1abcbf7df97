package io.logship.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.logship.api.ConfigException;
import io.logship.host.config.ConfigLoader;
import io.logship.host.config.ModuleRegistry;
import io.logship.host.config.ResolvedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module finds an {@code <Extension>} instance by name through its context ({@code ModuleContext.extension}):
 * a real config, with im_file's {@code InputType} naming an xm_multiline block, run by the agent.
 */
class ExtensionLookupTest {
    @TempDir
    Path dir;

    private Path config(String inputType) throws Exception {
        // CRLF lines: one event per line would lose every \r; a joined record keeps those inside it
        Files.writeString(dir.resolve("in.log"), "<event>\r\n  a\r\n</event>\r\njunk\r\n<event>\r\n  b\r\n</event>\r\n");
        Path conf = dir.resolve("test.conf");
        Files.writeString(conf, String.join("\n",
                "CacheDir " + dir.resolve("cache"),
                "SpoolDir " + dir.resolve("spool"),
                "<Extension events>",
                "    Module      xm_multiline",
                "    HeaderLine  /^<event>/",
                "    EndLine     /^<\\/event>/",
                "</Extension>",
                "<Input in>",
                "    Module        im_file",
                "    File          " + dir.resolve("in.log"),
                "    ReadFromLast  FALSE",
                "    InputType     " + inputType,
                "</Input>",
                "<Output out>",
                "    Module  om_file",
                "    File    " + dir.resolve("out.log"),
                "</Output>",
                "<Route r>",
                "    Path  in => out",
                "</Route>", ""));
        return conf;
    }

    @Test
    void inputType_namingAnExtensionBlock_isThatInstance() throws Exception {
        ResolvedConfig rc = ConfigLoader.load(config("Events"), ModuleRegistry.load());
        assertThat(new Agent(rc, TestPipeline.options()).runOnce()).isZero();
        assertThat(Files.readString(dir.resolve("out.log")))
                .isEqualTo("<event>\r\n  a\r\n</event>\njunk\n<event>\r\n  b\r\n</event>\n");
    }

    @Test
    void inputType_namingNoExtension_isAConfigProblemAndNothingStarts() throws Exception {
        Path conf = config("nothere");

        assertThat(catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(conf, ModuleRegistry.load()))
                .problems()).singleElement().asString().contains("InputType 'nothere' is neither a built-in type "
                        + "nor an <Extension> of this configuration (extensions: events)");
        assertThat(Files.exists(dir.resolve("out.log"))).as("no output started").isFalse();
    }
}
