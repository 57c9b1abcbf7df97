package io.logship.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.logship.api.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** InputType/OutputType naming an extension instance are checked by --verify, with the registry's real modules. */
class TypeReferencesTest {
    @TempDir
    Path dir;

    private Path conf(String inputType, String outputType) throws IOException {
        Path p = dir.resolve("a.conf");
        Files.writeString(p, String.join("\n",
                "<Extension multi>", "    Module xm_multiline", "    HeaderLine /^\\d/", "</Extension>",
                "<Extension json>", "    Module xm_json", "</Extension>",
                "<Input in>", "    Module im_file", "    File \"" + dir.resolve("x.log") + "\"",
                "    InputType " + inputType, "</Input>",
                "<Output out>", "    Module om_file", "    File \"" + dir.resolve("y.log") + "\"",
                "    OutputType " + outputType, "</Output>",
                "<Route r>", "    Path in => out", "</Route>", ""));
        return p;
    }

    @Test
    void load_whenTypesNameExtensionsThatProvideThem_loads() throws Exception {
        assertThat(ConfigLoader.load(conf("multi", "LineBased"), ModuleRegistry.load(), dir).instances())
                .hasSize(4);
    }

    @Test
    void load_whenTypesNameMissingOrWrongExtensions_reportsEachAtItsLine() throws Exception {
        Path f = conf("multiline", "multi");

        assertThat(catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(f, ModuleRegistry.load(), dir)).problems()).containsExactly(
                f + ":11: in: InputType 'multiline' is neither a built-in type nor an <Extension> of this "
                        + "configuration (extensions: multi, json)",
                f + ":16: out: OutputType 'multi' names an <Extension> whose module provides no OutputType "
                        + "(xm_multiline is an InputType)");
    }
}
