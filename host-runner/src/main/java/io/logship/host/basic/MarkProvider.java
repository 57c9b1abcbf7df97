package io.logship.host.basic;

import io.logship.api.Directive;
import io.logship.api.Event;
import io.logship.api.Fields;
import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.api.ModuleKind;
import java.time.Duration;
import java.util.List;

/**
 * {@code im_mark}: an event every {@code MarkInterval} minutes (NXLog's unit and default, 30) whose
 * {@code $raw_event} and {@code $Message} are {@code Mark} (default {@code -- MARK --}), the first one interval
 * after start, to show that the agent is alive. The other fields are the manual's: {@code $EventTime} (now),
 * {@code $ProcessID}, {@code $Severity} INFO, {@code $SeverityValue} 2, {@code $SourceName} (NXLog's "nxlog"
 * is "logship" here: it names the agent).
 */
public final class MarkProvider extends SimpleProvider {
    static final Directive<String> MARK = Directive.string("Mark").withDefault("-- MARK --")
            .withDoc("The text of each mark event.");
    static final Directive<Long> MARK_INTERVAL = Directive.integer("MarkInterval").withDefault(30L)
            .withCheck(v -> {
                if (v < 1) {
                    throw new IllegalArgumentException("must be at least 1 (minutes)");
                }
            })
            .withDoc("Minutes between mark events.");

    public MarkProvider() {
        super("im_mark", ModuleKind.INPUT, "Posts a mark event every MarkInterval minutes.",
                List.of(MARK, MARK_INTERVAL), c -> new Mark(c.get(MARK), Duration.ofMinutes(c.get(MARK_INTERVAL))));
    }

    /** Waits an interval, posts a mark, repeats. */
    static final class Mark implements InputModule {
        private final String text;
        private final Duration interval;
        private boolean started;

        Mark(String text, Duration interval) {
            this.text = text;
            this.interval = interval;
        }

        @Override
        public void read(InputContext ctx) throws InterruptedException {
            if (started) {
                ctx.post(new Event().set(Fields.RAW_EVENT, text).set("Message", text)
                        .set("EventTime", ctx.clock().instant()).set("ProcessID", ProcessHandle.current().pid())
                        .set("Severity", "INFO").set("SeverityValue", 2L).set("SourceName", "logship"));
            }
            started = true;
            ctx.scheduleRead(interval);
        }
    }
}
