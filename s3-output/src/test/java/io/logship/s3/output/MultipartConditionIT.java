package io.logship.s3.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.s3.S3Access;
import io.logship.s3.S3Settings;
import io.logship.s3server.EmbeddedS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * What the SDK's multipart client, configured as {@link ObjectPuts} configures it, sends to the store: om_s3
 * relies on it to carry {@code If-None-Match: *} to CompleteMultipartUpload (a taken key answers 412 and is
 * never overwritten), to checksum each part by ChecksumMode, and not to send every part of an object at
 * once. If an SDK upgrade changes any of it, this fails.
 */
class MultipartConditionIT {
    static final String BUCKET = "logs";
    static final long PART = 5L << 20;

    @TempDir
    Path dir;

    EmbeddedS3 s3;
    final List<Map.Entry<String, SdkHttpRequest>> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger partsNow = new AtomicInteger();
    final AtomicInteger partsAtMost = new AtomicInteger();

    @BeforeEach
    void startStore() throws Exception {
        s3 = EmbeddedS3.inMemory(0);
        s3.createBucket(BUCKET);
    }

    @AfterEach
    void stopStore() throws Exception {
        s3.close();
    }

    S3AsyncClient multipartClient(S3Access access, S3Settings settings) {
        ExecutionInterceptor record = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if ("UploadPart".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                    partsAtMost.accumulateAndGet(partsNow.incrementAndGet(), Math::max);
                }
            }

            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if ("UploadPart".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                    partsNow.decrementAndGet();
                }
            }

            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                sent.add(Map.entry(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                        context.httpRequest()));
            }
        };
        return settings.openAsync(access, 8, b -> {
            ObjectPuts.multipartSettings(b, PART);
            b.overrideConfiguration(b.overrideConfiguration().toBuilder().addExecutionInterceptor(record).build());
        });
    }

    List<SdkHttpRequest> sent(String operation) {
        return sent.stream().filter(e -> e.getKey().equals(operation)).map(Map.Entry::getValue).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"when_supported", "when_required"})
    void putObject_whenMultipartToATakenKey_completeCarriesIfNoneMatchAndFailsWith412(String checksumMode)
            throws Exception {
        S3Settings settings = S3Settings.builder().bucket(BUCKET).endpoint(s3.endpoint()).pathStyle(true)
                .region(EmbeddedS3.REGION).checksumMode(checksumMode).maxRetries(0)
                .staticCredentials(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, null).build();
        Path file = dir.resolve("object");
        byte[] body = new byte[(int) (9 * PART + 12345)];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        Files.write(file, body);
        PutObjectRequest put = PutObjectRequest.builder().bucket(BUCKET).key("k").ifNoneMatch("*").build();
        try (S3Access access = settings.open(4, b -> { });
             S3AsyncClient client = multipartClient(access, settings)) {
            client.putObject(put, ObjectPuts.body(file)).get(60, TimeUnit.SECONDS);
            assertThat(access.client().getObjectAsBytes(b -> b.bucket(BUCKET).key("k")).asByteArray())
                    .isEqualTo(body);
            assertThat(sent("UploadPart")).hasSize(10);
            // At most PARTS_IN_FLIGHT parts are being sent; a few more may wait for their answers. Left to its
            // defaults the SDK has all 10 under way at once.
            assertThat(partsAtMost.get()).as("parts under way at once").isLessThan(10);
            assertThat(sent("CompleteMultipartUpload")).singleElement()
                    .satisfies(r -> assertThat(r.firstMatchingHeader("If-None-Match")).hasValue("*"));
            boolean partChecksums = sent("UploadPart").stream().allMatch(r ->
                    r.firstMatchingHeader("x-amz-checksum-crc32").isPresent()
                            || r.firstMatchingHeader("x-amz-trailer").filter(t -> t.contains("crc32")).isPresent());
            assertThat(partChecksums).as("CRC-32 on every part").isEqualTo(checksumMode.equals("when_supported"));

            sent.clear();
            Files.write(file, new byte[(int) (2 * PART + 1)]);
            assertThatThrownBy(() -> client.putObject(put, ObjectPuts.body(file)).get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(e -> assertThat(KeyCollisions.isPreconditionFailed(e.getCause())).isTrue());
            assertThat(sent("CompleteMultipartUpload")).hasSize(1);
            assertThat(sent("AbortMultipartUpload")).as("the refused upload is aborted").isNotEmpty();
            assertThat(access.client().getObjectAsBytes(b -> b.bucket(BUCKET).key("k")).asByteArray())
                    .as("never overwritten").isEqualTo(body);
        }
    }
}
