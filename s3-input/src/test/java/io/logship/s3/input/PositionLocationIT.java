package io.logship.s3.input;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logship.api.Event;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved position belongs to one s3://bucket/prefix; another location in the config starts afresh. */
class PositionLocationIT extends InMemoryStore {
    private static int buckets;

    @TempDir
    Path cache;

    private static String bucket() {
        String b = "loc-" + ++buckets;
        s3.createBucket(b);
        return b;
    }

    /** Runs one input until it waits, commits what it posted, stops; returns the raw events. */
    private static List<String> run(TestInputContext ctx, String bucket, Path cache, String... extra) throws Exception {
        S3Input in = Harness.create(s3, bucket, cache, extra);
        in.start(ctx);
        try {
            Harness.drain(in, ctx, 20);
        } finally {
            in.stop();
        }
        ctx.commitAll();
        return ctx.events.stream().map(Event::raw).toList();
    }

    private static ListAppender<ILoggingEvent> capture(TestInputContext ctx) {
        ListAppender<ILoggingEvent> a = new ListAppender<>();
        a.start();
        ((ch.qos.logback.classic.Logger) ctx.logger()).addAppender(a);
        return a;
    }

    private static List<String> warnings(TestInputContext ctx, ListAppender<ILoggingEvent> a, String contains) {
        ((ch.qos.logback.classic.Logger) ctx.logger()).detachAppender(a);
        return a.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains(contains)).toList();
    }

    @Test
    void start_whenBucketChangedSinceTheCommit_warnsAndReadsTheNewBucketFromItsStart() throws Exception {
        String x = bucket();
        String y = bucket();
        for (String b : List.of(x, y)) {
            TestS3.put(client, b, "k/1.log", Formats.lines(b + " one", 2));
            TestS3.put(client, b, "k/2.log", Formats.lines(b + " two", 1));
        }
        TestInputContext first = new TestInputContext(cache, "in");
        assertThat(run(first, x, cache)).containsExactly(x + " one 1", x + " one 2", x + " two 1");

        TestInputContext second = first.restart();
        ListAppender<ILoggingEvent> log = capture(second);
        List<String> got = run(second, y, cache);

        // the same keys in another bucket are other objects: all of them are read
        assertThat(got).containsExactly(y + " one 1", y + " one 2", y + " two 1");
        assertThat(warnings(second, log, "s3://")).singleElement().asString()
                .contains("s3://" + x + "/", "s3://" + y + "/");

        // the new location's position is saved: a restart reads nothing again and warns no more
        TestInputContext third = second.restart();
        ListAppender<ILoggingEvent> log3 = capture(third);
        assertThat(run(third, y, cache)).isEmpty();
        assertThat(warnings(third, log3, "s3://")).isEmpty();
    }

    @Test
    void start_whenPrefixChangedToOneSortingBefore_warnsAndReadsTheNewPrefixFromItsStart() throws Exception {
        String b = bucket();
        TestS3.put(client, b, "a/1.log", Formats.lines("a", 2));
        TestS3.put(client, b, "b/1.log", Formats.lines("b", 2));
        TestInputContext first = new TestInputContext(cache, "in");
        // without a late-arrival window, keys before the old position would never be read
        assertThat(run(first, b, cache, "Prefix", "b/", "LateArrivalWindow", "0")).containsExactly("b 1", "b 2");

        TestInputContext second = first.restart();
        ListAppender<ILoggingEvent> log = capture(second);
        List<String> got = run(second, b, cache, "Prefix", "a/", "LateArrivalWindow", "0");

        assertThat(got).containsExactly("a 1", "a 2");
        assertThat(warnings(second, log, "s3://")).singleElement().asString()
                .contains("s3://" + b + "/b/", "s3://" + b + "/a/");
    }

    @Test
    void start_whenPositionWrittenWithoutLocation_takesItAsTheConfiguredOne() throws Exception {
        String b = bucket();
        TestS3.put(client, b, "a.log", Formats.lines("a", 5));
        TestS3.put(client, b, "b.log", Formats.lines("b", 2));
        TestInputContext ctx = new TestInputContext(cache, "in");
        ctx.committed.put("", "1 1 5 0 1 5 a.log"); // a.log read to its end, as the earlier format says it
        ListAppender<ILoggingEvent> log = capture(ctx);

        assertThat(run(ctx, b, cache)).containsExactly("b 1", "b 2");
        assertThat(warnings(ctx, log, "s3://")).isEmpty();
        assertThat(S3Position.decode(ctx.committed.get("")).location()).isEqualTo(new S3Location(b, ""));
    }

    @Test
    void start_whenReadFromLastRanForAnotherBucketWithoutCommit_startsTheNewBucketAfresh() throws Exception {
        String x = bucket();
        String y = bucket();
        TestS3.put(client, x, "k/9.log", Formats.lines("x", 1));
        TestS3.put(client, y, "k/1.log", Formats.lines("y", 1));
        TestInputContext first = new TestInputContext(cache, "in");
        // the journal starts after k/9.log; without a late-arrival window, k/1.log would never be read
        assertThat(run(first, x, cache, "ReadFromLast", "TRUE", "LateArrivalWindow", "0")).isEmpty();

        TestInputContext second = first.restart();
        ListAppender<ILoggingEvent> log = capture(second);
        assertThat(run(second, y, cache, "LateArrivalWindow", "0")).containsExactly("y 1");
        assertThat(warnings(second, log, "s3://")).singleElement().asString()
                .contains("s3://" + x + "/", "s3://" + y + "/");
    }
}
