package io.logship.lang.compile;

import io.logship.lang.ExecError;
import io.logship.lang.Types;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * The NXLog Reference Manual's operations on values (null is undef). Comparing a defined value with undef
 * gives undef, undef == undef is TRUE; {@code +} concatenates when either side is a string (undef counts as
 * "" there), adds integers, and adds seconds to a datetime; datetime - datetime is microseconds; other
 * arithmetic with undef gives undef. Floats (which fields from JSON or Python may hold) mix with integers as
 * in C. Any other combination is an {@link ExecError} naming the operator and both types.
 */
final class Operators {
    private Operators() {
    }

    static Boolean equal(Object a, Object b) {
        if (a == null || b == null) {
            return a == b ? Boolean.TRUE : null;
        }
        return same(a, b, "==");
    }

    static Boolean notEqual(Object a, Object b) {
        if (a == null || b == null) {
            return a == b ? Boolean.FALSE : null;
        }
        return !same(a, b, "!=");
    }

    /** Equality of two defined values; an error when their types cannot be compared. */
    static boolean same(Object a, Object b, String op) {
        if (a instanceof String x && b instanceof String y) {
            return x.equals(y);
        } else if (a instanceof Long x && b instanceof Long y) {
            return x.longValue() == y.longValue();
        } else if (a instanceof Boolean || a instanceof Instant) {
            if (a.getClass() == b.getClass()) {
                return a.equals(b);
            }
        } else if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        } else if (a instanceof InetAddress x) {
            if (b instanceof InetAddress y) {
                return x.equals(y);
            } else if (b instanceof String y) {
                return x.getHostAddress().equals(y);
            }
        } else if (a instanceof String x && b instanceof InetAddress y) {
            return y.getHostAddress().equals(x);
        } else if (isNumber(a) && isNumber(b)) {
            return ((Number) a).doubleValue() == ((Number) b).doubleValue();
        }
        throw typeError(op, a, b);
    }

    /** {@code <}, {@code <=}, {@code >}, {@code >=}: the sign of a - b, or null for undef. */
    static Integer order(Object a, Object b, String op) {
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        } else if (a instanceof Instant x && b instanceof Instant y) {
            return x.compareTo(y);
        } else if (isNumber(a) && isNumber(b)) {
            return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        throw typeError(op, a, b);
    }

    static Object plus(Object a, Object b, ZoneId zone) {
        if (a instanceof Long x && b instanceof Long y) {
            return x + y;
        }
        if (a instanceof String || b instanceof String) {
            String x = a == null ? "" : Types.toText(a, zone);
            String y = b == null ? "" : Types.toText(b, zone);
            return x.concat(y);
        }
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Instant t && b instanceof Long s) {
            return t.plusSeconds(s);
        } else if (a instanceof Long s && b instanceof Instant t) {
            return t.plusSeconds(s);
        } else if (isNumber(a) && isNumber(b)) {
            return ((Number) a).doubleValue() + ((Number) b).doubleValue();
        }
        throw typeError("+", a, b);
    }

    static Object minus(Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Long x && b instanceof Long y) {
            return x - y;
        } else if (a instanceof Instant x && b instanceof Instant y) {
            return ChronoUnit.MICROS.between(y, x);
        } else if (a instanceof Instant t && b instanceof Long s) {
            return t.minusSeconds(s);
        } else if (isNumber(a) && isNumber(b)) {
            return ((Number) a).doubleValue() - ((Number) b).doubleValue();
        }
        throw typeError("-", a, b);
    }

    static Object multiply(Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Long x && b instanceof Long y) {
            return x * y;
        } else if (isNumber(a) && isNumber(b)) {
            return ((Number) a).doubleValue() * ((Number) b).doubleValue();
        }
        throw typeError("*", a, b);
    }

    static Object divide(Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Long x && b instanceof Long y) {
            if (y == 0) {
                throw new ExecError("division by zero: " + x + " / 0");
            }
            return x / y;
        } else if (isNumber(a) && isNumber(b)) {
            return ((Number) a).doubleValue() / ((Number) b).doubleValue();
        }
        throw typeError("/", a, b);
    }

    static Object modulo(Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Long x && b instanceof Long y) {
            if (y == 0) {
                throw new ExecError("division by zero: " + x + " % 0");
            }
            return x % y;
        }
        throw typeError("%", a, b);
    }

    /** {@code &}, {@code |}, {@code ^} on integers. */
    static Object bitwise(char op, Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Long x && b instanceof Long y) {
            return op == '&' ? x & y : op == '|' ? x | y : x ^ y;
        }
        throw typeError(String.valueOf(op), a, b);
    }

    static Object negate(Object a) {
        if (a == null) {
            return null;
        } else if (a instanceof Long x) {
            return -x;
        } else if (a instanceof Double x) {
            return -x;
        }
        throw new ExecError("unary -: operand is " + Types.typeName(a) + ", not integer");
    }

    static Boolean not(Object a) {
        if (a == null) {
            return null;
        } else if (a instanceof Boolean b) {
            return !b;
        }
        throw new ExecError("not: operand is " + Types.typeName(a) + " (" + shortText(a) + "), not boolean");
    }

    /** A boolean operand of and/or/xor/if, or null for undef. */
    static Boolean bool(Object v, String op, String side) {
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        throw new ExecError(op + ": " + side + " is " + Types.typeName(v) + " (" + shortText(v) + "), not boolean");
    }

    static ExecError typeError(String op, Object a, Object b) {
        return new ExecError("invalid operation " + Types.typeName(a) + " " + op + " " + Types.typeName(b)
                + " (" + shortText(a) + " " + op + " " + shortText(b) + ")");
    }

    /** A value for a message, cut at 40 characters. */
    static String shortText(Object v) {
        if (v == null) {
            return "undef";
        }
        String t = v instanceof String s ? "\"" + s + "\"" : Types.toText(v, java.time.ZoneOffset.UTC);
        return t.length() > 40 ? t.substring(0, 40) + "..." : t;
    }

    private static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof Double;
    }
}
