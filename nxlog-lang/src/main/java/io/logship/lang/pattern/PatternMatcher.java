package io.logship.lang.pattern;

import io.logship.api.Event;
import io.logship.api.LogshipException;
import io.logship.api.ModuleContext;
import io.logship.api.ProcessorModule;
import io.logship.lang.ExecCompiler;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecEnvironment;
import io.logship.lang.ExecError;
import io.logship.lang.ExecProblem;
import io.logship.lang.ExecProgram;
import io.logship.lang.ExecSource;
import io.logship.lang.FunctionTable;
import io.logship.lang.Types;
import io.logship.lang.WarnLimit;
import io.logship.lang.core.CoreLibrary;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pm_pattern: the first pattern of the database whose group conditions and own conditions all hold sets its
 * captured fields, {@code $PatternID} (integer) and {@code $PatternName}, its {@code set} fields, then runs its
 * {@code exec} statements; an event no pattern matches passes unchanged. Patterns are tried in file order (NXLog
 * reorders them by match count, which changes speed, not which pattern matches, as at most one may match).
 * Thread-safe: the database is immutable and each thread has its own statement context.
 */
final class PatternMatcher implements ProcessorModule, io.logship.lang.ExecCompiled {
    static final long WARN_EVERY_MS = 60_000;

    private final String instance;
    private final PatternDb db;
    private final Map<PatternDb.Rule, ExecProgram> programs = new HashMap<>();
    private volatile boolean compiled;
    private volatile ExecEnvironment env;
    private volatile Logger log = LoggerFactory.getLogger(PatternMatcher.class);
    private final ThreadLocal<ExecContext> contexts = ThreadLocal.withInitial(() -> new ExecContext(env));
    private final WarnLimit warnLimit = new WarnLimit(WARN_EVERY_MS);

    PatternMatcher(String instance, PatternDb db) {
        this.instance = instance;
        this.db = db;
    }

    PatternDb db() {
        return db;
    }

    /** Every pattern's {@code exec} statements, for the host to compile with the config's functions. */
    List<ExecSource> execSources() {
        List<ExecSource> out = new ArrayList<>();
        db.groups().forEach(g -> g.patterns().forEach(p -> out.addAll(p.execs())));
        return out;
    }

    /**
     * Compiles every pattern's {@code exec} statements; the host calls it with the compiler of the whole config
     * (extension functions included). Problems are appended; true when there were none.
     */
    @Override
    public boolean compile(ExecCompiler compiler, List<ExecProblem> problems) {
        int before = problems.size();
        for (PatternDb.Group g : db.groups()) {
            for (PatternDb.Rule p : g.patterns()) {
                ExecProgram prog = ExecProgram.EMPTY;
                for (ExecSource src : p.execs()) {
                    ExecProgram one = compiler.compile(src, problems);
                    if (one != null) {
                        prog = prog.then(one);
                    }
                }
                programs.put(p, prog);
            }
        }
        compiled = true;
        return problems.size() == before;
    }

    @Override
    public void start(ModuleContext context) throws LogshipException {
        log = context.logger();
        env = new ExecEnvironment(instance, context.moduleName(), context.logger(), context.clock(),
                ZoneId.systemDefault(), context.hostname(), context.metrics(),
                (where, error) -> warn("exec " + where, "{}: exec at {} failed: {}", instance, where,
                        error.getMessage()));
        if (!compiled && !execSources().isEmpty()) {
            // not compiled by the host: the core library's functions are all a pattern's exec can call
            List<ExecProblem> problems = new ArrayList<>();
            compile(new ExecCompiler(FunctionTable.builder().core(new CoreLibrary()).build()), problems);
            if (!problems.isEmpty()) {
                throw new LogshipException("pm_pattern " + instance + ": " + problems.stream()
                        .map(ExecProblem::toString).reduce((a, b) -> a + "; " + b).orElse(""));
            }
        }
    }

    @Override
    public void process(Event event, Consumer<Event> emit) {
        match(event);
        emit.accept(event);
    }

    /** Applies the first matching pattern to the event; returns it, or null when none matched. */
    PatternDb.Rule match(Event e) {
        List<Object[]> captures = new ArrayList<>(2);
        for (PatternDb.Group g : db.groups()) {
            if (!holds(e, g.matchFields(), null, g.name())) {
                continue;
            }
            for (PatternDb.Rule p : g.patterns()) {
                captures.clear();
                if (holds(e, p.matchFields(), captures, p.name())) {
                    apply(e, p, captures);
                    return p;
                }
            }
        }
        return null;
    }

    private void apply(Event e, PatternDb.Rule p, List<Object[]> captures) {
        for (Object[] c : captures) {
            e.set((String) c[0], c[1]);
        }
        e.set("PatternID", p.id());
        e.set("PatternName", p.name());
        for (PatternDb.SetField s : p.sets()) {
            e.set(s.name(), s.value());
        }
        ExecProgram prog = programs.get(p);
        if (prog != null && prog != ExecProgram.EMPTY) {
            ExecContext ctx = contexts.get().reset(e);
            prog.run(ctx);
        }
    }

    /** Whether every condition holds; the captured values (name, value pairs) go to {@code captures}. */
    private boolean holds(Event e, List<PatternDb.MatchField> conditions, List<Object[]> captures, String what) {
        for (PatternDb.MatchField m : conditions) {
            Object v = e.get(m.field());
            if (v == null) {
                return false;
            }
            if (m.regexp() == null) {
                if (!m.exact().equals(text(v))) {
                    return false;
                }
                continue;
            }
            if (v instanceof Boolean) {
                warn("bool " + m.field(), "{}: {}: a regexp cannot match the boolean field {}", instance, what,
                        m.field());
                return false;
            }
            Matcher mm;
            try {
                mm = m.regexp().matcher(text(v));
                if (!mm.find()) {
                    return false;
                }
            } catch (ExecError err) {
                warn("regex " + what, "{}: pattern {}: {}; taken as not matching", instance, what, err.getMessage());
                return false;
            }
            if (captures != null) {
                for (int i = 0; i < m.captured().size(); i++) {
                    PatternDb.Captured c = m.captured().get(i);
                    String g = mm.group(i + 1);
                    if (g == null) {
                        continue;
                    }
                    try {
                        captures.add(new Object[] {c.name(), PatternDbParser.convert(g, c.type())});
                    } catch (IllegalArgumentException bad) {
                        warn("capture " + c.name(), "{}: pattern {}: captured '{}' is not {} for field {}; not set",
                                instance, what, g, c.type(), c.name());
                    }
                }
            }
        }
        return true;
    }

    private static String text(Object v) {
        return v instanceof String s ? s : Types.toText(v, ZoneId.systemDefault());
    }

    private void warn(String key, String format, Object... args) {
        if (warnLimit.allow(key)) {
            log.warn(format, args);
        }
    }

    @Override
    public String toString() {
        return "pm_pattern[" + instance + "]";
    }
}
