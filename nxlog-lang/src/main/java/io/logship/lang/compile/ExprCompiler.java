package io.logship.lang.compile;

import io.logship.lang.ExecContext;
import io.logship.lang.ExecError;
import io.logship.lang.ExecExpression;
import io.logship.lang.FunctionTable;
import io.logship.lang.compile.Ast.Binary;
import io.logship.lang.compile.Ast.Call;
import io.logship.lang.compile.Ast.CaptureRef;
import io.logship.lang.compile.Ast.DateLiteral;
import io.logship.lang.compile.Ast.Expr;
import io.logship.lang.compile.Ast.FieldRef;
import io.logship.lang.compile.Ast.In;
import io.logship.lang.compile.Ast.Literal;
import io.logship.lang.compile.Ast.RegexLiteral;
import io.logship.lang.compile.Ast.SubstLiteral;
import io.logship.lang.compile.Ast.Unary;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Compiles expressions to closures: fields read with one {@code Event.get}, functions bound to their
 * {@link io.logship.lang.ExecFunction}, regular expressions compiled once, operations on two literals folded
 * (a type error between literals is then a compile-time problem). Never returns null: after a problem it
 * returns a stand-in, and the caller looks at the problem count.
 */
final class ExprCompiler {
    /** A value known at compile time. */
    record Const(Object value) implements ExecExpression {
        @Override
        public Object eval(ExecContext ctx) {
            return value;
        }
    }

    static final Const UNDEF = new Const(null);

    private final Problems problems;
    private final Calls calls;
    private final Matches matches;

    ExprCompiler(FunctionTable functions, Problems problems) {
        this.problems = problems;
        this.calls = new Calls(functions, problems, this);
        this.matches = new Matches(problems, this);
    }

    Calls calls() {
        return calls;
    }

    ExecExpression compile(Expr e) {
        if (e instanceof Literal l) {
            return new Const(l.value());
        } else if (e instanceof FieldRef f) {
            String name = f.name();
            return ctx -> ctx.requireEvent().get(name);
        } else if (e instanceof CaptureRef c) {
            int index = c.index();
            return ctx -> ctx.capture(index);
        } else if (e instanceof DateLiteral d) {
            return date(d);
        } else if (e instanceof Unary u) {
            return unary(u);
        } else if (e instanceof Binary b) {
            return binary(b);
        } else if (e instanceof In in) {
            return in(in);
        } else if (e instanceof Call c) {
            return calls.function(c);
        } else if (e instanceof RegexLiteral r) {
            RegexLiterals.Compiled rc = RegexLiterals.compile(r.pattern(), r.modifiers(), false, problems, r.line(),
                    r.col());
            return rc == null ? UNDEF : new Const(rc.regex());
        } else if (e instanceof SubstLiteral s) {
            problems.add(s.line(), s.col(), "s/// substitution must follow =~ with a field on the left");
            return UNDEF;
        }
        throw new IllegalStateException("unexpected node " + e);
    }

    private ExecExpression date(DateLiteral d) {
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(d.text().replace(' ', 'T'));
        } catch (DateTimeParseException ex) {
            problems.add(d.line(), d.col(), "invalid datetime literal " + d.text() + " (YYYY-MM-DD hh:mm:ss)");
            return UNDEF;
        }
        return new LocalDatetime(local);
    }

    /** A local-time literal: its instant in the running instance's zone, worked out once per zone. */
    static final class LocalDatetime implements ExecExpression {
        private record InZone(ZoneId zone, java.time.Instant instant) {
        }

        private final LocalDateTime local;
        private volatile InZone last;

        LocalDatetime(LocalDateTime local) {
            this.local = local;
        }

        @Override
        public Object eval(ExecContext ctx) {
            ZoneId zone = ctx == null ? ZoneOffset.UTC : ctx.env().zone();
            InZone l = last;
            if (l == null || !l.zone().equals(zone)) {
                l = new InZone(zone, local.atZone(zone).toInstant());
                last = l;
            }
            return l.instant();
        }
    }

    private ExecExpression unary(Unary u) {
        ExecExpression x = compile(u.operand());
        ExecExpression r = switch (u.op()) {
            case MINUS -> ctx -> Operators.negate(x.eval(ctx));
            case NOT -> ctx -> Operators.not(x.eval(ctx));
            case DEFINED -> ctx -> x.eval(ctx) != null;
            default -> throw new IllegalStateException(u.op().name());
        };
        return fold(r, u.line(), u.col(), x);
    }

    private ExecExpression binary(Binary b) {
        switch (b.op()) {
            case MATCH, NOMATCH -> {
                return matches.compile(b);
            }
            case AND, OR, XOR -> {
                return logic(b);
            }
            default -> {
            }
        }
        ExecExpression l = compile(b.left());
        ExecExpression r = compile(b.right());
        ExecExpression op = switch (b.op()) {
            case EQ -> ctx -> Operators.equal(l.eval(ctx), r.eval(ctx));
            case NE -> ctx -> Operators.notEqual(l.eval(ctx), r.eval(ctx));
            case LT -> ctx -> sign(Operators.order(l.eval(ctx), r.eval(ctx), "<"), -1, -1);
            case LE -> ctx -> sign(Operators.order(l.eval(ctx), r.eval(ctx), "<="), -1, 0);
            case GT -> ctx -> sign(Operators.order(l.eval(ctx), r.eval(ctx), ">"), 1, 1);
            case GE -> ctx -> sign(Operators.order(l.eval(ctx), r.eval(ctx), ">="), 0, 1);
            case PLUS -> ctx -> Operators.plus(l.eval(ctx), r.eval(ctx), ctx == null ? ZoneOffset.UTC
                    : ctx.env().zone());
            case MINUS -> ctx -> Operators.minus(l.eval(ctx), r.eval(ctx));
            case STAR -> ctx -> Operators.multiply(l.eval(ctx), r.eval(ctx));
            case SLASH -> ctx -> Operators.divide(l.eval(ctx), r.eval(ctx));
            case PERCENT -> ctx -> Operators.modulo(l.eval(ctx), r.eval(ctx));
            case AMP -> ctx -> Operators.bitwise('&', l.eval(ctx), r.eval(ctx));
            case PIPE -> ctx -> Operators.bitwise('|', l.eval(ctx), r.eval(ctx));
            case CARET -> ctx -> Operators.bitwise('^', l.eval(ctx), r.eval(ctx));
            default -> throw new IllegalStateException(b.op().name());
        };
        return fold(op, b.line(), b.col(), l, r);
    }

    /** TRUE when the comparison's sign is within [lo, hi]; undef stays undef. */
    private static Boolean sign(Integer cmp, int lo, int hi) {
        if (cmp == null) {
            return null;
        }
        int s = Integer.signum(cmp);
        return s >= lo && s <= hi;
    }

    /**
     * {@code and}: FALSE as soon as the left is FALSE, else undef if either is undef. {@code or}: TRUE as soon as
     * either is TRUE, undef only when both are. {@code xor}: undef if either is.
     */
    private ExecExpression logic(Binary b) {
        ExecExpression l = compile(b.left());
        ExecExpression r = compile(b.right());
        ExecExpression op = switch (b.op()) {
            case AND -> ctx -> {
                Boolean x = Operators.bool(l.eval(ctx), "and", "the left operand");
                if (Boolean.FALSE.equals(x)) {
                    return Boolean.FALSE;
                }
                Boolean y = Operators.bool(r.eval(ctx), "and", "the right operand");
                return x == null || y == null ? null : y;
            };
            case OR -> ctx -> {
                Boolean x = Operators.bool(l.eval(ctx), "or", "the left operand");
                if (Boolean.TRUE.equals(x)) {
                    return Boolean.TRUE;
                }
                Boolean y = Operators.bool(r.eval(ctx), "or", "the right operand");
                return x == null && y == null ? null : Boolean.TRUE.equals(y);
            };
            default -> ctx -> {
                Boolean x = Operators.bool(l.eval(ctx), "xor", "the left operand");
                Boolean y = Operators.bool(r.eval(ctx), "xor", "the right operand");
                return x == null || y == null ? null : x ^ y;
            };
        };
        return fold(op, b.line(), b.col(), l, r);
    }

    private ExecExpression in(In in) {
        ExecExpression l = compile(in.left());
        List<ExecExpression> values = in.values().stream().map(this::compile).toList();
        ExecExpression[] vs = values.toArray(new ExecExpression[0]);
        boolean negated = in.negated();
        ExecExpression op = ctx -> {
            Object x = l.eval(ctx);
            if (x == null) {
                return null;
            }
            for (ExecExpression v : vs) {
                Object y = v.eval(ctx);
                if (y != null && sameLoosely(x, y)) {
                    return !negated;
                }
            }
            return negated;
        };
        ExecExpression[] all = new ExecExpression[vs.length + 1];
        all[0] = l;
        System.arraycopy(vs, 0, all, 1, vs.length);
        return fold(op, in.line(), in.col(), all);
    }

    /** IN compares as ==, but values of types == cannot compare are simply not equal. */
    private static boolean sameLoosely(Object x, Object y) {
        try {
            return Operators.same(x, y, "IN");
        } catch (ExecError e) {
            return false;
        }
    }

    /** The operation's value now when all its operands are constants; a type error is a problem here. */
    private ExecExpression fold(ExecExpression op, int line, int col, ExecExpression... operands) {
        for (ExecExpression o : operands) {
            if (!(o instanceof Const)) {
                return op;
            }
        }
        try {
            return new Const(op.eval(null));
        } catch (ExecError e) {
            problems.add(line, col, e.getMessage());
            return UNDEF;
        }
    }
}
