package io.logship.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.logship.s3server.EmbeddedS3;
import io.logship.s3server.Fault;
import io.logship.s3server.FaultyS3;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** DirectS3 against S3Proxy over HTTP: what it sends is what the S3Client would have sent. */
class DirectS3IT extends EmbeddedStoreFixture {
    private static S3Settings settings(String secret) {
        return S3Settings.builder().bucket("logs").endpoint(s3.endpoint()).pathStyle(true)
                .checksumMode("when_supported").maxRetries(0)
                .staticCredentials(EmbeddedS3.ACCESS_KEY, secret, null).build();
    }

    /** The x-amz-checksum-crc32 form: the CRC-32, big-endian, in base64. */
    private static String crc32Base64(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b);
        return Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue())
                .array());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void put_whenNewKey_createsObjectWithEveryHeaderField() {
        try (S3Access a = settings(EmbeddedS3.SECRET_KEY).open(2, b -> { })) {
            assertThat(a.direct()).isNotNull();
            byte[] body = utf8("line one\n");
            PutObjectRequest req = PutObjectRequest.builder().bucket("logs").key("put/one").ifNoneMatch("*")
                    .contentType("text/plain").contentEncoding("identity")
                    .metadata(Map.of("logship-writer", "w1", "logship-seq", "7"))
                    .checksumCRC32(crc32Base64(body))
                    .build();

            assertThat(a.direct().put(req, body)).contains(200);

            HeadObjectResponse h = a.client().headObject(b -> b.bucket("logs").key("put/one"));
            assertThat(h.contentType()).isEqualTo("text/plain");
            assertThat(h.contentEncoding()).isEqualTo("identity");
            assertThat(h.metadata()).containsEntry("logship-writer", "w1").containsEntry("logship-seq", "7");
            assertThat(a.client().getObjectAsBytes(b -> b.bucket("logs").key("put/one")).asUtf8String())
                    .isEqualTo("line one\n");
        }
    }

    @Test
    void open_buildsTheS3ClientOnlyWhenFirstNeeded_andNotAfterClose() {
        S3Access a = settings(EmbeddedS3.SECRET_KEY).open(2, b -> { });
        try {
            PutObjectRequest req = PutObjectRequest.builder().bucket("logs").key("lazy/one").ifNoneMatch("*").build();
            assertThat(a.direct().put(req, utf8("direct"))).contains(200);
            assertThat(a.clientBuilt()).isFalse();

            S3Client first = a.client();

            assertThat(a.clientBuilt()).isTrue();
            assertThat(a.client()).isSameAs(first);
            assertThat(first.getObjectAsBytes(b -> b.bucket("logs").key("lazy/one")).asUtf8String()).isEqualTo("direct");
        } finally {
            a.close();
        }
        S3Access unused = settings(EmbeddedS3.SECRET_KEY).open(2, b -> { });
        unused.close();
        assertThat(unused.clientBuilt()).isFalse();
        assertThatThrownBy(unused::client).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void put_whenKeyExists_answers412AndKeepsTheFirstObject() {
        try (S3Access a = settings(EmbeddedS3.SECRET_KEY).open(2, b -> { })) {
            PutObjectRequest req = PutObjectRequest.builder().bucket("logs").key("put/twice").ifNoneMatch("*").build();
            assertThat(a.direct().put(req, utf8("first"))).contains(200);

            assertThat(a.direct().put(req, utf8("second"))).contains(412);

            assertThat(a.client().getObjectAsBytes(b -> b.bucket("logs").key("put/twice")).asUtf8String())
                    .isEqualTo("first");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b/c+d%e", "ünïcödé/ключ", "x=y&z?q#h", "~tilde*star'(p)"})
    void putAndGet_whenKeyNeedsEncoding_signsAndFindsTheSameKey(String key) {
        try (S3Access a = settings(EmbeddedS3.SECRET_KEY).open(2, b -> { })) {
            a.client().putObject(b -> b.bucket("logs").key("sdk/" + key), RequestBody.fromString("sdk"));
            PutObjectRequest req = PutObjectRequest.builder().bucket("logs").key("enc/" + key).build();
            assertThat(a.direct().put(req, utf8("v:" + key))).contains(200);

            assertThat(a.client().getObjectAsBytes(b -> b.bucket("logs").key("enc/" + key)).asUtf8String())
                    .isEqualTo("v:" + key);
            Optional<DirectS3.Whole> w = a.direct().getWhole(GetObjectRequest.builder().bucket("logs")
                    .key("enc/" + key).build());
            assertThat(w).isPresent();
            assertThat(new String(w.get().bytes(), StandardCharsets.UTF_8)).isEqualTo("v:" + key);
        }
    }

    @Test
    void getWhole_whenObjectExists_returnsBodyAndResponseFieldsAsTheClientDoes() {
        try (S3Access a = settings(EmbeddedS3.SECRET_KEY).open(2, b -> { })) {
            a.client().putObject(b -> b.bucket("logs").key("get/one").contentType("text/plain")
                    .metadata(Map.of("origin", "test")), RequestBody.fromString("hello\nworld\n"));
            GetObjectRequest req = GetObjectRequest.builder().bucket("logs").key("get/one")
                    .checksumMode(ChecksumMode.ENABLED).build();

            DirectS3.Whole w = a.direct().getWhole(req).orElseThrow();

            GetObjectResponse sdk = a.client().getObject(req).response();
            assertThat(new String(w.bytes(), StandardCharsets.UTF_8)).isEqualTo("hello\nworld\n");
            assertThat(w.response().contentLength()).isEqualTo(12L).isEqualTo(sdk.contentLength());
            assertThat(w.response().eTag()).isEqualTo(sdk.eTag());
            assertThat(w.response().lastModified()).isEqualTo(sdk.lastModified());
            assertThat(w.response().contentType()).isEqualTo(sdk.contentType());
            assertThat(w.response().metadata()).isEqualTo(sdk.metadata()).containsEntry("origin", "test");
            assertThat(w.response().sdkHttpResponse().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void getWhole_whenKeyMissing_throwsNoSuchKeyAsTheClientDoes() {
        try (S3Access a = settings(EmbeddedS3.SECRET_KEY).open(2, b -> { })) {
            GetObjectRequest req = GetObjectRequest.builder().bucket("logs").key("get/missing").build();
            assertThatThrownBy(() -> a.direct().getWhole(req))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
                        assertThat(e.requestId()).isNotBlank();
                    });
        }
    }

    @Test
    void putAndGet_whenWrongSecret_throwTheStoresErrorWithTheSameAdvice() {
        S3Settings st = settings("wrong-secret");
        S3Errors errors = new S3Errors(st, org.slf4j.LoggerFactory.getLogger("t"), java.time.Clock.systemUTC());
        try (S3Access a = st.open(2, b -> { })) {
            S3Exception sdk = catchThrowableOfType(S3Exception.class,
                    () -> a.client().putObject(b -> b.bucket("logs").key("denied"), RequestBody.fromString("x")));

            S3Exception direct = catchThrowableOfType(S3Exception.class,
                    () -> a.direct().put(PutObjectRequest.builder().bucket("logs").key("denied").build(), utf8("x")));

            assertThat(direct.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch")
                    .isEqualTo(sdk.awsErrorDetails().errorCode());
            assertThat(direct.statusCode()).isEqualTo(403);
            assertThat(errors.advice(direct, S3Operation.PUT_OBJECT, "denied").replace(direct.requestId(), "ID"))
                    .isEqualTo(errors.advice(sdk, S3Operation.PUT_OBJECT, "denied").replace(sdk.requestId(), "ID"));
            assertThatThrownBy(() -> a.direct().getWhole(GetObjectRequest.builder().bucket("logs").key("k").build()))
                    .isInstanceOf(S3Exception.class);
            assertThatThrownBy(() -> a.direct().list(ListObjectsV2Request.builder().bucket("logs").prefix("p/").build()))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("SignatureDoesNotMatch"));
        }
    }

    @Test
    void list_pagesAsTheS3ClientDoes_withKeysNeedingEncodingAndEscaping() {
        List<String> keys = List.of("ls/a", "ls/b b", "ls/c&d<e>'\"", "ls/x+y=z?q#h", "ls/ünïcödé", "ls/z/deep/~*()",
                "lt/other");
        try (S3Access a = settings(EmbeddedS3.SECRET_KEY).open(2, b -> { })) {
            for (String k : keys) {
                a.client().putObject(b -> b.bucket("logs").key(k), RequestBody.fromString("body of " + k));
            }
            List<ListObjectsV2Request> requests = List.of(
                    ListObjectsV2Request.builder().bucket("logs").prefix("ls/").build(),
                    ListObjectsV2Request.builder().bucket("logs").prefix("ls/").startAfter("ls/b b").maxKeys(1000).build(),
                    ListObjectsV2Request.builder().bucket("logs").maxKeys(2).build(),
                    ListObjectsV2Request.builder().bucket("logs").prefix("nothing/").build());
            for (ListObjectsV2Request first : requests) {
                List<List<String>> sdkPages = new ArrayList<>();
                List<List<String>> directPages = new ArrayList<>();
                ListObjectsV2Request sdkReq = first;
                ListObjectsV2Request directReq = first;
                while (sdkReq != null) {
                    ListObjectsV2Response sdk = a.client().listObjectsV2(sdkReq);
                    ListObjectsV2Response direct = a.direct().list(directReq).orElseThrow();
                    sdkPages.add(sdk.contents().stream().map(DirectS3IT::describe).toList());
                    directPages.add(direct.contents().stream().map(DirectS3IT::describe).toList());
                    assertThat(direct.isTruncated()).isEqualTo(sdk.isTruncated());
                    assertThat(direct.keyCount()).isEqualTo(sdk.keyCount());
                    assertThat(direct.sdkHttpResponse().statusCode()).isEqualTo(200);
                    boolean more = Boolean.TRUE.equals(sdk.isTruncated());
                    assertThat(direct.nextContinuationToken() != null).isEqualTo(more);
                    sdkReq = more ? first.toBuilder().continuationToken(sdk.nextContinuationToken()).build() : null;
                    directReq = more ? first.toBuilder().continuationToken(direct.nextContinuationToken()).build() : null;
                }
                assertThat(directPages).as("pages of %s", first).isEqualTo(sdkPages);
            }
            assertThat(a.direct().list(requests.get(0)).orElseThrow().contents()).extracting(S3Object::key)
                    .containsExactly("ls/a", "ls/b b", "ls/c&d<e>'\"", "ls/x+y=z?q#h", "ls/z/deep/~*()", "ls/ünïcödé");
            // a delimiter changes the answer's form, another bucket is not this path's: left to the S3Client
            assertThat(a.direct().list(requests.get(0).toBuilder().delimiter("/").build())).isEmpty();
            assertThat(a.direct().list(requests.get(0).toBuilder().bucket("other").build())).isEmpty();
        }
    }

    @Test
    void getStream_streamsTheBodyWithTheClientsFields_rangesIfMatchAndAbort() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + i / 1000);
        }
        try (S3Access a = settings(EmbeddedS3.SECRET_KEY).open(2, b -> { })) {
            a.client().putObject(b -> b.bucket("logs").key("stream/big"), RequestBody.fromBytes(big));
            GetObjectRequest req = GetObjectRequest.builder().bucket("logs").key("stream/big").build();
            GetObjectResponse sdk;
            try (ResponseInputStream<GetObjectResponse> in = a.client().getObject(req)) {
                sdk = in.response();
            }

            try (ResponseInputStream<GetObjectResponse> in = a.direct().getStream(req).orElseThrow()) {
                assertThat(in.readAllBytes()).isEqualTo(big);
                GetObjectResponse d = in.response();
                assertThat(d.contentLength()).isEqualTo(sdk.contentLength()).isEqualTo(big.length);
                assertThat(d.eTag()).isEqualTo(sdk.eTag());
                assertThat(d.lastModified()).isEqualTo(sdk.lastModified());
                assertThat(d.contentType()).isEqualTo(sdk.contentType());
            }
            // the rest from a byte on, pinned to the ETag (how im_s3 resumes a broken download)
            GetObjectRequest tail = req.toBuilder().range("bytes=1000000-").ifMatch(sdk.eTag()).build();
            try (ResponseInputStream<GetObjectResponse> in = a.direct().getStream(tail).orElseThrow()) {
                assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(big, 1_000_000, big.length));
                assertThat(in.response().contentRange()).startsWith("bytes 1000000-");
            }
            GetObjectRequest stale = tail.toBuilder().ifMatch("\"0123456789abcdef0123456789abcdef\"").build();
            S3Exception sdkError = catchThrowableOfType(S3Exception.class, () -> a.client().getObject(stale).close());
            S3Exception directError = catchThrowableOfType(S3Exception.class, () -> a.direct().getStream(stale));
            assertThat(directError.statusCode()).isEqualTo(sdkError.statusCode()).isEqualTo(412);
            assertThat(directError.awsErrorDetails().errorCode()).isEqualTo(sdkError.awsErrorDetails().errorCode());
            // abandoned after a few bytes: the connection is dropped, the next call is whole
            ResponseInputStream<GetObjectResponse> partial = a.direct().getStream(req).orElseThrow();
            assertThat(partial.readNBytes(1000)).hasSize(1000);
            partial.abort();
            partial.close();
            try (ResponseInputStream<GetObjectResponse> in = a.direct().getStream(req).orElseThrow()) {
                assertThat(in.readAllBytes()).isEqualTo(big);
            }
            // checksum mode is the S3Client's (it checks the body as it streams)
            assertThat(a.direct().getStream(req.toBuilder().checksumMode(ChecksumMode.ENABLED).build())).isEmpty();
        }
    }

    private static String describe(S3Object o) {
        return o.key() + " " + o.size() + " " + o.lastModified() + " " + o.eTag() + " " + o.storageClassAsString();
    }

    @Test
    void put_whenStoreUnreachable_throwsWithoutRetriesAndHandsOverWithThem() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        PutObjectRequest req = PutObjectRequest.builder().bucket("logs").key("k").build();
        S3Settings.Builder b = S3Settings.builder().bucket("logs").endpoint("http://127.0.0.1:" + closedPort)
                .pathStyle(true).staticCredentials(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, null);
        try (S3Access none = b.maxRetries(0).build().open(2, x -> { })) {
            assertThatThrownBy(() -> none.direct().put(req, utf8("x")))
                    .isInstanceOf(SdkClientException.class).hasRootCauseInstanceOf(java.net.ConnectException.class);
        }
        try (S3Access some = b.maxRetries(2).build().open(2, x -> { })) {
            assertThat(some.direct().put(req, utf8("x"))).as("the S3Client makes the retries").isEmpty();
        }
    }

    @Test
    void put_whenHttpsEndpoint_speaksTls() {
        // the embedded store speaks plain HTTP: the direct path to https:// must fail in the TLS handshake
        S3Settings st = S3Settings.builder().bucket("logs").endpoint("https://127.0.0.1:" + s3.endpoint().getPort())
                .pathStyle(true).maxRetries(0).staticCredentials(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, null)
                .build();
        try (S3Access a = st.open(2, b -> { })) {
            assertThatThrownBy(() -> a.direct().put(PutObjectRequest.builder().bucket("logs").key("tls").build(),
                    utf8("x"))).hasRootCauseInstanceOf(javax.net.ssl.SSLException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void put_whenLocalClockIsAnHourAhead_learnsTheStoresTimeFromTheFirstAnswer(int maxRetries) throws Exception {
        java.time.Clock ahead = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofHours(1));
        S3Settings st = settings(EmbeddedS3.SECRET_KEY);
        // through a proxy on a port of its own: no kept-alive connection of an earlier test (which the store may
        // have closed meanwhile, making a call fail for that reason instead) is reused
        try (FaultyS3 proxy = FaultyS3.inFrontOf(s3);
             software.amazon.awssdk.http.SdkHttpClient http =
                     software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()) {
            DirectS3 d = DirectS3.create(http, null, st.credentialsProvider(software.amazon.awssdk.regions.Region.US_EAST_1),
                    "logs", software.amazon.awssdk.regions.Region.US_EAST_1, Optional.of(proxy.endpoint()), true, false,
                    maxRetries, ahead);
            PutObjectRequest first = PutObjectRequest.builder().bucket("logs").key("skew/" + maxRetries + "/1").build();
            PutObjectRequest second = PutObjectRequest.builder().bucket("logs").key("skew/" + maxRetries + "/2").build();

            if (maxRetries == 0) {
                assertThatThrownBy(() -> d.put(first, utf8("x"))).isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestTimeTooSkewed"));
            } else {
                assertThat(d.put(first, utf8("x"))).as("handed to the S3Client, which corrects its own clock").isEmpty();
            }

            assertThat(d.put(second, utf8("y"))).contains(200);
        }
    }

    @Test
    void put_whenStoreSlowsDownAndRetriesAllowed_handsOverAndLeavesTheNextCallsToTheClient() throws Exception {
        try (FaultyS3 proxy = FaultyS3.inFrontOf(s3);
             S3Access a = S3Settings.builder().bucket("logs").endpoint(proxy.endpoint().toString()).pathStyle(true)
                     .maxRetries(2).staticCredentials(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, null).build()
                     .open(2, b -> { })) {
            proxy.failNext(1, Fault.slowDown());

            Optional<Integer> first = a.direct().put(PutObjectRequest.builder().bucket("logs").key("slow/1").build(),
                    utf8("x"));
            long sent = proxy.requestCount();
            Optional<Integer> second = a.direct().put(PutObjectRequest.builder().bucket("logs").key("slow/2").build(),
                    utf8("y"));

            assertThat(first).as("SlowDown is the S3Client's to retry").isEmpty();
            assertThat(second).as("within a second of it, straight to the S3Client").isEmpty();
            assertThat(proxy.requestCount()).as("the second call sent nothing").isEqualTo(sent);
            assertThat(proxy.faultCount()).isEqualTo(1);
        }
    }

    @Test
    void put_whenFieldIsNotAHeaderOrAnotherBucket_isEmptyWithoutSending() {
        try (S3Access a = settings(EmbeddedS3.SECRET_KEY).open(2, b -> { })) {
            assertThat(a.direct().put(PutObjectRequest.builder().bucket("other").key("k").build(), utf8("x")))
                    .isEmpty();
            assertThat(a.direct().getWhole(GetObjectRequest.builder().bucket("logs").key("k").versionId("v1")
                    .build())).isEmpty();
            assertThat(a.direct().getWhole(GetObjectRequest.builder().bucket("logs").key("k").range("bytes=1-")
                    .build())).isEmpty();
        }
    }

    @Test
    void open_whenAwsWithRegion_usesTheVirtualHostedBucketUrl() {
        S3Settings st = S3Settings.builder().bucket("my-logs").region("eu-west-1")
                .staticCredentials("AKIAEXAMPLE", "secret", null).build();
        try (S3Access a = st.open(2, b -> { })) {
            assertThat(a.direct().base().toString()).isEqualTo("https://my-logs.s3.eu-west-1.amazonaws.com");
        }
    }

    @Test
    void open_whenAwsWithoutRegion_hasNoDirectPath() {
        S3Settings st = S3Settings.builder().bucket("my-logs").staticCredentials("AKIAEXAMPLE", "secret", null).build();
        try (S3Access a = st.open(2, b -> { })) {
            assertThat(a.direct()).isNull();
        }
    }

    @Test
    void close_whenRoleArn_closesTheStsClientBehindTheCredentials() {
        S3Settings st = S3Settings.builder().bucket("logs").endpoint(s3.endpoint()).pathStyle(true)
                .region("us-east-1").roleArn("arn:aws:iam::123456789012:role/logship", null)
                .staticCredentials(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, null).build();
        S3Access a = st.open(2, b -> { });
        assertThat(a.credentials()).isInstanceOf(S3Settings.AssumedRole.class);
        S3Settings.AssumedRole role = (S3Settings.AssumedRole) a.credentials();

        a.close();

        // a closed client refuses at once (without it, the call would try to reach STS over the network)
        assertThatThrownBy(() -> role.sts().getCallerIdentity()).hasMessageContaining("shut down");
    }

    @Test
    void checksumMatches_comparesTheFullObjectChecksum() {
        byte[] body = utf8("payload");
        String good = crc32Base64(body);

        assertThat(DirectS3.checksumMatches(GetObjectResponse.builder().checksumCRC32(good).build(), body)).isTrue();
        assertThat(DirectS3.checksumMatches(GetObjectResponse.builder().checksumCRC32(good).build(), utf8("pay1oad")))
                .isFalse();
        assertThat(DirectS3.checksumMatches(GetObjectResponse.builder().checksumCRC32("AAAAAA==-3")
                .checksumType("COMPOSITE").build(), body)).isTrue();
        assertThat(DirectS3.checksumMatches(GetObjectResponse.builder().build(), body)).isTrue();
    }
}
