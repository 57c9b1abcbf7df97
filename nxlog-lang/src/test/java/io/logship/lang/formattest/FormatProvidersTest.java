package io.logship.lang.formattest;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.ExtensionModule;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import io.logship.lang.ExecLibrary;
import io.logship.lang.FunctionTable;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FormatProvidersTest {
    @Test
    void serviceLoader_findsEachFormatExtension_withTheFunctionsNxlogNames() throws Exception {
        Map<String, ModuleProvider> found = new TreeMap<>();
        for (ModuleProvider p : ServiceLoader.load(ModuleProvider.class)) {
            found.put(p.name(), p);
        }
        Map<String, String[][]> expected = Map.of(
                "xm_json", new String[][] {{"parse_json", "p"}, {"to_json", "p"}, {"to_json", "f"}},
                "xm_csv", new String[][] {{"parse_csv", "p"}, {"to_csv", "p"}, {"to_csv", "f"}},
                "xm_kvp", new String[][] {{"parse_kvp", "p"}, {"to_kvp", "p"}, {"to_kvp", "f"}},
                "xm_xml", new String[][] {{"parse_xml", "p"}, {"to_xml", "p"}, {"to_xml", "f"}},
                "xm_charconv", new String[][] {{"convert", "f"}, {"convert_fields", "p"}});
        for (Map.Entry<String, String[][]> m : expected.entrySet()) {
            ModuleProvider p = found.get(m.getKey());
            assertThat(p).as(m.getKey()).isNotNull();
            assertThat(p.kind()).isEqualTo(ModuleKind.EXTENSION);
            Object instance = m.getKey().equals("xm_csv") ? Configs.create(p, "Fields", "$a")
                    : Configs.create(p);
            assertThat(instance).isInstanceOf(ExtensionModule.class).isInstanceOf(ExecLibrary.class);
            FunctionTable table = FunctionTable.builder().extension("_x", m.getKey(), (ExecLibrary) instance).build();
            for (String[] f : m.getValue()) {
                assertThat(table.find(null, f[0], f[1].equals("p"))).as(m.getKey() + " " + f[0] + " " + f[1])
                        .isNotNull();
                assertThat(table.find("_x", f[0], f[1].equals("p"))).isNotNull();
            }
            assertThat(((ExecLibrary) instance).execFunctions()).hasSize(m.getValue().length);
        }
    }
}
