package io.logship.s3.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.ConfigException;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import io.logship.host.config.ModuleConfigs;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OmS3ProviderTest {
    @TempDir
    Path dir;

    final OmS3Provider provider = new OmS3Provider();

    S3Output create(String... pairs) throws ConfigException {
        return (S3Output) provider.create(ModuleConfigs.of(provider, "out", dir, dir, dir, pairs));
    }

    @Test
    void provider_whenLoadedByServiceLoader_answersToBothNames() {
        ModuleProvider p = ServiceLoader.load(ModuleProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.name().equals("om_s3")).findFirst().orElseThrow();
        assertThat(p.aliases()).containsExactly("om_amazons3");
        assertThat(p.kind()).isEqualTo(ModuleKind.OUTPUT);
        assertThat(p.directives()).extracting(d -> d.name()).contains("Bucket", "Endpoint", "ChecksumMode",
                "KeyFormat", "SpoolMaxSize");
    }

    @Test
    void create_whenOnlyBucket_usesDefaultsAndSpoolUnderGlobalSpoolDir() throws Exception {
        S3Output out = create("Bucket", "logs");
        assertThat(out.toString()).contains("logs");
        OutputSettings s = settingsOf(out);
        assertThat(s.spoolDir()).isEqualTo(dir.resolve("om_s3-out"));
        assertThat(s.keyFormat()).isEqualTo("{server}/{date}/{time}.{seq}{ext}");
        assertThat(s.codec().extension()).isEqualTo(".gz");
        assertThat(s.codec().perEvent()).isFalse();
    }

    @Test
    void create_whenCrossDirectiveProblems_reportsEveryOne() {
        assertThatThrownBy(() -> create("Bucket", "logs", "KmsKeyId", "alias/x", "Compression", "none",
                "CompressionLevel", "5", "MaxObjectSize", "2G", "SpoolMaxSize", "1G", "RetryInterval", "10",
                "MaxRetryInterval", "1"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(4))
                .hasMessageContaining("KmsKeyId: is only used with ServerSideEncryption aws:kms")
                .hasMessageContaining("CompressionLevel: needs Compression gzip or zstd")
                .hasMessageContaining("SpoolMaxSize: is smaller than MaxObjectSize")
                .hasMessageContaining("MaxRetryInterval: is shorter than RetryInterval");
    }

    @Test
    void create_whenBadValues_namesDirective() {
        assertThatThrownBy(() -> create("Bucket", "logs", "KeyFormat", "{server}/{date}"))
                .hasMessageContaining("KeyFormat").hasMessageContaining("needs {seq}");
        assertThatThrownBy(() -> create("Bucket", "logs", "StorageClass", "COLD"))
                .hasMessageContaining("unknown storage class");
        assertThatThrownBy(() -> create("Bucket", "logs", "Compression", "zstd", "CompressionLevel", "30"))
                .hasMessageContaining("zstd levels are 1 to 19");
        assertThatThrownBy(() -> create("Bucket", "logs", "PartSize", "1M")).hasMessageContaining("5M");
        assertThatThrownBy(() -> create("Bucket", "logs", "AccessKeyId", "AKIAXXXXXXXXXXXXXXXX"))
                .hasMessageContaining("SecretAccessKey is not").hasMessageNotContaining("AKIAXXXX");
    }

    @Test
    void create_whenSseAes256AndStorageClass_normalisesValues() throws Exception {
        OutputSettings s = settingsOf(create("Bucket", "logs", "ServerSideEncryption", "aes256", "StorageClass",
                "standard_ia", "MaxEventsPerObject", "1"));
        assertThat(s.serverSideEncryption()).isEqualTo("AES256");
        assertThat(s.storageClass()).isEqualTo("STANDARD_IA");
        assertThat(s.codec().perEvent()).isTrue();
    }

    @Test
    void create_whenOneEventPerObjectWithoutCompressionLine_writesUncompressedObjectsWithoutExtension()
            throws Exception {
        OutputSettings s = settingsOf(create("Bucket", "logs", "MaxEventsPerObject", "1"));
        assertThat(s.codec().compression()).isEqualTo(Codec.Compression.NONE);
        assertThat(s.codec().extension()).isEmpty();
        assertThat(s.codec().contentEncoding()).isNull();
    }

    @Test
    void create_whenOneEventPerObjectWithCompressionGzip_stillGzips() throws Exception {
        OutputSettings s = settingsOf(create("Bucket", "logs", "MaxEventsPerObject", "1", "Compression", "gzip"));
        assertThat(s.codec().compression()).isEqualTo(Codec.Compression.GZIP);
        assertThat(s.codec().extension()).isEqualTo(".gz");
        assertThat(s.codec().contentEncoding()).isEqualTo("gzip");
    }

    @Test
    void create_whenBatchedWithoutCompressionLine_gzips() throws Exception {
        OutputSettings s = settingsOf(create("Bucket", "logs", "MaxEventsPerObject", "2"));
        assertThat(s.codec().compression()).isEqualTo(Codec.Compression.GZIP);
        assertThat(s.codec().extension()).isEqualTo(".gz");
    }

    static OutputSettings settingsOf(S3Output out) {
        return out.settings();
    }
}
