package io.logship.host.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FillWarningsTest {
    private final ch.qos.logback.classic.Logger log =
            (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("test.fillwarnings");
    private final AtomicLong now = new AtomicLong(1);

    private List<String> run(java.util.function.Consumer<FillWarnings> steps) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        log.addAppender(appender);
        try {
            steps.accept(new FillWarnings("buf", log, 100 * 1024, 200 * 1024, now::get));
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        } finally {
            log.detachAppender(appender);
        }
    }

    @Test
    void filled_whenWarnLimitIsCrossedAgainAndAgain_warnsOnceAMinuteWithTheCountBetween() {
        List<String> lines = run(w -> {
            w.filled(99 * 1024); // below: nothing
            w.filled(100 * 1024); // reached: WARN
            w.filled(120 * 1024); // still above: nothing
            w.filled(60 * 1024); // above half: not armed again
            w.filled(100 * 1024);
            w.filled(50 * 1024); // half: armed
            w.filled(100 * 1024); // reached again within the minute: counted, not logged
            w.filled(10 * 1024);
            now.addAndGet(TimeUnit.SECONDS.toNanos(61));
            w.filled(150 * 1024); // a minute later: WARN with the count
        });
        assertThat(lines).containsExactly(
                "pm_buffer buf: holds 100 KiB, reaching its WarnLimit of 100 KiB (MaxSize 200 KiB)",
                "pm_buffer buf: holds 150 KiB, reaching its WarnLimit of 100 KiB (MaxSize 200 KiB) (and 1 more "
                        + "time(s) since the last such warning)");
    }

    @Test
    void full_whenReachedRepeatedly_warnsOnceUntilHalfEmptyAndAtMostOnceAMinute() {
        List<String> lines = run(w -> {
            w.full(199 * 1024);
            w.full(199 * 1024); // still full: nothing
            w.filled(150 * 1024);
            w.full(199 * 1024); // never fell to half: nothing
            w.filled(100 * 1024); // half: armed
            w.full(199 * 1024); // within the minute: counted
            w.filled(0);
            now.addAndGet(TimeUnit.SECONDS.toNanos(60));
            w.full(199 * 1024);
        });
        assertThat(lines.stream().filter(l -> l.contains(": full (")).toList()).containsExactly(
                "pm_buffer buf: full (199 KiB of MaxSize 200 KiB): the inputs feeding it wait (those with FlowControl "
                        + "FALSE drop) until the outputs after it take events again",
                "pm_buffer buf: full (199 KiB of MaxSize 200 KiB): the inputs feeding it wait (those with FlowControl "
                        + "FALSE drop) until the outputs after it take events again (and 1 more time(s) since the "
                        + "last such warning)");
    }
}
