package io.logship.lang.multiline;

import io.logship.api.ExtensionModule;
import io.logship.api.InputType;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecEnvironment;
import io.logship.lang.ExecError;
import io.logship.lang.ExecProgram;
import io.logship.lang.ExecTarget;
import io.logship.lang.WarnLimit;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An xm_multiline instance: an {@link InputType} whose splitters ({@link MultilineSplitter}, one per file or
 * connection) join lines into records, and an {@link ExecTarget} taking the block's {@code Exec}, which runs on
 * each line before it is joined. Thread-safe: each input thread has its own splitters.
 */
final class Multiline implements ExtensionModule, InputType, ExecTarget {
    static final long WARN_EVERY_MS = 60_000;

    private final MultilineSettings s;
    private volatile ExecProgram exec;
    private volatile ExecEnvironment env;
    private volatile Logger log = LoggerFactory.getLogger(Multiline.class);
    private volatile Metrics.Counter cTooLong;
    private volatile Metrics.Counter cExecErrors;
    private final WarnLimit warnLimit = new WarnLimit(WARN_EVERY_MS);

    Multiline(MultilineSettings settings) {
        this.s = settings;
    }

    MultilineSettings settings() {
        return s;
    }

    @Override
    public void execProgram(ExecProgram program) {
        this.exec = program == ExecProgram.EMPTY ? null : program;
    }

    @Override
    public void start(ModuleContext context) {
        log = context.logger();
        cTooLong = context.metrics().counter("records_too_long");
        cExecErrors = context.metrics().counter("exec_errors");
        env = new ExecEnvironment(s.instance(), context.moduleName(), context.logger(), context.clock(),
                ZoneId.systemDefault(), context.hostname(), context.metrics(), (where, error) -> {
                    cExecErrors.increment();
                    warn("exec " + where, "{}: Exec at {} failed on a line: {}; the line is kept as it is",
                            s.instance(), where, error.getMessage());
                });
    }

    @Override
    public Splitter open(String source) {
        ExecProgram program = exec;
        ExecContext ctx = null;
        if (program != null) {
            if (env == null) {
                throw new IllegalStateException("xm_multiline " + s.instance() + " used before it was started");
            }
            ctx = new ExecContext(env);
        }
        return new MultilineSplitter(s, source, this, program, ctx);
    }

    void bothMatch(String source) {
        warn("both " + source, "{}: {}: a line matches both HeaderLine {} and EndLine {}; taken as an end line",
                s.instance(), source, s.header(), s.end());
    }

    void tooLong(String source, int length) {
        if (cTooLong != null) {
            cTooLong.increment();
        }
        warn("long " + source, "{}: {}: a record grew to {} characters without its end; emitted as it is (at most "
                + "{} characters are held)", s.instance(), source, length, s.maxRecord());
    }

    void matchFailed(String source, LineMatcher m, ExecError e) {
        warn("match " + source, "{}: {}: {}; the line is taken as not matching {}", s.instance(), source,
                e.getMessage(), m);
    }

    /** Logs at most once a minute per key. */
    private void warn(String key, String format, Object... args) {
        if (warnLimit.allow(key)) {
            log.warn(format, args);
        }
    }

    @Override
    public String toString() {
        return "xm_multiline[" + s.instance() + "]";
    }
}
