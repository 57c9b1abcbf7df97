package io.logship.s3.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import io.logship.host.config.ModuleConfigs;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class S3InputProviderTest {
    private final S3InputProvider p = new S3InputProvider();

    @Test
    void serviceLoader_whenOnClassPath_findsImS3WithAlias() {
        ModuleProvider found = ServiceLoader.load(ModuleProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(m -> m.name().equals("im_s3")).findFirst().orElseThrow();
        assertThat(found.aliases()).containsExactly("im_amazons3");
        assertThat(found.kind()).isEqualTo(ModuleKind.INPUT);
    }

    @Test
    void directives_whenListed_coverTheIssueAndAreDocumented() {
        assertThat(p.directives()).extracting(Directive::name).contains("Bucket", "Prefix", "Region", "Endpoint",
                "PathStyle", "ChecksumMode", "Profile", "RoleArn", "AccessKeyId", "SecretAccessKey", "PollInterval",
                "MaxKeys", "Workers", "StartAfter", "ModifiedAfter", "ReadFromLast", "Include", "Exclude",
                "Decoding", "MaxLineLength", "AfterRead", "MoveTo", "LateArrivalWindow", "LateArrivalMaxKeys")
                .doesNotHaveDuplicates();
        assertThat(p.directives()).allSatisfy(d -> assertThat(d.doc()).as(d.name()).isNotBlank());
        assertThat(S3InputProvider.POLL_INTERVAL.defaultText()).contains("30 s");
    }

    @Test
    void create_whenMoveWithoutMoveTo_reportsProblem() throws Exception {
        var c = ModuleConfigs.of(p, "in", Path.of("."), Path.of("."), Path.of("."), "Bucket", "logs",
                "AfterRead", "move");
        assertThatThrownBy(() -> p.create(c)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("AfterRead move needs MoveTo");
    }

    @Test
    void config_whenBadValues_reportsEach() {
        assertThatThrownBy(() -> ModuleConfigs.of(p, "in", Path.of("."), Path.of("."), Path.of("."),
                "Bucket", "logs", "MaxKeys", "5000", "ModifiedAfter", "yesterday", "Decoding", "xml"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(3));
    }

    @Test
    void parseInstant_whenDateOrTime_returnsUtc() {
        assertThat(S3InputProvider.parseInstant("2026-01-31").toString()).isEqualTo("2026-01-31T00:00:00Z");
        assertThat(S3InputProvider.parseInstant("2026-01-31T12:00:00Z").toString()).isEqualTo("2026-01-31T12:00:00Z");
    }

    @Test
    void safeName_whenInstanceHasPathCharacters_staysInDirectory() {
        assertThat(S3Input.safeName("../../etc/x")).isEqualTo("_.._.._etc_x");
        assertThat(S3Input.safeName("in_1-a.b")).isEqualTo("in_1-a.b");
    }
}
