package io.logship.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

class SigV4Test {
    /** The credentials and time of the S3 documentation's signing examples (sig-v4-header-based-auth). */
    private static final AwsCredentials DOC = AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final Instant DOC_TIME = Instant.parse("2013-05-24T00:00:00Z");

    private static Map<String, List<String>> headers(String... nameValues) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            h.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return h;
    }

    @Test
    void getObjectExampleOfTheS3Documentation() {
        Map<String, List<String>> h = headers("Range", "bytes=0-9");
        new SigV4("us-east-1", "s3", false).sign("GET", "examplebucket.s3.amazonaws.com", "/test.txt", h, null, true,
                DOC, DOC_TIME);

        assertThat(h.get("x-amz-content-sha256"))
                .containsExactly("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(h.get("x-amz-date")).containsExactly("20130524T000000Z");
        assertThat(h.get("Authorization")).containsExactly("AWS4-HMAC-SHA256 "
                + "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void putObjectExampleOfTheS3Documentation() {
        Map<String, List<String>> h = headers("Date", "Fri, 24 May 2013 00:00:00 GMT",
                "x-amz-storage-class", "REDUCED_REDUNDANCY");
        new SigV4("us-east-1", "s3", false).sign("PUT", "examplebucket.s3.amazonaws.com", "/test%24file.text", h,
                "Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8), true, DOC, DOC_TIME);

        assertThat(h.get("x-amz-content-sha256"))
                .containsExactly("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
        assertThat(h.get("Authorization")).containsExactly("AWS4-HMAC-SHA256 "
                + "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, "
                + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    }

    /** What the SDK's signer (as the S3Client uses it) makes of the same request. */
    private static Map<String, List<String>> sdkSigned(String method, URI base, String path,
                                                       Map<String, List<String>> headers, byte[] payload,
                                                       boolean signPayload, AwsCredentials c, Instant t,
                                                       boolean doubleEncode) {
        SdkHttpRequest req = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(base)
                .encodedPath(path).headers(headers).build();
        return AwsV4HttpSigner.create().sign(s -> s.identity(c).request(req)
                .payload(payload == null ? null : ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, doubleEncode)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signPayload)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(t, ZoneOffset.UTC))).request().headers();
    }

    @ParameterizedTest
    @ValueSource(strings = {"logs/web01/2026-11-23/10.00.00.000000000001",
        "a key with spaces/and+plus/100%/ünïcödé/=&?#/~*'()", "x"})
    void signsAsTheSdkSignerDoes(String key) {
        byte[] body = ("one event for " + key + "\n").getBytes(StandardCharsets.UTF_8);
        AwsCredentials session = AwsSessionCredentials.create("ASIAEXAMPLE", "secret/with+chars", "token==");
        Instant t = Instant.parse("2026-11-23T10:15:30.123Z");
        for (AwsCredentials c : List.of(DOC, session)) {
            for (boolean signPayload : new boolean[] {true, false}) {
                // DirectS3 signs the payload over plain HTTP and not over TLS (the SDK signs it over HTTP always)
                URI base = URI.create(signPayload ? "http://127.0.0.1:9000/my-bucket" : "https://127.0.0.1:9443/my-bucket");
                String path = base.getRawPath() + "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key);
                for (boolean doubleEncode : new boolean[] {false, true}) {
                    Map<String, List<String>> h = headers("Content-Type", "text/plain; charset=utf-8",
                            "Content-Length", Integer.toString(body.length), "If-None-Match", "*",
                            "x-amz-meta-logship-writer", "  w1  with\t\ttabs  and   spaces ",
                            "x-amz-meta-logship-seq", "12", "x-amz-checksum-crc32", "AAAAAA==",
                            "User-Agent", "logship test");
                    Map<String, List<String>> expected = sdkSigned("PUT", base, path, h, body, signPayload, c, t,
                            doubleEncode);

                    new SigV4("eu-west-1", "s3", doubleEncode).sign("PUT", base.getAuthority(), path, h, body,
                            signPayload, c, t);

                    assertThat(h.get("Authorization")).as("%s, payload signed %s, double %s", c.accessKeyId(),
                            signPayload, doubleEncode).isEqualTo(expected.get("Authorization"));
                    assertThat(h.get("x-amz-content-sha256")).isEqualTo(expected.get("x-amz-content-sha256"));
                    assertThat(h.get("x-amz-security-token")).isEqualTo(expected.get("X-Amz-Security-Token"));
                }
            }
        }
    }

    @Test
    void aGetWithoutBodySignsAsTheSdkSignerDoes() {
        URI base = URI.create("https://my-logs.s3.eu-west-1.amazonaws.com");
        Instant t = Instant.parse("2026-11-23T23:59:59Z");
        Map<String, List<String>> h = headers("x-amz-checksum-mode", "ENABLED");
        Map<String, List<String>> expected = sdkSigned("GET", base, "/a/b.log.gz", h, null, true, DOC, t, false);

        new SigV4("eu-west-1", "s3", false).sign("GET", "my-logs.s3.eu-west-1.amazonaws.com", "/a/b.log.gz", h,
                null, true, DOC, t);

        assertThat(h.get("Authorization")).isEqualTo(expected.get("Authorization"));
    }

    @Test
    void listObjectsExampleOfTheS3Documentation() {
        Map<String, List<String>> h = headers();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("prefix", "J");
        params.put("max-keys", "2");
        String query = SigV4.canonicalQuery(params);
        new SigV4("us-east-1", "s3", false).sign("GET", "examplebucket.s3.amazonaws.com", "/", query, h, null,
                true, DOC, DOC_TIME);

        assertThat(query).isEqualTo("max-keys=2&prefix=J");
        assertThat(h.get("Authorization")).containsExactly("AWS4-HMAC-SHA256 "
                + "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
                + "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
    }

    @Test
    void aListingWithAQueryNeedingEncodingSignsAsTheSdkSignerDoes() {
        URI base = URI.create("http://127.0.0.1:9000/my-bucket");
        Instant t = Instant.parse("2026-11-23T10:15:30Z");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("list-type", "2");
        params.put("prefix", "logs/web 01/ünï+=&?");
        params.put("start-after", "logs/web 01/2026-11-23/10.00.00.000000000001");
        params.put("continuation-token", "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
        params.put("max-keys", "1000");
        String query = SigV4.canonicalQuery(params);
        SdkHttpRequest.Builder sdk = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(base).encodedPath("/my-bucket/");
        params.forEach(sdk::putRawQueryParameter);
        Map<String, List<String>> expected = AwsV4HttpSigner.create().sign(s -> s.identity(DOC).request(sdk.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(t, ZoneOffset.UTC))).request().headers();
        Map<String, List<String>> h = headers();

        new SigV4("eu-west-1", "s3", false).sign("GET", base.getAuthority(), "/my-bucket/", query, h, null, true,
                DOC, t);

        assertThat(query).startsWith("continuation-token=1ueGcxLPRx1Tr%2FXYExHnhbYLgveDs2J%2Fwm36Hy4vbOwM%3D&list-type=2")
                .contains("&prefix=logs%2Fweb%2001%2F%C3%BCn%C3%AF%2B%3D%26%3F&");
        assertThat(h.get("Authorization")).isEqualTo(expected.get("Authorization"));
    }

    @Test
    void theSigningKeyFollowsTheDayAndTheCredentials() {
        SigV4 s = new SigV4("us-east-1", "s3", false);
        Map<String, List<String>> first = headers("Range", "bytes=0-9");
        s.sign("GET", "examplebucket.s3.amazonaws.com", "/test.txt", first, null, true, DOC, DOC_TIME);
        // the same request a day later, and with other credentials: each as a fresh signer signs it
        for (Object[] c : new Object[][] {{DOC, DOC_TIME.plusSeconds(86_400)},
            {AwsBasicCredentials.create("AKIAOTHER", "other"), DOC_TIME}}) {
            Map<String, List<String>> reused = headers("Range", "bytes=0-9");
            Map<String, List<String>> fresh = headers("Range", "bytes=0-9");
            s.sign("GET", "examplebucket.s3.amazonaws.com", "/test.txt", reused, null, true, (AwsCredentials) c[0],
                    (Instant) c[1]);
            new SigV4("us-east-1", "s3", false).sign("GET", "examplebucket.s3.amazonaws.com", "/test.txt", fresh,
                    null, true, (AwsCredentials) c[0], (Instant) c[1]);
            assertThat(reused.get("Authorization")).isEqualTo(fresh.get("Authorization"))
                    .isNotEqualTo(first.get("Authorization"));
        }
    }
}
