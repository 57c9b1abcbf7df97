package io.logship.lang;

import java.util.List;
import java.util.Objects;

/**
 * A function or procedure that {@code Exec} statements can call: the core library's ({@code lc}, {@code now},
 * {@code drop}, ...) or one an extension instance adds ({@code parse_syslog}, {@code to_json}, ...). NXLog has
 * functions (return a value, used in expressions) and procedures (statements); one name may be both (for
 * example {@code to_json()}), declared as two entries.
 *
 * <p>Arguments arrive evaluated, as the language's values (see {@link Types}); {@code null} is undef. When
 * {@link #fieldArgs()} is set, an argument written as a bare field ({@code $x}) arrives as a
 * {@link FieldName} instead of the field's value ({@code delete($x)}, {@code rename_field($a, $b)}).
 *
 * @param name       the name as called, matched case-sensitively as NXLog does
 * @param procedure  true for a procedure (a statement), false for a function
 * @param minArgs    fewest arguments
 * @param maxArgs    most arguments, or -1 for no limit
 * @param argTypes   for each position, the type names a literal argument must have ({@link Types#ANY} for any;
 *                   the last entry covers the rest); checked at compile time for literals only
 * @param returnType the type name a function returns ({@link Types#ANY} when it varies); "" for procedures
 * @param fieldArgs  bare-field arguments are passed as {@link FieldName}
 * @param doc        one line for the reference
 * @param impl       the code
 */
public record ExecFunction(String name, boolean procedure, int minArgs, int maxArgs, List<String> argTypes,
                           String returnType, boolean fieldArgs, String doc, Impl impl) {

    public ExecFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(impl, "impl");
        argTypes = List.copyOf(argTypes);
        if (maxArgs >= 0 && maxArgs < minArgs) {
            throw new IllegalArgumentException(name + ": maxArgs < minArgs");
        }
    }

    /** The code of a function or procedure. Throw {@link ExecError} for a run-time error in the statement. */
    @FunctionalInterface
    public interface Impl {
        /**
         * @return the function's value ({@code null} = undef); ignored for procedures
         */
        Object call(ExecContext ctx, Object[] args);
    }

    /** A bare {@code $field} argument of a function with {@link #fieldArgs()}. */
    public record FieldName(String name) {
    }

    /** The type a literal argument at position {@code i} must have. */
    public String argType(int i) {
        if (argTypes.isEmpty()) {
            return Types.ANY;
        }
        return argTypes.get(Math.min(i, argTypes.size() - 1));
    }

    public boolean acceptsArgCount(int n) {
        return n >= minArgs && (maxArgs < 0 || n <= maxArgs);
    }

    /** A function of {@code min..max} arguments of any type. */
    public static ExecFunction function(String name, int min, int max, String returnType, String doc, Impl impl) {
        return new ExecFunction(name, false, min, max, List.of(), returnType, false, doc, impl);
    }

    /** A procedure of {@code min..max} arguments of any type. */
    public static ExecFunction procedure(String name, int min, int max, String doc, Impl impl) {
        return new ExecFunction(name, true, min, max, List.of(), "", false, doc, impl);
    }

    /** This declaration with literal argument types checked at compile time. */
    public ExecFunction withArgTypes(String... types) {
        return new ExecFunction(name, procedure, minArgs, maxArgs, List.of(types), returnType, fieldArgs, doc, impl);
    }

    /** This declaration receiving bare-field arguments as {@link FieldName}. */
    public ExecFunction withFieldArgs() {
        return new ExecFunction(name, procedure, minArgs, maxArgs, argTypes, returnType, true, doc, impl);
    }

    /** "name(min..max)" for messages. */
    public String signature() {
        String n = minArgs == maxArgs ? String.valueOf(minArgs)
                : maxArgs < 0 ? minArgs + " or more" : minArgs + " to " + maxArgs;
        return name + "() (" + (procedure ? "procedure" : "function") + ", " + n + " argument"
                + (minArgs == 1 && maxArgs == 1 ? "" : "s") + ")";
    }
}
