package io.logship.s3server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class FaultyS3IT {
    static EmbeddedS3 s3;
    static S3Client direct;
    FaultyS3 proxy;
    S3Client client;

    @BeforeAll
    static void startStore() throws Exception {
        s3 = EmbeddedS3.inMemory(0);
        s3.createBucket("logs");
        direct = client(s3.endpoint(), b -> { });
    }

    @AfterAll
    static void stopStore() throws Exception {
        direct.close();
        s3.close();
    }

    @BeforeEach
    void startProxy() throws IOException {
        proxy = FaultyS3.inFrontOf(s3);
        client = client(proxy.endpoint(), b -> { });
    }

    @AfterEach
    void stopProxy() {
        proxy.releaseStalls();
        client.close();
        proxy.close();
    }

    static S3Client client(URI endpoint, Consumer<S3ClientBuilder> custom) {
        // the Apache 4 client, as logship's S3 modules use (s3-common S3Settings)
        S3ClientBuilder b = S3Client.builder().httpClient(Apache5HttpClient.builder().build())
                .endpointOverride(endpoint).region(Region.of(EmbeddedS3.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)));
        custom.accept(b);
        return b.build();
    }

    @Test
    void proxy_whenNoFault_forwardsSignedRequestsOverKeptAliveConnections() {
        for (int i = 0; i < 20; i++) {
            String key = "pass/" + i;
            client.putObject(b -> b.bucket("logs").key(key), RequestBody.fromString("line " + i));
        }
        assertThat(client.listObjectsV2(b -> b.bucket("logs").prefix("pass/")).contents()).hasSize(20);
        assertThat(client.getObjectAsBytes(b -> b.bucket("logs").key("pass/7")).asUtf8String()).isEqualTo("line 7");
        assertThat(proxy.requestCount("PUT")).isEqualTo(20);
        assertThat(proxy.requestCount("GET")).isEqualTo(2);
        assertThat(proxy.requestCount()).isEqualTo(22);
        assertThat(proxy.faultCount()).isZero();
        assertThat(proxy.requestCount(FaultyS3.Request::isListObjects)).isEqualTo(1);
        assertThat(proxy.requests().get(0).key()).isEqualTo("pass/0");
        assertThat(proxy.requests().get(0).bucket()).isEqualTo("logs");
    }

    @Test
    void proxy_whenBodiesAreLarge_streamsThemUnchangedBothWays() throws Exception {
        byte[] data = new byte[24 * 1024 * 1024 + 17];
        new Random(42).nextBytes(data);
        client.putObject(b -> b.bucket("logs").key("big/1"), RequestBody.fromBytes(data));
        byte[] back;
        try (ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket("logs").key("big/1"))) {
            back = in.readAllBytes();
        }
        assertThat(MessageDigest.getInstance("SHA-256").digest(back))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
        assertThat(direct.headObject(b -> b.bucket("logs").key("big/1")).contentLength()).isEqualTo(data.length);
    }

    @Test
    void putObject_whenSlowDownTwice_sdkRetriesAndSucceeds() {
        proxy.failMatching(FaultyS3.Request::isPutObject, Fault.slowDown(), 2);

        client.putObject(b -> b.bucket("logs").key("slow/1"), RequestBody.fromString("hello"));

        assertThat(direct.getObjectAsBytes(b -> b.bucket("logs").key("slow/1")).asUtf8String()).isEqualTo("hello");
        assertThat(proxy.requestCount("PUT")).isEqualTo(3);
        assertThat(proxy.faultCount()).isEqualTo(2);
        assertThat(proxy.requests()).extracting(r -> r.fault().kind())
                .containsExactly(Fault.Kind.ERROR, Fault.Kind.ERROR, Fault.Kind.PASS);
    }

    @Test
    void putObject_whenSlowDownAndNoRetries_failsWithSlowDownCode() {
        try (S3Client noRetry = client(proxy.endpoint(), b -> b.overrideConfiguration(o -> o.retryStrategy(
                s -> s.maxAttempts(1))))) {
            proxy.failNext(1, Fault.slowDown());
            assertThatThrownBy(() -> noRetry.putObject(b -> b.bucket("logs").key("slow/2"),
                    RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
                    });
        }
        assertThat(direct.listObjectsV2(b -> b.bucket("logs").prefix("slow/2")).contents()).isEmpty();
    }

    @Test
    void getObject_whenInternalErrorOnce_sdkRetriesAndSucceeds() {
        direct.putObject(b -> b.bucket("logs").key("ie/1"), RequestBody.fromString("ok"));
        proxy.failMatching(FaultyS3.Request::isGetObject, Fault.internalError(), 1);

        assertThat(client.getObjectAsBytes(b -> b.bucket("logs").key("ie/1")).asUtf8String()).isEqualTo("ok");
        assertThat(proxy.requestCount("GET")).isEqualTo(2);
    }

    @Test
    void getObject_whenAccessDenied_failsWithoutRetryAndOtherKeysStillServed() {
        direct.putObject(b -> b.bucket("logs").key("ad/secret"), RequestBody.fromString("no"));
        direct.putObject(b -> b.bucket("logs").key("ad/open"), RequestBody.fromString("yes"));
        proxy.failMatching(r -> "ad/secret".equals(r.key()), Fault.accessDenied(), FaultyS3.ALWAYS);

        assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket("logs").key("ad/secret")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                });
        assertThat(client.getObjectAsBytes(b -> b.bucket("logs").key("ad/open")).asUtf8String()).isEqualTo("yes");
        assertThat(proxy.requestCount("GET")).isEqualTo(2);
    }

    @Test
    void putObject_whenAccessDeniedWithExpectContinue_answersBeforeTheBodyAndConnectionRecovers() {
        byte[] data = new byte[2 * 1024 * 1024];
        proxy.failMatching(FaultyS3.Request::isPutObject, Fault.accessDenied(), 1);

        assertThatThrownBy(() -> client.putObject(b -> b.bucket("logs").key("ad/put"), RequestBody.fromBytes(data)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        client.putObject(b -> b.bucket("logs").key("ad/put"), RequestBody.fromBytes(data));
        assertThat(direct.headObject(b -> b.bucket("logs").key("ad/put")).contentLength()).isEqualTo(data.length);
    }

    @Test
    void putObject_whenStoreRefusesBeforeTheBody_laterRequestsOnTheClientStillSucceed() {
        try (S3Client noRetry = client(proxy.endpoint(), b -> b.overrideConfiguration(o -> o.retryStrategy(
                s -> s.maxAttempts(1))))) {
            for (int i = 0; i < 5; i++) {
                String key = "cond/" + i;
                noRetry.putObject(b -> b.bucket("logs").key(key).ifNoneMatch("*"), RequestBody.fromString("1"));
                // Expect: 100-continue answered with 412 before the body: the proxy must not keep that connection
                assertThatThrownBy(() -> noRetry.putObject(b -> b.bucket("logs").key(key).ifNoneMatch("*"),
                        RequestBody.fromBytes(new byte[300_000])))
                        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
                assertThat(noRetry.headObject(b -> b.bucket("logs").key(key)).contentLength()).isEqualTo(1);
            }
        }
        assertThat(proxy.requestCount("PUT")).isEqualTo(10);
        assertThat(proxy.requestCount("HEAD")).isEqualTo(5);
    }

    @Test
    void getObject_whenResetMidBody_readFails() throws Exception {
        byte[] data = new byte[256 * 1024];
        new Random(1).nextBytes(data);
        direct.putObject(b -> b.bucket("logs").key("reset/1"), RequestBody.fromBytes(data));
        proxy.failMatching(FaultyS3.Request::isGetObject, Fault.resetMidBody(10_000), 1);

        ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket("logs").key("reset/1"));
        assertThat(in.response().contentLength()).isEqualTo(data.length);
        assertThatThrownBy(in::readAllBytes).isInstanceOfAny(IOException.class, SdkClientException.class);
        in.abort();

        // the next read gets the whole object
        assertThat(client.getObjectAsBytes(b -> b.bucket("logs").key("reset/1")).asByteArray()).isEqualTo(data);
    }

    @Test
    void putObject_whenResetOnRequest_sdkRetriesAndSucceeds() {
        proxy.failMatching(FaultyS3.Request::isPutObject, Fault.resetOnRequest(), 1);

        client.putObject(b -> b.bucket("logs").key("reset/put"), RequestBody.fromString("again"));

        assertThat(direct.getObjectAsBytes(b -> b.bucket("logs").key("reset/put")).asUtf8String())
                .isEqualTo("again");
        assertThat(proxy.requestCount("PUT")).isEqualTo(2);
    }

    @Test
    void putObject_whenResetBeforeResponse_storeAppliedItThoughTheClientFailed() {
        try (S3Client noRetry = client(proxy.endpoint(), b -> b.overrideConfiguration(o -> o.retryStrategy(
                s -> s.maxAttempts(1))))) {
            proxy.failMatching(FaultyS3.Request::isPutObject, Fault.resetBeforeResponse(), 1);
            assertThatThrownBy(() -> noRetry.putObject(b -> b.bucket("logs").key("reset/ambiguous"),
                    RequestBody.fromString("applied"))).isInstanceOf(SdkClientException.class);
        }
        assertThat(direct.getObjectAsBytes(b -> b.bucket("logs").key("reset/ambiguous")).asUtf8String())
                .isEqualTo("applied");
    }

    @Test
    void headObject_whenStalledAndClientTimeoutShort_clientFails() {
        direct.putObject(b -> b.bucket("logs").key("stall/1"), RequestBody.fromString("s"));
        proxy.failMatching(FaultyS3.Request::isHeadObject, Fault.stall(), FaultyS3.ALWAYS);
        try (S3Client impatient = client(proxy.endpoint(), b -> b.overrideConfiguration(o -> o
                .apiCallTimeout(Duration.ofMillis(400)).retryStrategy(s -> s.maxAttempts(1))))) {
            assertThatThrownBy(() -> impatient.headObject(b -> b.bucket("logs").key("stall/1")))
                    .isInstanceOf(ApiCallTimeoutException.class);
        }
        assertThat(proxy.faultCount()).isEqualTo(1);
    }

    @Test
    void getObject_whenStalled_completesOnlyAfterRelease() throws Exception {
        direct.putObject(b -> b.bucket("logs").key("stall/2"), RequestBody.fromString("held"));
        proxy.failMatching(FaultyS3.Request::isGetObject, Fault.stall(), 1);

        CompletableFuture<String> get = CompletableFuture.supplyAsync(
                () -> client.getObjectAsBytes(b -> b.bucket("logs").key("stall/2")).asUtf8String());
        assertThat(proxy.awaitStalled(1, Duration.ofSeconds(10))).isTrue();
        assertThat(get).isNotDone();
        assertThat(proxy.awaitIdle(Duration.ofMillis(50))).as("a held request is not finished").isFalse();
        proxy.releaseStalls();

        assertThat(get.get(10, TimeUnit.SECONDS)).isEqualTo("held");
        assertThat(proxy.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(proxy.requestCount("GET")).isEqualTo(1);
    }

    @Test
    void setDefault_whenSet_appliesToUnmatchedRequestsUntilCleared() {
        try (S3Client noRetry = client(proxy.endpoint(), b -> b.overrideConfiguration(o -> o.retryStrategy(
                s -> s.maxAttempts(1))))) {
            proxy.setDefault(Fault.internalError());
            assertThatThrownBy(() -> noRetry.listObjectsV2(b -> b.bucket("logs")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(500));
            proxy.clearFaults();
            assertThat(noRetry.listObjectsV2(b -> b.bucket("logs")).sdkHttpResponse().isSuccessful()).isTrue();
        }
        assertThat(proxy.requestCount(FaultyS3.Request::isListObjects)).isEqualTo(2);
    }

    @Test
    void request_whenPathEncoded_decodesBucketAndKey() {
        FaultyS3.Request r = new FaultyS3.Request("GET", "/logs/a%20b/c%2Bd", "", Fault.none());
        assertThat(r.bucket()).isEqualTo("logs");
        assertThat(r.key()).isEqualTo("a b/c+d");
        assertThat(r.isGetObject()).isTrue();
        FaultyS3.Request list = new FaultyS3.Request("GET", "/logs", "list-type=2&prefix=x", Fault.none());
        assertThat(list.isListObjects()).isTrue();
        assertThat(list.key()).isNull();
        assertThat(list.hasQueryParam("prefix")).isTrue();
    }

    @Test
    void close_whenRequestsAreStalled_endsThem() throws Exception {
        direct.putObject(b -> b.bucket("logs").key("stall/3"), RequestBody.fromString("x"));
        proxy.failNext(1, Fault.stall());
        try (S3Client noRetry = client(proxy.endpoint(), b -> b.overrideConfiguration(o -> o.retryStrategy(
                s -> s.maxAttempts(1))))) {
            CompletableFuture<Object> get = CompletableFuture.supplyAsync(
                    () -> noRetry.getObjectAsBytes(b -> b.bucket("logs").key("stall/3")));
            assertThat(proxy.awaitStalled(1, Duration.ofSeconds(10))).isTrue();
            proxy.close();
            assertThat(get).failsWithin(Duration.ofSeconds(10));
        }
    }
}
