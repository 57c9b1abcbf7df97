package io.logship.lang.compile;

import io.logship.api.Event;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecError;
import io.logship.lang.ExecExpression;
import io.logship.lang.Regex;
import io.logship.lang.Types;
import io.logship.lang.compile.Ast.Binary;
import io.logship.lang.compile.Ast.Expr;
import io.logship.lang.compile.Ast.FieldRef;
import io.logship.lang.compile.Ast.RegexLiteral;
import io.logship.lang.compile.Ast.SubstLiteral;
import io.logship.lang.compile.Token.Kind;
import java.util.regex.Matcher;

/**
 * {@code =~} and {@code !~}: a string against a regular expression literal (on either side), setting the
 * captures {@code $0} (the match) to {@code $9} and the fields of named groups on a match; and
 * {@code $field =~ s/regexp/replacement/gi}, which changes the field (the replacement is literal, as NXLog's
 * is) and is TRUE when it replaced something. Undef matches nothing: the result is undef.
 */
final class Matches {
    private final Problems problems;
    private final ExprCompiler exprs;

    Matches(Problems problems, ExprCompiler exprs) {
        this.problems = problems;
        this.exprs = exprs;
    }

    ExecExpression compile(Binary b) {
        boolean negated = b.op() == Kind.NOMATCH;
        String op = negated ? "!~" : "=~";
        if (b.right() instanceof SubstLiteral s) {
            return substitution(b.left(), s, op);
        }
        Expr subject;
        RegexLiteral literal;
        if (b.right() instanceof RegexLiteral r) {
            subject = b.left();
            literal = r;
        } else if (b.left() instanceof RegexLiteral r) {
            subject = b.right();
            literal = r;
        } else {
            problems.add(b.line(), b.col(), op + " needs a regular expression literal (/.../) or s/// on its right");
            exprs.compile(b.left());
            exprs.compile(b.right());
            return ExprCompiler.UNDEF;
        }
        ExecExpression value = exprs.compile(subject);
        RegexLiterals.Compiled rc = RegexLiterals.compile(literal.pattern(), literal.modifiers(), false, problems,
                literal.line(), literal.col());
        return rc == null ? ExprCompiler.UNDEF : new Match(value, rc, negated, op);
    }

    private ExecExpression substitution(Expr left, SubstLiteral s, String op) {
        RegexLiterals.Compiled rc = RegexLiterals.compile(s.pattern(), s.modifiers(), true, problems, s.line(),
                s.col());
        if (!(left instanceof FieldRef field)) {
            problems.add(left.line(), left.col(), "s/// substitution needs a field on the left of " + op
                    + " to change");
            exprs.compile(left);
            return ExprCompiler.UNDEF;
        }
        return rc == null ? ExprCompiler.UNDEF
                : new Substitution(field.name(), rc, RegexLiterals.literalReplacement(s.replacement()));
    }

    /** The text a match reads: a string or binary; anything else is a type error. */
    static String subject(Object v, String op, Regex regex) {
        if (v instanceof String s) {
            return s;
        } else if (v instanceof byte[]) {
            return Types.toText(v, java.time.ZoneOffset.UTC);
        }
        throw new ExecError("invalid operation " + Types.typeName(v) + " " + op + " regexp ("
                + Operators.shortText(v) + " " + op + " " + regex.source() + "): the subject must be a string");
    }

    private static final class Match implements ExecExpression {
        private final ExecExpression value;
        private final Regex regex;
        private final String[] fieldNames;
        private final String[] groupNames;
        private final int groups;
        private final Boolean matched;
        private final Boolean unmatched;
        private final String op;
        private final String plain;
        private final boolean anchored;
        private final String[] plainCapture;

        Match(ExecExpression value, RegexLiterals.Compiled rc, boolean negated, String op) {
            this.plain = rc.plain();
            this.anchored = rc.anchored();
            this.plainCapture = new String[] {rc.plain()};
            this.value = value;
            this.regex = rc.regex();
            this.fieldNames = rc.fieldNames();
            this.groupNames = rc.groupNames();
            this.groups = regex.groupCount() + 1;
            this.matched = !negated;
            this.unmatched = negated;
            this.op = op;
        }

        @Override
        public Object eval(ExecContext ctx) {
            Object v = value.eval(ctx);
            if (v == null) {
                return null;
            }
            String text = subject(v, op, regex);
            if (plain != null) { // plain text: no engine, and $0 is the text itself
                if (anchored ? !text.startsWith(plain) : !text.contains(plain)) {
                    return unmatched;
                }
                ctx.setCaptures(plainCapture, 1); // copied by the context
                return matched;
            }
            Matcher m = regex.matcher(text);
            if (!m.find()) {
                return unmatched;
            }
            String[] captured = new String[groups];
            for (int i = 0; i < groups; i++) {
                captured[i] = m.group(i);
            }
            ctx.setCaptures(captured, groups);
            if (fieldNames.length > 0) {
                Event e = ctx.requireEvent();
                for (int i = 0; i < fieldNames.length; i++) {
                    String g = m.group(groupNames[i]);
                    if (g != null) {
                        e.set(fieldNames[i], g);
                    }
                }
            }
            return matched;
        }
    }

    private static final class Substitution implements ExecExpression {
        private final String field;
        private final Regex regex;
        private final boolean global;
        private final String replacement;

        Substitution(String field, RegexLiterals.Compiled rc, String replacement) {
            this.field = field;
            this.regex = rc.regex();
            this.global = rc.global();
            this.replacement = replacement;
        }

        @Override
        public Object eval(ExecContext ctx) {
            Event e = ctx.requireEvent();
            Object v = e.get(field);
            if (v == null) {
                return null;
            }
            Matcher m = regex.matcher(subject(v, "=~", regex));
            if (!m.find()) {
                return Boolean.FALSE;
            }
            m.reset();
            e.set(field, global ? m.replaceAll(replacement) : m.replaceFirst(replacement));
            return Boolean.TRUE;
        }
    }
}
