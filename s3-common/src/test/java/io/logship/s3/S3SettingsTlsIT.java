package io.logship.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.ConfigException;
import io.logship.host.config.ModuleConfigs;
import io.logship.s3server.EmbeddedS3;
import io.logship.s3server.HttpsS3;
import io.logship.s3server.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 over HTTPS: S3Proxy's secure endpoint with a self-signed certificate for {@code localhost} generated here,
 * and clients built from module configs as om_s3 and im_s3 build theirs.
 */
class S3SettingsTlsIT {
    private static final Logger LOG = LoggerFactory.getLogger(S3SettingsTlsIT.class);
    @TempDir
    static Path dir;
    static SelfSignedCertificate localhost;
    static SelfSignedCertificate stranger;
    static HttpsS3 s3;

    @BeforeAll
    static void start() throws Exception {
        localhost = SelfSignedCertificate.create(dir.resolve("server"), "localhost");
        stranger = SelfSignedCertificate.create(dir.resolve("other"), "other.example");
        s3 = HttpsS3.start(localhost);
        s3.createBucket("logs");
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    static S3Settings settings(String endpoint, String... more) throws ConfigException {
        List<String> pairs = new ArrayList<>(List.of("Bucket", "logs", "Endpoint", endpoint, "PathStyle", "TRUE",
                "MaxRetries", "0", "AccessKeyId", EmbeddedS3.ACCESS_KEY, "SecretAccessKey", EmbeddedS3.SECRET_KEY));
        pairs.addAll(List.of(more));
        return S3Settings.from(ModuleConfigs.of(S3SettingsTest.PROVIDER, "out", dir, dir, dir,
                pairs.toArray(String[]::new)));
    }

    static String advice(S3Settings st, Throwable t, S3Operation op, String key) {
        String text = new S3Errors(st, LOG, Clock.systemUTC()).advice(t, op, key);
        LOG.info("what the user reads: {}", text);
        return text;
    }

    @Test
    void open_whenCaFileTrustsCertificate_putsListsAndGetsOverHttps() throws Exception {
        S3Settings st = settings(s3.endpoint("localhost").toString(), "HTTPSCAFile", localhost.pem().toString());
        assertThat(st.warnings()).isEmpty();
        try (S3Access access = st.open(4, b -> { })) {
            S3Client c = access.client();
            for (int i = 0; i < 3; i++) {
                int n = i;
                c.putObject(b -> b.bucket("logs").key("tls/" + n).ifNoneMatch("*"),
                        RequestBody.fromString("event " + n + "\n"));
            }
            assertThatThrownBy(() -> c.putObject(b -> b.bucket("logs").key("tls/0").ifNoneMatch("*"),
                    RequestBody.fromString("again")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
            assertThat(c.listObjectsV2(b -> b.bucket("logs").prefix("tls/")).contents()).extracting(S3Object::key)
                    .containsExactly("tls/0", "tls/1", "tls/2");
            assertThat(c.getObjectAsBytes(b -> b.bucket("logs").key("tls/2")).asUtf8String()).isEqualTo("event 2\n");
        }
    }

    @Test
    void open_whenCaBundleHoldsSeveralCertificatesAndComments_trustsTheServersCertificate() throws Exception {
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, "# a private CA bundle\n" + Files.readString(stranger.pem())
                + "\n# the store's certificate\n" + Files.readString(localhost.pem()));
        S3Settings st = settings(s3.endpoint("localhost").toString(), "HTTPSCAFile", bundle.toString());
        assertThat(st.toString()).contains("the 2 CA certificate(s) of HTTPSCAFile " + bundle);
        try (S3Access access = st.open(2, b -> { })) {
            access.client().putObject(b -> b.bucket("logs").key("bundle"), RequestBody.fromString("b"));
            assertThat(access.client().getObjectAsBytes(b -> b.bucket("logs").key("bundle")).asUtf8String())
                    .isEqualTo("b");
        }
    }

    @Test
    void open_whenCertificateNotTrusted_refusesWithAdviceNamingEndpointAndDirective() throws Exception {
        String endpoint = s3.endpoint("localhost").toString();
        S3Settings st = settings(endpoint);
        try (S3Access access = st.open(2, b -> { })) {
            assertThatThrownBy(() -> access.client().listObjectsV2(b -> b.bucket("logs")))
                    .isInstanceOfSatisfying(SdkClientException.class, e -> {
                        assertThat(S3Errors.isRetriable(e)).isTrue();
                        assertThat(advice(st, e, S3Operation.LIST_OBJECTS, null))
                                .startsWith("ListObjectsV2 s3://logs failed: the TLS certificate of " + endpoint
                                        + " is not trusted")
                                .contains("not signed by any of the JVM's trusted CA certificates")
                                .contains("Set HTTPSCAFile to a PEM file of the CA certificate that signed it")
                                .doesNotContain(EmbeddedS3.SECRET_KEY);
                    });
        }
    }

    @Test
    void open_whenCaFileHoldsOtherCertificate_refusesNamingTheFile() throws Exception {
        String endpoint = s3.endpoint("localhost").toString();
        S3Settings st = settings(endpoint, "HTTPSCAFile", stranger.pem().toString());
        try (S3Access access = st.open(2, b -> { })) {
            assertThatThrownBy(() -> access.client().putObject(b -> b.bucket("logs").key("x"),
                    RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(SdkClientException.class, e -> assertThat(
                            advice(st, e, S3Operation.PUT_OBJECT, "x"))
                            .contains("the TLS certificate of " + endpoint + " is not trusted")
                            .contains("not signed by any of the 1 CA certificate(s) of HTTPSCAFile " + stranger.pem())
                            .contains("Add the CA certificate that signed it to HTTPSCAFile " + stranger.pem()));
        }
    }

    @Test
    void open_whenCertificateIsForAnotherHostName_refusesWithHostNameAdvice() throws Exception {
        // the certificate names localhost only; 127.0.0.1 reaches the same server but is not in it
        String endpoint = s3.endpoint("127.0.0.1").toString();
        S3Settings st = settings(endpoint, "HTTPSCAFile", localhost.pem().toString());
        try (S3Access access = st.open(2, b -> { })) {
            assertThatThrownBy(() -> access.client().getObject(b -> b.bucket("logs").key("x")).close())
                    .isInstanceOfSatisfying(SdkClientException.class, e -> assertThat(
                            advice(st, e, S3Operation.GET_OBJECT, "x"))
                            .startsWith("GetObject s3://logs/x failed: the TLS certificate of " + endpoint
                                    + " is for another host name")
                            .contains("Set Endpoint to a host name the certificate names"));
        }
    }

    @Test
    void open_whenAllowUntrusted_acceptsCertificateForAnotherHost() throws Exception {
        S3Settings st = settings(s3.endpoint("127.0.0.1").toString(), "HTTPSAllowUntrusted", "TRUE");
        assertThat(st.warnings()).singleElement().asString().contains("are not verified");
        try (S3Access access = st.open(2, b -> { })) {
            access.client().putObject(b -> b.bucket("logs").key("untrusted"), RequestBody.fromString("ok"));
            assertThat(access.client().getObjectAsBytes(b -> b.bucket("logs").key("untrusted")).asUtf8String())
                    .isEqualTo("ok");
        }
    }

    /** Puts through the async (multipart) client: returns the object's text read back, or throws the put's cause. */
    private static String asyncPut(S3Settings st, String key) throws Throwable {
        try (S3Access access = st.open(2, b -> { });
             S3AsyncClient async = st.openAsync(access, 2, b -> { })) {
            try {
                async.putObject(b -> b.bucket("logs").key(key), AsyncRequestBody.fromString("async " + key)).join();
            } catch (CompletionException e) {
                throw e.getCause();
            }
            return access.client().getObjectAsBytes(b -> b.bucket("logs").key(key)).asUtf8String();
        }
    }

    @Test
    void openAsync_whenCaFileTrustsCertificate_putsOverHttps() throws Throwable {
        S3Settings st = settings(s3.endpoint("localhost").toString(), "HTTPSCAFile", localhost.pem().toString());
        assertThat(asyncPut(st, "async/trusted")).isEqualTo("async async/trusted");
    }

    @Test
    void openAsync_whenCertificateNotTrusted_refuses() {
        S3Settings st;
        try {
            st = settings(s3.endpoint("localhost").toString(), "HTTPSCAFile", stranger.pem().toString());
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> asyncPut(st, "async/refused")).isInstanceOf(SdkClientException.class)
                .satisfies(e -> assertThat(advice(st, e, S3Operation.PUT_OBJECT, "async/refused"))
                        .contains("is not trusted"));
    }

    @Test
    void openAsync_whenAllowUntrusted_acceptsCertificateForAnotherHost() throws Throwable {
        S3Settings st = settings(s3.endpoint("127.0.0.1").toString(), "HTTPSAllowUntrusted", "TRUE");
        assertThat(asyncPut(st, "async/untrusted")).isEqualTo("async async/untrusted");
    }

    @Test
    void openAsync_whenCertificateIsForAnotherHostName_refuses() throws Exception {
        S3Settings st = settings(s3.endpoint("127.0.0.1").toString(), "HTTPSCAFile", localhost.pem().toString());
        assertThatThrownBy(() -> asyncPut(st, "async/otherhost")).isInstanceOf(SdkClientException.class)
                .satisfies(e -> assertThat(advice(st, e, S3Operation.PUT_OBJECT, "async/otherhost"))
                        .contains("is for another host name"));
    }
}
