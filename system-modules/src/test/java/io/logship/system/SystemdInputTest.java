package io.logship.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.LogshipException;
import io.logship.api.ModuleProvider;
import io.logship.host.config.ModuleConfigs;
import io.logship.testkit.TestInputContext;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdInputTest {
    @TempDir
    Path tmp;

    @Test
    void provider_isRegisteredWithNxlogsDirectivesAndDefaults() throws Exception {
        ModuleProvider p = ServiceLoader.load(ModuleProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.name().equals("im_systemd")).findFirst().orElseThrow();
        assertThat(p.directives()).extracting(d -> d.name() + "=" + d.defaultText().orElse(""))
                .containsExactly("ReadFromLast=TRUE", "SavePos=TRUE", "Directory=");
        assertThat(p.create(ModuleConfigs.of(p, "journal", tmp, tmp, tmp, "Directory", "remote")))
                .isInstanceOf(SystemdInput.class);
    }

    @Test
    void start_withoutJournalctl_failsNamingTheProgram() {
        SystemdInput in = new SystemdInput("journal", new JournalCommand("/no/such/journalctl", tmp), true, true,
                Backoff.standard());
        assertThatThrownBy(() -> in.start(new TestInputContext("im_systemd", "journal", tmp)))
                .isInstanceOf(LogshipException.class)
                .hasMessageContaining("journal: cannot start /no/such/journalctl");
    }
}
