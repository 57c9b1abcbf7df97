package io.logship.lang.rewrite;

import io.logship.api.ExtensionModule;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecFunction;
import io.logship.lang.ExecLibrary;
import io.logship.lang.ExecProgram;
import io.logship.lang.ExecTarget;
import java.util.List;

/**
 * An xm_rewrite instance: its {@code process()} procedure applies the Delete, Keep and Rename directives to the
 * calling block's event, then the instance's own Exec statements in the caller's context (as though they were
 * written where {@code process()} is called). Thread-safe: the actions are immutable.
 */
final class Rewrite implements ExtensionModule, ExecLibrary, ExecTarget {
    private final String instance;
    private final List<FieldAction> actions;
    private volatile ExecProgram exec = ExecProgram.EMPTY;

    Rewrite(String instance, List<FieldAction> actions) {
        this.instance = instance;
        this.actions = List.copyOf(actions);
    }

    List<FieldAction> actions() {
        return actions;
    }

    @Override
    public void execProgram(ExecProgram program) {
        this.exec = program == null ? ExecProgram.EMPTY : program;
    }

    @Override
    public List<ExecFunction> execFunctions() {
        return List.of(ExecFunction.procedure("process", 0, 0, "Applies " + instance + "'s Delete, Keep and Rename "
                + "directives and its Exec statements to the event.", (ctx, args) -> {
                    process(ctx);
                    return null;
                }));
    }

    /** What {@code process()} does. */
    void process(ExecContext ctx) {
        var e = ctx.requireEvent();
        for (FieldAction a : actions) {
            a.apply(e);
        }
        exec.run(ctx);
    }

    @Override
    public String toString() {
        return "xm_rewrite[" + instance + "]";
    }
}
