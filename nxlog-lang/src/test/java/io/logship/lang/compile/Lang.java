package io.logship.lang.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Event;
import io.logship.lang.ExecCompiler;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecEnvironment;
import io.logship.lang.ExecError;
import io.logship.lang.ExecExpression;
import io.logship.lang.ExecFunction;
import io.logship.lang.ExecLibrary;
import io.logship.lang.ExecProblem;
import io.logship.lang.ExecProgram;
import io.logship.lang.ExecSource;
import io.logship.lang.FunctionTable;
import io.logship.lang.Types;
import io.logship.testkit.FakeClock;
import io.logship.testkit.TestMetrics;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * A small language test bench: a test-only library (the real core library is written elsewhere), an
 * environment that keeps run-time errors and what log_info() said, and one-line compile/run helpers.
 * Sources are compiled as if they started at test.conf line 10, column 5.
 */
final class Lang {
    static final Instant NOW = Instant.parse("2024-01-02T03:04:05Z");

    final List<String> errors = new ArrayList<>();
    final List<String> logged = new ArrayList<>();
    final java.util.Map<String, Object> vars = new java.util.concurrent.ConcurrentHashMap<>();
    final ExecCompiler compiler;
    final ExecEnvironment env;
    final ExecContext ctx;

    Lang() {
        this(ZoneOffset.UTC);
    }

    Lang(ZoneId zone) {
        FunctionTable table = FunctionTable.builder().core(this::core)
                .extension("json", "xm_json", this::json)
                .extensionWithoutFunctions("empty", "xm_kvp")
                .build();
        compiler = new ExecCompiler(table);
        env = new ExecEnvironment("test", "im_test", LoggerFactory.getLogger("lang-test"), new FakeClock(NOW), zone,
                "testhost", new TestMetrics(), (where, e) -> errors.add(where + ": " + e.getMessage()));
        ctx = new ExecContext(env);
    }

    private List<ExecFunction> core() {
        return List.of(
                ExecFunction.function("lc", 1, 1, Types.STRING, "lower case",
                        (c, a) -> a[0] == null ? null : ((String) a[0]).toLowerCase(Locale.ROOT))
                        .withArgTypes(Types.STRING),
                ExecFunction.function("now", 0, 0, Types.DATETIME, "now", (c, a) -> c.env().clock().instant()),
                ExecFunction.function("type", 1, 1, Types.STRING, "type",
                        (c, a) -> a[0] == null ? null : Types.typeName(a[0])),
                ExecFunction.function("concat", 0, -1, Types.STRING, "joins", (c, a) -> {
                    StringBuilder b = new StringBuilder();
                    for (Object o : a) {
                        b.append(Types.toText(o, ZoneOffset.UTC));
                    }
                    return b.toString();
                }),
                ExecFunction.function("boom", 0, 0, Types.STRING, "throws a bug",
                        (c, a) -> {
                            throw new IllegalStateException("bug inside");
                        }),
                ExecFunction.function("fail", 0, 0, Types.STRING, "throws an ExecError",
                        (c, a) -> {
                            throw new ExecError("fail() failed on purpose");
                        }),
                ExecFunction.procedure("drop", 0, 0, "drops", (c, a) -> {
                    c.drop();
                    return null;
                }),
                ExecFunction.procedure("log_info", 1, -1, "logs", (c, a) -> {
                    StringBuilder b = new StringBuilder();
                    for (Object o : a) {
                        b.append(Types.toText(o, ZoneOffset.UTC));
                    }
                    logged.add(b.toString());
                    return null;
                }),
                ExecFunction.procedure("delete", 1, 1, "removes a field", (c, a) -> {
                    c.requireEvent().remove(((ExecFunction.FieldName) a[0]).name());
                    return null;
                }).withFieldArgs(),
                ExecFunction.procedure("set_limit", 1, 1, "takes an integer", (c, a) -> null)
                        .withArgTypes(Types.INTEGER),
                // module variables, as small as the manual's example needs (no expiry)
                ExecFunction.function("get_var", 1, 1, Types.ANY, "reads", (c, a) -> vars.get(a[0])),
                ExecFunction.procedure("set_var", 2, 2, "writes", (c, a) -> vars.put((String) a[0], a[1])),
                ExecFunction.procedure("create_var", 1, 2, "creates", (c, a) -> vars.putIfAbsent((String) a[0], 0L)),
                ExecFunction.procedure("log_warning", 1, 1, "logs", (c, a) -> logged.add("WARNING " + a[0])));
    }

    private List<ExecFunction> json() {
        return List.of(
                ExecFunction.procedure("to_json", 0, 0, "to $raw_event", (c, a) -> {
                    c.requireEvent().set("raw_event", "{json}");
                    return null;
                }),
                ExecFunction.function("to_json", 0, 0, Types.STRING, "as a string", (c, a) -> "{json}"));
    }

    static ExecSource source(String text) {
        return new ExecSource(text, "test.conf", 10, 5);
    }

    ExecProgram compile(String text) {
        List<ExecProblem> problems = new ArrayList<>();
        ExecProgram p = compiler.compile(source(text), problems);
        assertThat(problems).as("problems of %s", text).isEmpty();
        assertThat(p).isNotNull();
        return p;
    }

    /** The problems of a source that must have some, as "line:column: message". */
    List<String> problems(String text) {
        List<ExecProblem> problems = new ArrayList<>();
        ExecProgram p = compiler.compile(source(text), problems);
        assertThat(problems).as("problems of %s", text).isNotEmpty();
        assertThat(p).isNull();
        return problems.stream().map(x -> {
            assertThat(x.file()).isEqualTo("test.conf");
            return x.line() + ":" + x.column() + ": " + x.message();
        }).toList();
    }

    Event run(String text, Event e) {
        compile(text).run(ctx.reset(e));
        return e;
    }

    Event run(String text) {
        return run(text, new Event());
    }

    Object eval(String expression, Event e) {
        List<ExecProblem> problems = new ArrayList<>();
        ExecExpression x = compiler.compileExpression(source(expression), problems);
        assertThat(problems).as("problems of %s", expression).isEmpty();
        return x.eval(ctx.reset(e));
    }

    Object eval(String expression) {
        return eval(expression, new Event());
    }

    /** The problems of an expression that must have some. */
    List<String> expressionProblems(String expression) {
        List<ExecProblem> problems = new ArrayList<>();
        ExecExpression x = compiler.compileExpression(source(expression), problems);
        assertThat(x).isNull();
        return problems.stream().map(p -> p.line() + ":" + p.column() + ": " + p.message()).toList();
    }
}
