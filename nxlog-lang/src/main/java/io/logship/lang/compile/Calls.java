package io.logship.lang.compile;

import io.logship.lang.ExecContext;
import io.logship.lang.ExecError;
import io.logship.lang.ExecExpression;
import io.logship.lang.ExecFunction;
import io.logship.lang.ExecProgram;
import io.logship.lang.FunctionTable;
import io.logship.lang.Types;
import io.logship.lang.compile.Ast.Call;
import io.logship.lang.compile.Ast.Expr;
import io.logship.lang.compile.Ast.FieldRef;

/**
 * Binds calls to their {@link ExecFunction} at compile time: an unknown name (with the table's hint), a wrong
 * number of arguments, a literal argument of the wrong type, a function used as a statement or a procedure
 * used for its value are problems. At run time the arguments are evaluated into a fresh array (none for no
 * arguments) and the implementation is called; anything but an {@link ExecError} it throws becomes one that
 * names the call.
 */
final class Calls {
    private static final Object[] NO_ARGS = new Object[0];

    private final FunctionTable functions;
    private final Problems problems;
    private final ExprCompiler exprs;

    Calls(FunctionTable functions, Problems problems, ExprCompiler exprs) {
        this.functions = functions;
        this.problems = problems;
        this.exprs = exprs;
    }

    /** A function call whose value is used. */
    ExecExpression function(Call c) {
        ExecExpression e = bind(c, false);
        return e == null ? ExprCompiler.UNDEF : e;
    }

    /** A procedure call as a statement (its value, if any, is dropped). */
    ExecProgram procedure(Call c) {
        ExecExpression e = bind(c, true);
        return e == null ? ExecProgram.EMPTY : e::eval;
    }

    private ExecExpression bind(Call c, boolean procedure) {
        ExecFunction f = functions.find(c.qualifier(), c.name(), procedure);
        if (f == null) {
            problems.add(c.line(), c.col(), functions.whyNotFound(c.qualifier(), c.name(), procedure));
            c.args().forEach(exprs::compile); // their own problems
            return null;
        }
        int n = c.args().size();
        boolean ok = true;
        if (!f.acceptsArgCount(n)) {
            problems.add(c.line(), c.col(), "wrong number of arguments: " + f.signature() + " called with " + n);
            ok = false;
        }
        ExecExpression[] args = new ExecExpression[n];
        for (int i = 0; i < n; i++) {
            Expr a = c.args().get(i);
            args[i] = f.fieldArgs() && a instanceof FieldRef field
                    ? new ExprCompiler.Const(new ExecFunction.FieldName(field.name()))
                    : exprs.compile(a);
            String literalType = args[i] instanceof ExprCompiler.Const k && k.value() instanceof ExecFunction.FieldName
                    ? null : constantType(args[i]);
            if (literalType != null && !Types.accepts(f.argType(i), literalType)) {
                problems.add(a.line(), a.col(), "argument " + (i + 1) + " of " + c.displayName() + " must be "
                        + f.argType(i) + ", not " + literalType + " (" + f.signature() + ")");
                ok = false;
            }
        }
        return ok ? closure(f.impl(), c.displayName(), args) : null;
    }

    /** The type of an argument known at compile time (a literal, or operations on literals), else null. */
    private static String constantType(ExecExpression a) {
        if (a instanceof ExprCompiler.Const k) {
            return k.value() == null ? null : Types.typeName(k.value());
        }
        return a instanceof ExprCompiler.LocalDatetime ? Types.DATETIME : null;
    }

    private static ExecExpression closure(ExecFunction.Impl impl, String name, ExecExpression[] args) {
        return switch (args.length) {
            case 0 -> ctx -> invoke(impl, name, ctx, NO_ARGS);
            case 1 -> {
                ExecExpression a = args[0];
                yield ctx -> invoke(impl, name, ctx, new Object[] {a.eval(ctx)});
            }
            case 2 -> {
                ExecExpression a = args[0];
                ExecExpression b = args[1];
                yield ctx -> invoke(impl, name, ctx, new Object[] {a.eval(ctx), b.eval(ctx)});
            }
            default -> ctx -> {
                Object[] values = new Object[args.length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = args[i].eval(ctx);
                }
                return invoke(impl, name, ctx, values);
            };
        };
    }

    private static Object invoke(ExecFunction.Impl impl, String name, ExecContext ctx, Object[] args) {
        try {
            return impl.call(ctx, args);
        } catch (ExecError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ExecError(name + " failed: " + e, e);
        }
    }
}
