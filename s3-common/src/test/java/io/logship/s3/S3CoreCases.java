package io.logship.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.host.config.ModuleConfigs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 calls om_s3 and im_s3 make, through a client built from a module config as theirs are: conditional
 * create (If-None-Match: *) and its 412, paged listing, whole and resumed (Range + If-Match) reads. Each store
 * under test extends this with the directives that reach it; every test works under a prefix of its own.
 */
abstract class S3CoreCases {
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    @TempDir
    Path dir;
    S3Access access;
    S3Client client;
    String bucket;
    String prefix;

    /** Directive/value pairs reaching the store (Bucket, Endpoint, Region, PathStyle, keys...). */
    abstract List<String> storeDirectives();

    @BeforeEach
    void open() throws Exception {
        List<String> pairs = new ArrayList<>(storeDirectives());
        pairs.addAll(List.of("MaxRetries", "1"));
        S3Settings st = S3Settings.from(ModuleConfigs.of(S3SettingsTest.PROVIDER, "out", dir, dir, dir,
                pairs.toArray(String[]::new)));
        access = st.open(4, b -> { });
        client = access.client();
        bucket = st.bucket();
        prefix = "cases-" + PREFIXES.incrementAndGet() + "-" + System.nanoTime() + "/";
    }

    @AfterEach
    void close() {
        access.close();
    }

    void putNew(String key, String body) {
        client.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*").contentType("text/plain"),
                RequestBody.fromString(body));
    }

    @Test
    void putObject_whenKeyIsNew_createsObjectReadBackWhole() {
        putNew(prefix + "a.log", "line 1\nline 2\n");

        ResponseBytes<GetObjectResponse> got = client.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + "a.log"));
        assertThat(got.asUtf8String()).isEqualTo("line 1\nline 2\n");
        assertThat(got.response().contentLength()).isEqualTo(14L);
    }

    @Test
    void putObject_whenKeyExistsWithIfNoneMatch_fails412AndKeepsFirstBody() {
        putNew(prefix + "k", "first");

        assertThatThrownBy(() -> putNew(prefix + "k", "second"))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(S3Errors.errorCode(e)).isEqualTo("PreconditionFailed");
                    assertThat(S3Errors.isRetriable(e)).isFalse();
                });
        assertThat(client.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + "k")).asUtf8String())
                .isEqualTo("first");
    }

    @Test
    void listObjectsV2_whenMoreKeysThanPage_listsAllInOrderAcrossPages() {
        for (int i = 0; i < 5; i++) {
            putNew(prefix + "obj-" + i, "event " + i);
        }
        List<String> keys = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response page = client.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(2)
                    .continuationToken(t));
            page.contents().stream().map(S3Object::key).forEach(keys::add);
            token = page.isTruncated() ? page.nextContinuationToken() : null;
            pages++;
        } while (token != null);

        assertThat(keys).containsExactly(prefix + "obj-0", prefix + "obj-1", prefix + "obj-2", prefix + "obj-3",
                prefix + "obj-4");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void listObjectsV2_whenStartAfter_listsOnlyLaterKeys() {
        for (String k : List.of("2026-01-01/a", "2026-01-02/b", "2026-01-03/c")) {
            putNew(prefix + k, k);
        }
        assertThat(client.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).startAfter(prefix + "2026-01-01/a"))
                .contents()).extracting(S3Object::key)
                .containsExactly(prefix + "2026-01-02/b", prefix + "2026-01-03/c");
    }

    @Test
    void getObject_whenRangeAndIfMatchEtag_readsTheRestOfThatVersion() {
        putNew(prefix + "resume", "0123456789");
        String etag = client.headObject(b -> b.bucket(bucket).key(prefix + "resume")).eTag();

        assertThat(client.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + "resume").range("bytes=4-")
                .ifMatch(etag)).asUtf8String()).isEqualTo("456789");
        assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + "resume")
                .range("bytes=4-").ifMatch("\"0000000000000000000000000000000\"")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
    }

    @Test
    void getObject_whenKeyMissing_failsNoSuchKeyNotRetriable() {
        assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + "absent")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(S3Errors.errorCode(e)).isEqualTo("NoSuchKey");
                    assertThat(S3Errors.isRetriable(e)).isFalse();
                });
    }
}
