package io.logship.s3.input;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logship.api.Event;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** Objects whose name or Content-Encoding says compressed but whose bytes are not. */
class ClaimedCompressionIT extends InMemoryStore {
    private static int buckets;

    @TempDir
    Path cache;
    private TestInputContext ctx;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private String bucket;

    @BeforeEach
    void setUp() {
        bucket = "claimed-" + ++buckets;
        s3.createBucket(bucket);
        ctx = new TestInputContext(cache, "in");
        log.start();
        ((ch.qos.logback.classic.Logger) ctx.logger()).addAppender(log);
    }

    @AfterEach
    void tearDown() {
        ((ch.qos.logback.classic.Logger) ctx.logger()).detachAppender(log);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        b[0] = (byte) 0xC3; // not a magic number, and not UTF-8 from the first byte
        b[1] = 0x28;
        return b;
    }

    private List<String> readAll() throws Exception {
        S3Input in = Harness.create(s3, bucket, cache);
        in.start(ctx);
        Harness.drain(in, ctx, 20);
        in.stop();
        return ctx.events.stream().map(Event::raw).toList();
    }

    private List<String> warnings(String contains) {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(contains)).toList();
    }

    private List<String> failedList() throws Exception {
        Path f = cache.resolve("im_s3/in.failed");
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    @Test
    void read_whenRandomBytesNamedGz_emitsNoEventsAndRecordsItFailed() throws Exception {
        TestS3.put(client, bucket, "a.log", Formats.lines("a", 2));
        TestS3.put(client, bucket, "x.log.gz", random(2000, 1));
        TestS3.put(client, bucket, "z.log", Formats.lines("z", 2));

        List<String> got = readAll();

        assertThat(got).containsExactly("a 1", "a 2", "z 1", "z 2");
        assertThat(failedList()).singleElement().asString().contains("\"key\":\"x.log.gz\"", "\"lines\":0",
                "neither gzip nor UTF-8 text");
        assertThat(warnings("x.log.gz")).singleElement().asString().contains("s3://" + bucket + "/x.log.gz",
                "neither gzip nor UTF-8 text");
        assertThat(ctx.counter("objects_failed")).isEqualTo(1);
        assertThat(ctx.counter("objects_read")).isEqualTo(2);
    }

    @Test
    void read_whenPlainTextNamedGz_readsItsLinesWithOneWarning() throws Exception {
        TestS3.put(client, bucket, "t.log.gz", Formats.lines("t", 3));

        List<String> got = readAll();

        assertThat(got).containsExactly("t 1", "t 2", "t 3");
        assertThat(warnings("t.log.gz")).singleElement().asString().contains("s3://" + bucket + "/t.log.gz",
                "ends in .gz", "read as text");
        assertThat(failedList()).isEmpty();
        assertThat(ctx.counter("objects_read")).isEqualTo(1);
    }

    @Test
    void read_whenContentEncodingSaysGzip_decidesByTheBytes() throws Exception {
        put("enc-gzip.log", Formats.gzip(Formats.lines("g", 2)), "gzip");
        put("enc-text.log", Formats.lines("p", 2), "gzip");
        put("enc-random.log", random(500, 2), "gzip");

        List<String> got = readAll();

        assertThat(got).containsExactly("g 1", "g 2", "p 1", "p 2");
        assertThat(warnings("enc-gzip.log")).isEmpty();
        assertThat(warnings("enc-text.log")).singleElement().asString().contains("Content-Encoding is gzip",
                "read as text");
        assertThat(failedList()).singleElement().asString().contains("\"key\":\"enc-random.log\"",
                "neither gzip nor UTF-8 text");
    }

    @Test
    void read_whenLargeRandomObjectNamedZst_emitsNoEvents() throws Exception {
        TestS3.put(client, bucket, "big.log.zst", random(3 << 20, 3)); // streamed, not downloaded whole

        List<String> got = readAll();

        assertThat(got).isEmpty();
        assertThat(failedList()).singleElement().asString().contains("\"key\":\"big.log.zst\"",
                "neither zstd nor UTF-8 text");
    }

    @Test
    void read_whenLargeTextNamedGzTurnsBinary_deliversTheTextBeforeAndFailsTheObject() throws Exception {
        // the first 64 KiB decide "text"; the binary part further on ends the object instead of U+FFFD lines
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] text = Formats.lines("t", 200_000);
        body.write(text);
        body.write(random(4096, 4));
        body.write("after\n".getBytes(StandardCharsets.UTF_8));
        TestS3.put(client, bucket, "turns.log.gz", body.toByteArray());

        List<String> got = readAll();

        assertThat(got).hasSize(200_000).doesNotContain("after");
        assertThat(got.get(199_999)).isEqualTo("t 200000");
        assertThat(got).noneMatch(l -> l.contains("\uFFFD"));
        assertThat(failedList()).singleElement().asString().contains("\"key\":\"turns.log.gz\"",
                "line 200001 is not UTF-8", "the rest is not read");
    }

    private void put(String key, byte[] body, String contentEncoding) {
        client.putObject(r -> r.bucket(bucket).key(key).contentEncoding(contentEncoding), RequestBody.fromBytes(body));
    }
}
