package io.logship.host.basic;

import io.logship.api.Directive;
import io.logship.api.ModuleKind;
import io.logship.host.config.ExecDirectives;
import io.logship.lang.ExecCompiler;
import io.logship.lang.ExecError;
import io.logship.lang.ExecExpression;
import io.logship.lang.ExecProblem;
import io.logship.lang.ExecProgram;
import io.logship.lang.ExecSource;
import java.util.List;
import java.util.function.Function;

/**
 * {@code pm_filter}: events for which {@code Condition} (one expression, compiled once) is not TRUE are dropped
 * (undef counts as false, as in NXLog); a dropped event's position is committed like a delivered one's. A
 * run-time error in the condition is reported like a failing statement's and the event goes on (logship drops
 * nothing on an error).
 */
public final class FilterProvider extends SimpleProvider {
    static final Directive<String> CONDITION = Directive.string("Condition").required()
            .withDoc("An expression; events where it is not TRUE are dropped (e.g. $raw_event =~ /error/).");

    public FilterProvider() {
        super("pm_filter", ModuleKind.PROCESSOR, "Drops the events for which Condition is not TRUE.",
                List.of(CONDITION), c -> new Filter());
    }

    /** Passes events on; the host runs the compiled condition in its place. */
    static final class Filter extends NullModules.PassThrough implements ExecDirectives {
        @Override
        public ExecProgram compile(ExecCompiler compiler, Function<String, ExecSource> source,
                                   List<ExecProblem> problems) {
            ExecSource src = source.apply(CONDITION.name());
            ExecExpression condition = compiler.compileExpression(src, problems);
            if (condition == null) {
                return ExecProgram.EMPTY;
            }
            String where = src.file() + ":" + src.line();
            return ctx -> {
                boolean keep;
                try {
                    keep = condition.test(ctx);
                } catch (ExecError e) {
                    // a run-time error drops nothing: the event goes on, as after any failing statement
                    ctx.env().errors().report(where, e);
                    keep = true;
                }
                if (!keep) {
                    ctx.drop();
                }
            };
        }
    }
}
