package io.logship.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.s3server.HttpsS3;
import io.logship.s3server.TestCa;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * S3 over HTTPS with a private CA, as a company runs its own store: the server's certificate is issued by a
 * CA generated here, and the client trusts only that CA's certificate (HTTPSCAFile), never the server's own.
 */
class S3SettingsPrivateCaIT {
    @TempDir
    static Path dir;
    static TestCa ca;

    @BeforeAll
    static void createCa() throws Exception {
        ca = TestCa.create(dir.resolve("ca"), "logship test CA");
    }

    @Test
    void open_whenCaFileHoldsIssuingCa_putsAndGetsOverHttps() throws Exception {
        try (HttpsS3 s3 = HttpsS3.start(ca.issue(dir.resolve("valid"), "localhost"))) {
            s3.createBucket("logs");
            S3Settings st = S3SettingsTlsIT.settings(s3.endpoint("localhost").toString(), "HTTPSCAFile",
                    ca.pem().toString());
            try (S3Access access = st.open(2, b -> { })) {
                access.client().putObject(b -> b.bucket("logs").key("ca/1").ifNoneMatch("*"),
                        RequestBody.fromString("signed by the CA"));
                assertThat(access.client().getObjectAsBytes(b -> b.bucket("logs").key("ca/1")).asUtf8String())
                        .isEqualTo("signed by the CA");
            }
        }
    }

    @Test
    void open_whenIssuedCertificateExpired_refusesWithExpiryAdvice() throws Exception {
        try (HttpsS3 s3 = HttpsS3.start(ca.issueExpired(dir.resolve("expired"), "localhost"))) {
            s3.createBucket("logs");
            String endpoint = s3.endpoint("localhost").toString();
            S3Settings st = S3SettingsTlsIT.settings(endpoint, "HTTPSCAFile", ca.pem().toString());
            try (S3Access access = st.open(2, b -> { })) {
                assertThatThrownBy(() -> access.client().listObjectsV2(b -> b.bucket("logs")))
                        .isInstanceOfSatisfying(SdkClientException.class, e -> {
                            String advice = new S3Errors(st, LoggerFactory.getLogger(S3SettingsPrivateCaIT.class),
                                    Clock.systemUTC()).advice(e, S3Operation.LIST_OBJECTS, null);
                            LoggerFactory.getLogger(S3SettingsPrivateCaIT.class).info("what the user reads: {}",
                                    advice);
                            assertThat(advice).contains("the TLS certificate of " + endpoint
                                    + " has expired or is not valid yet").contains("Renew the certificate");
                        });
            }
        }
    }
}
