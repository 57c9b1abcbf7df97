package io.logship.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Event;
import io.logship.api.Position;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestInputContextTest {
    @TempDir
    Path dir;

    private static Event event(String raw, String position) {
        return Event.ofRaw(raw).position(Position.of(position));
    }

    @Test
    void post_whenRefuseAfterReached_refusesAndStopsUntilResumed() {
        TestInputContext ctx = new TestInputContext("im_test", "in", dir);
        ctx.refuseAfter(2);
        assertThat(ctx.post(event("a", "1"))).isTrue();
        assertThat(ctx.post(event("b", "2"))).isTrue();
        assertThat(ctx.post(event("c", "3"))).isFalse();
        assertThat(ctx.isStopping()).isTrue();
        ctx.resume();
        assertThat(ctx.post(event("c", "3"))).isTrue();
        assertThat(ctx.raws()).containsExactly("a", "b", "c");
        assertThat(ctx.posted).isEqualTo(3);
    }

    @Test
    void restart_afterCommit_keepsOnlyCommittedPositions() {
        TestInputContext ctx = new TestInputContext("im_test", "in", dir);
        ctx.post(event("a", "1"));
        ctx.post(event("b", "2"));
        ctx.commit(1);
        assertThat(ctx.lastPositions()).containsEntry("", "2");
        TestInputContext next = ctx.restart();
        assertThat(next.committedPosition()).contains("1");
        assertThat(next.events).isEmpty();
        assertThat(next.moduleName()).isEqualTo("im_test");
    }

    @Test
    void post_whenNotKeeping_countsAndCommitsAtOnce() {
        TestInputContext ctx = new TestInputContext("im_test", "in", dir);
        ctx.keep = false;
        ctx.post(event("a", "7"));
        assertThat(ctx.events).isEmpty();
        assertThat(ctx.committedPositions()).containsEntry("", "7");
        assertThat(ctx.posted).isEqualTo(1);
    }

    @Test
    void clock_whenFakeClockAdvanced_movesOnlyByHand() {
        FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
        TestInputContext ctx = new TestInputContext("im_test", "in", dir);
        ctx.setClock(clock);
        clock.advance(Duration.ofSeconds(5));
        assertThat(ctx.clock().instant()).isEqualTo(Instant.parse("2026-01-01T00:00:05Z"));
    }

    @Test
    void logged_whenModuleLogs_returnsLinesWithLevel() {
        TestModuleContext ctx = new TestModuleContext("om_test", "out", dir);
        ctx.logger().warn("bucket {} is gone", "logs");
        ctx.logger().debug("not kept");
        ctx.metrics().counter("uploads").add(2);
        assertThat(ctx.logged()).containsExactly("WARN bucket logs is gone");
        assertThat(ctx.counter("uploads")).isEqualTo(2);
        assertThat(ctx.counter("never")).isZero();
    }
}
