package io.logship.lang;

/** A compiled expression ({@code pm_filter}'s {@code Condition}, ...): its value for the event in the context. */
@FunctionalInterface
public interface ExecExpression {
    /** The value, null for undef; an {@link ExecError} for a run-time error. */
    Object eval(ExecContext ctx);

    /** NXLog's truth of a condition: only boolean TRUE is true (undef is false). */
    default boolean test(ExecContext ctx) {
        return Boolean.TRUE.equals(eval(ctx));
    }
}
