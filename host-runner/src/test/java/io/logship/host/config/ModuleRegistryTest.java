package io.logship.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.logship.api.ConfigException;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleRegistryTest {

    @Test
    void load_whenServicesFileOnClassPath_findsProviders() throws ConfigException {
        ModuleRegistry r = ModuleRegistry.load(getClass().getClassLoader());
        assertThat(r.names()).contains("im_test", "om_test", "pm_test", "xm_test");
    }

    @Test
    void find_whenNameOrAliasInAnyCase_returnsProvider() {
        ModuleRegistry r = TestModules.registry();
        assertThat(r.find("IM_Test")).get().extracting(ModuleProvider::name).isEqualTo("im_test");
        assertThat(r.find("im_TESTING")).get().extracting(ModuleProvider::name).isEqualTo("im_test");
        assertThat(r.find("im_other")).isEmpty();
    }

    @Test
    void new_whenTwoProvidersClaimOneName_throwsNamingBoth() {
        ModuleProvider clash = new TestModules.Out() {
            @Override
            public String name() {
                return "om_other";
            }

            @Override
            public Set<String> aliases() {
                return Set.of("IM_TESTING");
            }

            @Override
            public ModuleKind kind() {
                return ModuleKind.OUTPUT;
            }
        };
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ModuleRegistry(List.of(new TestModules.In(), clash)));
        assertThat(e.problems()).singleElement().asString()
                .startsWith("module name 'IM_TESTING' is claimed by both io.logship.host.config.TestModules$In");
    }

    @Test
    void providers_whenListed_areSortedByName() {
        assertThat(TestModules.registry().providers()).extracting(ModuleProvider::name)
                .containsExactly("im_test", "om_test", "pm_test", "xm_test");
    }
}
