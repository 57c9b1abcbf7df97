package io.logship.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtensionsTest {
    private final InputType multiline = source -> null;
    private final Map<String, Extensions.Instance> instances = new LinkedHashMap<>();

    {
        instances.put("_json", new Extensions.Instance("xm_json", new Object()));
        instances.put("Multi", new Extensions.Instance("xm_multiline", multiline));
    }

    @Test
    void find_byExactName_thenIgnoringCase() throws Exception {
        assertThat(Extensions.find(instances, "Multi", InputType.class)).isSameAs(multiline);
        assertThat(Extensions.find(instances, "multi", InputType.class)).isSameAs(multiline);
    }

    @Test
    void find_whenMissing_namesItAndTheInstancesThereAre() {
        assertThatThrownBy(() -> Extensions.find(instances, "nope", InputType.class))
                .isInstanceOf(ConfigException.class)
                .hasMessage("there is no <Extension nope> in the config (extension instances: _json, Multi)");
        assertThatThrownBy(() -> Extensions.find(Map.of(), "nope", InputType.class))
                .hasMessage("there is no <Extension nope> in the config");
    }

    @Test
    void find_whenOfAnotherType_saysWhatItIsNot() {
        assertThatThrownBy(() -> Extensions.find(instances, "_json", InputType.class))
                .hasMessage("extension instance _json (xm_json) is not an InputType");
        assertThatThrownBy(() -> Extensions.find(instances, "Multi", OutputType.class))
                .hasMessage("extension instance Multi (xm_multiline) is not an OutputType");
    }

    @Test
    void moduleContext_withoutExtensions_findsNone() {
        ModuleContext bare = new ModuleContext() {
            public String instanceName() { return "i"; }
            public String moduleName() { return "m"; }
            public org.slf4j.Logger logger() { return null; }
            public java.time.Clock clock() { return null; }
            public Metrics metrics() { return null; }
            public java.nio.file.Path cacheDir() { return null; }
            public java.nio.file.Path spoolDir() { return null; }
            public String hostname() { return null; }
            public boolean isStopping() { return false; }
        };
        assertThatThrownBy(() -> bare.extension("x", InputType.class))
                .hasMessage("there is no <Extension x> in the config");
    }
}
