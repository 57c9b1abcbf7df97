package io.logship.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.s3server.EmbeddedS3;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3SettingsIT extends EmbeddedStoreFixture {
    @ParameterizedTest
    @ValueSource(strings = {"when_supported", "when_required"})
    void newClient_whenEmbeddedStore_putsAndGets(String mode) {
        S3Settings st = S3Settings.builder().bucket("logs").endpoint(s3.endpoint()).pathStyle(true)
                .checksumMode(mode).staticCredentials(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, null).build();
        try (S3Client c = st.newClient(4)) {
            c.putObject(b -> b.bucket(st.bucket()).key("k/" + mode), RequestBody.fromString("hello " + mode));
            assertThat(c.getObjectAsBytes(b -> b.bucket(st.bucket()).key("k/" + mode)).asUtf8String())
                    .isEqualTo("hello " + mode);
        }
    }

    @Test
    void newClient_whenHttpsEndpoint_speaksTls() {
        // the embedded store speaks plain HTTP: a client for https:// must fail in the TLS handshake
        String https = "https://127.0.0.1:" + s3.endpoint().getPort();
        S3Settings st = S3Settings.builder().bucket("logs").endpoint(https).pathStyle(true).maxRetries(0)
                .staticCredentials(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, null).build();
        try (S3Client c = st.newClient(2)) {
            assertThatThrownBy(() -> c.getObject(b -> b.bucket("logs").key("x")).close())
                    .hasRootCauseInstanceOf(javax.net.ssl.SSLException.class)
                    .satisfies(e -> assertThat(new S3Errors(st, org.slf4j.LoggerFactory.getLogger("t"),
                            java.time.Clock.systemUTC()).advice(e, S3Operation.GET_OBJECT, "x"))
                            .contains("the TLS handshake with " + https + " failed")
                            .contains("Does the endpoint speak HTTPS on that port"));
        }
    }

    @Test
    void newClient_whenWrongSecret_failsWithAdviceNamingSource() {
        S3Settings st = S3Settings.builder().bucket("logs").endpoint(s3.endpoint()).pathStyle(true).maxRetries(0)
                .staticCredentials(EmbeddedS3.ACCESS_KEY, "wrong-secret", null).build();
        try (S3Client c = st.newClient(2)) {
            assertThatThrownBy(() -> c.putObject(b -> b.bucket("logs").key("x"), RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(S3Errors.isRetriable(e)).isFalse();
                        String advice = new S3Errors(st, org.slf4j.LoggerFactory.getLogger("t"),
                                java.time.Clock.systemUTC()).advice(e, S3Operation.PUT_OBJECT, "x");
                        assertThat(advice).contains("SignatureDoesNotMatch").contains("static keys")
                                .doesNotContain("wrong-secret");
                    });
        }
    }
}
