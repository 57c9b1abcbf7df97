package io.logship.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import io.logship.host.config.ModuleConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3SettingsTest {
    @TempDir
    Path dir;

    static final ModuleProvider PROVIDER = new ModuleProvider() {
        @Override
        public String name() {
            return "test_s3";
        }

        @Override
        public ModuleKind kind() {
            return ModuleKind.OUTPUT;
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public List<Directive<?>> directives() {
            return S3Settings.directives();
        }

        @Override
        public Module create(ModuleConfig config) {
            throw new UnsupportedOperationException();
        }
    };

    S3Settings settings(String... pairs) throws ConfigException {
        return S3Settings.from(ModuleConfigs.of(PROVIDER, "out", dir, dir, dir, pairs));
    }

    @Test
    void from_whenOnlyBucket_usesDefaults() throws Exception {
        S3Settings s = settings("Bucket", "logs");
        assertThat(s.bucket()).isEqualTo("logs");
        assertThat(s.pathStyle()).isFalse();
        assertThat(s.checksumMode()).isEqualTo("when_supported");
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.maxRetries()).isEqualTo(3);
        assertThat(s.credentialSource()).contains("default credential chain");
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void from_whenBucketMissing_reportsRequired() {
        assertThatThrownBy(() -> settings("Region", "eu-west-1")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing required directive Bucket");
    }

    @Test
    void from_whenAccessKeyWithoutSecret_reportsBoth() {
        assertThatThrownBy(() -> settings("Bucket", "logs", "AccessKeyId", "AKIAXXXXXXXXXXXXXXXX"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AccessKeyId is set but SecretAccessKey is not")
                .hasMessageNotContaining("AKIAXXXX");
        assertThatThrownBy(() -> settings("Bucket", "logs", "SecretAccessKey", "s3cr3t"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SecretAccessKey is set but AccessKeyId is not")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void from_whenConflictingSources_reportsEveryProblem() {
        assertThatThrownBy(() -> settings("Bucket", "logs", "Profile", "p", "AccessKeyId", "AKIAXXXXXXXXXXXXXXXX",
                "SecretAccessKey", "s3cr3t", "ExternalId", "x"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(2))
                .hasMessageContaining("Profile and AccessKeyId are both set")
                .hasMessageContaining("ExternalId is only used with RoleArn");
        assertThatThrownBy(() -> settings("Bucket", "logs", "SessionToken", "t"))
                .hasMessageContaining("SessionToken needs AccessKeyId");
    }

    @Test
    void from_whenBadValues_reportsThem() {
        assertThatThrownBy(() -> settings("Bucket", "s3://logs/x")).hasMessageContaining("bare bucket name");
        assertThatThrownBy(() -> settings("Bucket", "logs", "Endpoint", "localhost:9000"))
                .hasMessageContaining("http://");
        assertThatThrownBy(() -> settings("Bucket", "logs", "ChecksumMode", "never"))
                .hasMessageContaining("must be one of");
        assertThatThrownBy(() -> settings("Bucket", "logs", "RoleArn", "logship"))
                .hasMessageContaining("IAM role ARN");
        assertThatThrownBy(() -> settings("Bucket", "logs", "MaxRetries", "-1"))
                .hasMessageContaining("between 0 and 100");
    }

    @Test
    void from_whenStaticKeys_toStringHidesSecrets() throws Exception {
        S3Settings s = settings("Bucket", "logs", "AccessKeyId", "AKIAIOSFODNN7EXAMPLE", "SecretAccessKey",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "SessionToken", "FQoGZXIvYXdzEXAMPLETOKEN",
                "Endpoint", "http://127.0.0.1:9000", "PathStyle", "TRUE", "ChecksumMode", "WHEN_REQUIRED");
        assertThat(s.toString()).doesNotContain("wJalr").doesNotContain("FQoG").doesNotContain("AKIAIOSFODNN7EXAMPLE")
                .contains("AKIA****MPLE").contains("http://127.0.0.1:9000").contains("when_required");
        assertThat(s.resolveRegion().id()).isEqualTo("us-east-1");
    }

    @Test
    void permissionWarning_whenFileReadableByOthers_warnsElseNot() throws Exception {
        Path conf = Files.writeString(dir.resolve("agent.conf"), "AccessKeyId x\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(S3Settings.permissionWarning(conf)).get().asString().contains("readable by every user")
                .contains("chmod 600");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(S3Settings.permissionWarning(conf)).get().asString().contains("readable by its group");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
        assertThat(S3Settings.permissionWarning(conf)).isEmpty();
    }

    @Test
    void configFileOf_whenLocationNamesExistingFile_returnsIt() throws Exception {
        Path conf = Files.writeString(dir.resolve("a.conf"), "x");
        assertThat(S3Settings.configFileOf(conf + ":12")).contains(conf);
        assertThat(S3Settings.configFileOf("<test>:1")).isEmpty();
        assertThat(S3Settings.configFileOf(null)).isEmpty();
    }

    @Test
    void from_whenCaFileMissing_reportsFileAndInstance() {
        Path missing = dir.resolve("no-such-ca.pem");
        assertThatThrownBy(() -> settings("Bucket", "logs", "Endpoint", "https://127.0.0.1:9443",
                "HTTPSCAFile", missing.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(": out: HTTPSCAFile: CA file " + missing + " does not exist");
    }

    @Test
    void from_whenCaFileHoldsNoCertificate_reportsIt() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"),
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> settings("Bucket", "logs", "HTTPSCAFile", empty.toString()))
                .hasMessageContaining("CA file " + empty + " holds no certificate");
        assertThatThrownBy(() -> settings("Bucket", "logs", "HTTPSCAFile", garbage.toString()))
                .hasMessageContaining("CA file " + garbage + " is not a PEM file of certificates");
    }

    @Test
    void from_whenCaFileAndAllowUntrusted_reportsConflict() throws Exception {
        Path pem = Files.writeString(dir.resolve("any.pem"), "");
        assertThatThrownBy(() -> settings("Bucket", "logs", "HTTPSCAFile", pem.toString(),
                "HTTPSAllowUntrusted", "TRUE"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HTTPSAllowUntrusted TRUE turns off the certificate checks HTTPSCAFile"
                        + " configures: choose one");
    }

    @Test
    void from_whenAllowUntrusted_warnsAndTrustsAnyCertificate() throws Exception {
        S3Settings s = settings("Bucket", "logs", "Endpoint", "https://s3.internal:9443", "HTTPSAllowUntrusted",
                "TRUE");
        assertThat(s.httpsAllowUntrusted()).isTrue();
        assertThat(s.warnings()).singleElement().asString().contains("out: HTTPSAllowUntrusted TRUE")
                .contains("https://s3.internal:9443 are not verified").contains("HTTPSCAFile");
        assertThat(s.toString()).contains("tlsTrust=any certificate");
    }

    @Test
    void from_whenHttpsDirectiveWithPlainHttpEndpoint_warnsNoEffect() throws Exception {
        S3Settings s = settings("Bucket", "logs", "Endpoint", "http://127.0.0.1:9000", "HTTPSAllowUntrusted",
                "TRUE");
        assertThat(s.warnings()).singleElement().asString()
                .contains("HTTPSAllowUntrusted has no effect: Endpoint http://127.0.0.1:9000 is plain http://");
    }

    @Test
    void from_whenNoHttpsDirectives_verifiesWithJvmTrustStore() throws Exception {
        S3Settings s = settings("Bucket", "logs");
        assertThat(s.httpsCaFile()).isEmpty();
        assertThat(s.httpsAllowUntrusted()).isFalse();
        assertThat(s.toString()).contains("tlsTrust=the JVM's trusted CA certificates");
    }
}
