package io.logship.lang.core;

import static io.logship.lang.ExecFunction.function;
import static io.logship.lang.ExecFunction.procedure;

import io.logship.api.Event;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecFunction;
import io.logship.lang.Types;
import java.util.List;

/**
 * {@code drop()}, {@code dropped()}, {@code delete($field)} (and its alias {@code unset}), and
 * {@code rename_field($old, $new)}. Fields are named bare ({@code $x}, passed as {@link ExecFunction.FieldName})
 * or as strings.
 */
final class FieldProcedures {
    private FieldProcedures() {
    }

    static List<ExecFunction> functions() {
        return List.of(
                procedure("drop", 0, 0, "drops the event: it goes nowhere and the statements after it do not run",
                        (ctx, a) -> {
                            ctx.drop();
                            return null;
                        }),
                function("dropped", 0, 0, Types.BOOLEAN, "TRUE when the event has been dropped",
                        (ctx, a) -> ctx.dropped()),
                delete("delete"),
                delete("unset"),
                procedure("rename_field", 2, 2, "rename_field($old, $new): the field gets the new name (a field"
                        + " with the new name is replaced); nothing happens when the old one is absent",
                        FieldProcedures::rename).withFieldArgs());
    }

    private static ExecFunction delete(String name) {
        return procedure(name, 1, 1, name + "($field): removes the field from the event", (ctx, a) -> {
            ctx.requireEvent().remove(Args.name(name, a, 0, "field name"));
            return null;
        }).withFieldArgs();
    }

    private static Object rename(ExecContext ctx, Object[] a) {
        String from = Args.name("rename_field", a, 0, "old field name");
        String to = Args.name("rename_field", a, 1, "new field name");
        Event e = ctx.requireEvent();
        if (from.equals(to)) {
            return null;
        }
        Object v = e.remove(from);
        if (v != null) {
            e.set(to, v);
        }
        return null;
    }
}
