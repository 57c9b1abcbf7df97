package io.logship.lang.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Compile-time problems: all of them, each at the config file's line and column (the text starts at 10:5). */
class ProblemsTest {
    private final Lang lang = new Lang();

    @Test
    void syntaxErrors_sayWhatWasExpected_andParsingResumes() {
        assertThat(lang.problems("$a = ;\n$b = 1 +;\n$c = 2;\nlog_info(\"x\" \"y\");"))
                .containsExactly(
                        "10:10: syntax error: expected a value (a field, literal, function call or '('), found ';'",
                        "11:9: syntax error: expected a value (a field, literal, function call or '('), found ';'",
                        "13:14: syntax error: expected ',' or ')' after an argument of log_info(), found string \"y\"");
    }

    @Test
    void missingSemicolon_betweenStatements() {
        assertThat(lang.problems("$a = 1\n$b = 2;")).containsExactly(
                "11:1: syntax error: expected ';' or an operator, found field $b");
    }

    @Test
    void resynchronisesAtTheClosingBrace_andReportsTheRest() {
        assertThat(lang.problems("if $a == 1 { $b = = 2; $c = (; }\nnope(1);"))
                .containsExactly(
                        "10:23: syntax error: expected a value (a field, literal, function call or '('), found '='",
                        "10:34: syntax error: expected a value (a field, literal, function call or '('), found ';'",
                        "11:1: unknown procedure nope()");
    }

    @Test
    void unclosedBlock_andStrayBrace() {
        assertThat(lang.problems("if TRUE {\n  $a = 1;\n")).containsExactly(
                "12:1: expected '}' to close the block opened at line 10, column 13");
        assertThat(lang.problems("$a = 1; }")).containsExactly("10:13: '}' without a matching '{'");
    }

    @Test
    void unknownFunctions_hintTheExtensionModule() {
        assertThat(lang.problems("parse_syslog();\n$x = parse_json();\n$y = empty->parse_kvp();\nnone->f();"))
                .satisfiesExactly(
                        p -> assertThat(p).isEqualTo("10:5: unknown procedure parse_syslog(): it is provided by"
                                + " xm_syslog; add <Extension _syslog> Module xm_syslog </Extension>"),
                        p -> assertThat(p).isEqualTo("11:6: unknown function parse_json(): it is provided by xm_json;"
                                + " add <Extension _json> Module xm_json </Extension>"),
                        p -> assertThat(p).isEqualTo("12:6: extension instance empty (xm_kvp) has no function"
                                + " parse_kvp()"),
                        // FunctionTable lists the instances in no particular order
                        p -> assertThat(p).startsWith("13:1: unknown extension instance 'none' in none->f()"
                                + " (extension instances: ").contains("json").contains("empty"));
    }

    @Test
    void functionAsStatement_andProcedureAsValue() {
        assertThat(lang.problems("lc(\"A\");\n$x = drop();")).containsExactly(
                "10:5: lc() is a function, not a procedure (use its value, e.g. $x = lc(...);)",
                "11:6: drop() is a procedure, not a function");
    }

    @Test
    void wrongArgumentCount_andLiteralArgumentTypes() {
        assertThat(lang.problems("$x = lc(\"a\", \"b\");\n$y = lc(1);\nset_limit(\"ten\");\nset_limit(10);"))
                .containsExactly(
                        "10:10: wrong number of arguments: lc() (function, 1 argument) called with 2",
                        "11:9: argument 1 of lc() must be string, not integer (lc() (function, 1 argument))",
                        "12:11: argument 1 of set_limit() must be integer, not string"
                                + " (set_limit() (procedure, 1 argument))");
    }

    @Test
    void argumentTypes_ofFoldedConstantsAndDatetimeLiterals_areCheckedToo() {
        assertThat(lang.problems("$x = lc(1 + 2);\n$y = lc(2000-01-02 03:04:05);")).containsExactly(
                "10:15: argument 1 of lc() must be string, not integer (lc() (function, 1 argument))",
                "11:9: argument 1 of lc() must be string, not datetime (lc() (function, 1 argument))");
        lang.compile("$z = lc('A' + 1); $w = lc($field); $v = lc(undef);");
    }

    @Test
    void assignmentToReadOnlyThings() {
        assertThat(lang.problems("$1 = 'x';\n\"a\" = 1;\nnow() = 1;\n$a + 1 = 2;")).containsExactly(
                "10:5: cannot assign to $1 (a capture of the last match, read-only): only a field ($name) can be"
                        + " assigned",
                "11:1: cannot assign to a literal: only a field ($name) can be assigned",
                "12:1: cannot assign to a call of now(): only a field ($name) can be assigned",
                "13:1: cannot assign to an expression: only a field ($name) can be assigned");
    }

    @Test
    void expressionAsStatement_isAProblem() {
        assertThat(lang.problems("$a == 1;")).containsExactly("10:5: expected a statement (an assignment, a"
                + " procedure call, if or a block), found an expression whose value would be unused");
    }

    @Test
    void typeErrorsBetweenLiterals_areFoundAtCompileTime() {
        assertThat(lang.problems("$a = 1 - \"x\";\nif 1 log_info('x');")).containsExactly(
                "10:12: invalid operation integer - string (1 - \"x\")",
                "11:4: if: the condition is integer (1), not boolean");
    }

    @Test
    void lexicalProblems_areReportedOnce() {
        assertThat(lang.problems("$a = \"open;\n")).containsExactly("10:10: string literal without its closing '\"'");
        assertThat(lang.problems("$a = 1 @ 2;")).containsExactly("10:12: invalid character '@'");
        assertThat(lang.problems("$a = 12abc;")).containsExactly("10:10: invalid integer literal 12abc");
        assertThat(lang.problems("$a = $;")).containsExactly(
                "10:10: expected a field name after '$' (write $name or ${name with spaces})");
    }

    @Test
    void columnsAfterTheFirstLine_countFromOne_throughContinuations() {
        assertThat(lang.problems("$a = 1; \\\n  $b = lc(2);")).containsExactly(
                "11:11: argument 1 of lc() must be string, not integer (lc() (function, 1 argument))");
    }

    @Test
    void regexProblems() {
        assertThat(lang.problems("if $a =~ /(/ drop();\nif $a =~ /x/q drop();\nif $a =~ /x/g drop();"))
                .satisfiesExactly(
                        p -> assertThat(p).startsWith("10:14: invalid regular expression /(/: Unclosed group"),
                        p -> assertThat(p).isEqualTo("11:10: unknown regular expression modifier 'q' in /x/q"
                                + " (NXLog has i, m, s)"),
                        p -> assertThat(p).isEqualTo("12:10: modifier 'g' is for s/// substitution only, not in /x/g"));
        assertThat(lang.problems("if $a =~ $b drop();")).containsExactly(
                "10:11: =~ needs a regular expression literal (/.../) or s/// on its right");
        assertThat(lang.problems("lc('A') =~ s/a/b/;")).containsExactly(
                "10:5: s/// substitution needs a field on the left of =~ to change");
    }

    @Test
    void absurdNesting_isAProblem_notACrash() {
        String deep = "$a = " + "(".repeat(200_000) + "1" + ")".repeat(200_000) + ";";
        assertThat(lang.problems(deep)).containsExactly("10:5: statements nested too deeply to compile"
                + " (brackets, blocks or else-if chains thousands deep)");
        assertThat(lang.run("$a = " + "(".repeat(50) + "1" + ")".repeat(50) + ";").get("a")).isEqualTo(1L);
    }

    @Test
    void expressionProblems() {
        assertThat(lang.expressionProblems("$a == 1;")).containsExactly(
                "10:12: syntax error: expected an operator or the end of the expression, found ';'");
        assertThat(lang.expressionProblems("  ")).containsExactly("10:5: expected an expression, found nothing");
    }
}
