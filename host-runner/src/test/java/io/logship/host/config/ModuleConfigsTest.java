package io.logship.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleConfigsTest {
    static final Directive<String> BUCKET = Directive.string("Bucket").required();
    static final Directive<String> SECRET = Directive.string("SecretAccessKey").secret();
    static final Directive<Long> MAX = Directive.integer("MaxKeys").withDefault(1000L);
    static final Directive<Path> FILE = Directive.path("File").repeatable();

    static final ModuleProvider PROVIDER = new ModuleProvider() {
        @Override
        public String name() {
            return "im_test";
        }

        @Override
        public ModuleKind kind() {
            return ModuleKind.INPUT;
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public List<Directive<?>> directives() {
            return List.of(BUCKET, SECRET, MAX, FILE);
        }

        @Override
        public Module create(ModuleConfig config) {
            return new Module() {
            };
        }
    };

    @Test
    void validate_whenEveryKindOfProblem_reportsEachWithFileAndLine() {
        List<String> problems = new ArrayList<>();
        ModuleConfig c = ModuleConfigs.validate(PROVIDER, "in", List.of(
                new RawDirective("Bukcet", "x", "a.conf", 3),
                new RawDirective("MaxKeys", "lots", "a.conf", 4),
                new RawDirective("SecretAccessKey", "s3cr3t", "a.conf", 5),
                new RawDirective("Exec", "drop();", "a.conf", 6)),
                "a.conf:2", Path.of("/etc"), null, null, problems, Set.of("Exec"));
        assertThat(c).isNull();
        assertThat(problems).containsExactlyInAnyOrder(
                "a.conf:3: in: unknown directive 'Bukcet' for module im_test (did you mean Bucket?)",
                "a.conf:4: in: invalid value 'lots' for MaxKeys: expected an integer",
                "a.conf:6: in: directive 'Exec' is not supported by logship yet",
                "a.conf:2: in: missing required directive Bucket for module im_test");
    }

    @Test
    void validate_whenValid_appliesDefaultsResolvesPathsAndHidesSecrets() throws Exception {
        ModuleConfig c = ModuleConfigs.of(PROVIDER, "in", Path.of("/etc/logship"), null, null,
                "bucket", "b", "File", "a.log", "FILE", "/var/log/b.log", "SecretAccessKey", "s3cr3t");
        assertThat(c.get(BUCKET)).isEqualTo("b");
        assertThat(c.get(MAX)).isEqualTo(1000L);
        assertThat(c.getAll(FILE)).containsExactly(Path.of("/etc/logship/a.log"), Path.of("/var/log/b.log"));
        assertThat(c.toString()).doesNotContain("s3cr3t").contains("****");
    }
}
