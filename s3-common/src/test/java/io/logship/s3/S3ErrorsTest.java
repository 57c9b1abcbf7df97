package io.logship.s3;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ErrorsTest {
    private final MutableClock clock = new MutableClock();
    private final S3Settings settings = S3Settings.builder().bucket("logs").region("eu-central-1").build();
    private ListAppender<ILoggingEvent> appender;
    private Logger logger;
    private S3Errors errors;

    @BeforeEach
    void setUp() {
        LoggerContext ctx = new LoggerContext();
        logger = ctx.getLogger("test");
        logger.setLevel(Level.INFO);
        appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        errors = new S3Errors(settings, logger, clock);
    }

    @Test
    void advice_whenServerCertificateExpired_saysRenewOrFixClockAndIsRetriable() {
        S3Settings https = S3Settings.builder().bucket("logs").endpoint("https://s3.internal:9443").build();
        SdkClientException e = SdkClientException.create("Unable to execute HTTP request",
                new javax.net.ssl.SSLHandshakeException("PKIX path validation failed").initCause(
                        new java.security.cert.CertificateExpiredException("NotAfter: Mon Nov 30 04:00:00 UTC 2026")));

        String a = new S3Errors(https, logger, clock).advice(e, S3Operation.LIST_OBJECTS, null);

        assertThat(a).startsWith("ListObjectsV2 s3://logs failed: the TLS certificate of https://s3.internal:9443 has"
                        + " expired or is not valid yet")
                .contains("NotAfter: Mon Nov 30").contains("local time now 2026-01-01T00:00:00Z")
                .contains("Renew the certificate");
        assertThat(S3Errors.isRetriable(e)).isTrue();
    }

    static S3Exception s3(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status).requestId("REQ1")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " message").build())
                .message(code).build();
    }

    @Test
    void advice_whenAccessDeniedOnPut_namesActionAndObjectArn() {
        String a = errors.advice(s3(403, "AccessDenied"), S3Operation.PUT_OBJECT, "srv/2026-01-01/00.00.00.1");
        assertThat(a).startsWith("PutObject s3://logs/srv/2026-01-01/00.00.00.1 failed: AccessDenied (HTTP 403,"
                        + " request id REQ1)")
                .contains("may not s3:PutObject on arn:aws:s3:::logs/srv/2026-01-01/00.00.00.1")
                .contains("arn:aws:s3:::logs/*")
                .contains("the AWS default credential chain");
    }

    @Test
    void advice_whenAccessDeniedOnList_namesListBucketOnBucketArn() {
        String a = errors.advice(s3(403, "AccessDenied"), S3Operation.LIST_OBJECTS, null);
        assertThat(a).contains("s3:ListBucket on arn:aws:s3:::logs.").doesNotContain("logs/");
    }

    @Test
    void advice_whenAccessDeniedOnGetInChina_usesPartition() {
        S3Settings cn = S3Settings.builder().bucket("b").region("cn-north-1").build();
        String a = new S3Errors(cn, logger, clock).advice(s3(403, "AccessDenied"), S3Operation.GET_OBJECT, "k");
        assertThat(a).contains("s3:GetObject on arn:aws-cn:s3:::b/k");
    }

    @Test
    void advice_whenAccessDeniedOnDelete_namesDeleteObject() {
        assertThat(errors.advice(s3(403, "AccessDenied"), S3Operation.DELETE_OBJECT, "k"))
                .contains("s3:DeleteObject on arn:aws:s3:::logs/k");
    }

    @Test
    void advice_whenNoSuchBucket_saysBucketRegionAndThatWeNeverCreate() {
        assertThat(errors.advice(s3(404, "NoSuchBucket"), S3Operation.PUT_OBJECT, "k"))
                .contains("bucket 'logs' does not exist at AWS S3 in eu-central-1")
                .contains("never creates buckets");
    }

    @Test
    void advice_whenInvalidAccessKeyWithStaticKeys_namesSourceButNeverSecret() {
        S3Settings st = S3Settings.builder().bucket("logs").staticCredentials("AKIAIOSFODNN7EXAMPLE",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null).build();
        S3Errors e = new S3Errors(st, logger, clock);
        String a = e.advice(s3(403, "InvalidAccessKeyId"), S3Operation.PUT_OBJECT, "k");
        String b = e.advice(s3(403, "SignatureDoesNotMatch"), S3Operation.PUT_OBJECT, "k");
        assertThat(a).contains("does not know the access key id").contains("AKIA****MPLE")
                .doesNotContain("wJalr").doesNotContain("AKIAIOSFODNN7EXAMPLE");
        assertThat(b).contains("secret key").contains("static keys").doesNotContain("wJalr");
        assertThat(st.toString()).doesNotContain("wJalr").doesNotContain("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void advice_whenProfile_namesProfile() {
        S3Settings p = S3Settings.builder().bucket("logs").profile("shipper").build();
        assertThat(new S3Errors(p, logger, clock).advice(s3(403, "InvalidAccessKeyId"), S3Operation.GET_OBJECT, "k"))
                .contains("profile 'shipper'");
    }

    @Test
    void advice_whenExpiredToken_saysRefresh() {
        assertThat(errors.advice(s3(400, "ExpiredToken"), S3Operation.PUT_OBJECT, "k"))
                .contains("have expired").contains("Refresh");
        assertThat(S3Errors.isRetriable(s3(400, "ExpiredToken"))).isTrue();
    }

    @Test
    void advice_whenClockSkewed_saysClock() {
        assertThat(errors.advice(s3(403, "RequestTimeTooSkewed"), S3Operation.PUT_OBJECT, "k"))
                .contains("clock").contains("NTP");
    }

    @Test
    void advice_whenSlowDown_saysBackoff() {
        assertThat(errors.advice(s3(503, "SlowDown"), S3Operation.PUT_OBJECT, "k"))
                .contains("asks to slow down; backing off");
        assertThat(S3Errors.isRetriable(s3(503, "SlowDown"))).isTrue();
    }

    @Test
    void advice_whenConnectionRefused_namesEndpoint() {
        S3Settings local = S3Settings.builder().bucket("logs").endpoint("http://127.0.0.1:9").pathStyle(true).build();
        SdkClientException ex = SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connection refused"));
        assertThat(new S3Errors(local, logger, clock).advice(ex, S3Operation.PUT_OBJECT, "k"))
                .contains("cannot connect to http://127.0.0.1:9").contains("Connection refused");
        assertThat(S3Errors.isRetriable(ex)).isTrue();
    }

    @Test
    void advice_whenUnknownHostWithoutPathStyle_suggestsPathStyle() {
        S3Settings local = S3Settings.builder().bucket("logs").endpoint("http://minio:9000").build();
        SdkClientException ex = SdkClientException.create("x", new UnknownHostException("logs.minio"));
        assertThat(new S3Errors(local, logger, clock).advice(ex, S3Operation.PUT_OBJECT, "k"))
                .contains("logs.minio does not resolve").contains("PathStyle TRUE");
    }

    @Test
    void advice_whenAttemptTimeout_namesRequestTimeout() {
        ApiCallAttemptTimeoutException ex = ApiCallAttemptTimeoutException.create(1000);
        assertThat(errors.advice(ex, S3Operation.UPLOAD_PART, "k")).contains("RequestTimeout");
        assertThat(S3Errors.isRetriable(ex)).isTrue();
    }

    @Test
    void isRetriable_whenClientErrors_false() {
        assertThat(S3Errors.isRetriable(s3(403, "AccessDenied"))).isFalse();
        assertThat(S3Errors.isRetriable(s3(404, "NoSuchBucket"))).isFalse();
        assertThat(S3Errors.isRetriable(s3(403, "InvalidAccessKeyId"))).isFalse();
        assertThat(S3Errors.isRetriable(s3(500, "InternalError"))).isTrue();
        assertThat(S3Errors.isRetriable(new RuntimeException("bug"))).isFalse();
    }

    @Test
    void report_whenSameErrorRepeats_logsOncePerBurstThenReminds() {
        for (int i = 0; i < 100; i++) {
            errors.report(s3(403, "AccessDenied"), S3Operation.PUT_OBJECT, "k" + i);
        }
        assertThat(appender.list).hasSize(1);
        assertThat(appender.list.get(0).getLevel()).isEqualTo(Level.ERROR);

        clock.advance(S3Errors.REMINDER_INTERVAL);
        errors.report(s3(403, "AccessDenied"), S3Operation.PUT_OBJECT, "k");
        assertThat(appender.list).hasSize(2);
        assertThat(appender.list.get(1).getFormattedMessage()).contains("(99 more like it since the last report)");
    }

    @Test
    void report_whenKindChangesOrSuccessEndsBurst_logsAgain() {
        errors.report(s3(503, "SlowDown"), S3Operation.PUT_OBJECT, "k");
        errors.report(s3(503, "SlowDown"), S3Operation.PUT_OBJECT, "k");
        errors.report(s3(403, "AccessDenied"), S3Operation.PUT_OBJECT, "k");
        errors.success();
        errors.report(s3(403, "AccessDenied"), S3Operation.PUT_OBJECT, "k");
        assertThat(appender.list).extracting(ILoggingEvent::getLevel)
                .containsExactly(Level.WARN, Level.ERROR, Level.INFO, Level.ERROR);
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
