package io.logship.lang.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Event;
import io.logship.lang.ExecProgram;
import org.junit.jupiter.api.Test;

class StatementTest {
    private final Lang lang = new Lang();

    @Test
    void assignment_setsFieldsOfEveryLiteralType() throws Exception {
        Event e = lang.run("$Message = \"Test message\"; $Limit = 42M; $ok = TRUE; $ip = 10.1.2.3; "
                + "$current.time = now(); ${with space} = 'x';");
        assertThat(e.get("Message")).isEqualTo("Test message");
        assertThat(e.get("Limit")).isEqualTo(44040192L); // the manual: 42×1024^2
        assertThat(e.get("ok")).isEqualTo(true);
        assertThat(e.get("ip")).isEqualTo(java.net.InetAddress.getByName("10.1.2.3"));
        assertThat(e.get("current.time")).isEqualTo(Lang.NOW);
        assertThat(e.get("with space")).isEqualTo("x");
    }

    @Test
    void assignment_ofUndef_removesTheField() {
        Event e = new Event().set("ProcessID", 42L).set("Other", "x");
        lang.run("$ProcessID = undef; $Other = $missing;", e);
        assertThat(e.has("ProcessID")).isFalse();
        assertThat(e.has("Other")).isFalse();
    }

    @Test
    void ifElse_withAndWithoutBrackets_asTheManualWritesThem() {
        lang.run("if now() > 2000-01-01 00:00:00 log_info(\"we are in the 21st century\");\n"
                + "if ( now() > 2000-01-01 00:00:00 ) log_info(\"brackets\");\n"
                + "if now() > 2000-01-01 00:00:00\n{\n   log_info(\"we are in the\");\n   log_info(\"21st century\");\n}\n"
                + "if now() < 2000-01-01 00:00:00\n{\n   log_info(\"no\");\n}\nelse log_info(\"else branch\");");
        assertThat(lang.logged).containsExactly("we are in the 21st century", "brackets", "we are in the",
                "21st century", "else branch");
    }

    @Test
    void elseIf_emulatesSwitch() {
        String program = "if ( $value == 1 )\n   log_info(\"1\");\nelse if ( $value == 2 )\n   log_info(\"2\");\n"
                + "else if ( $value == 3 )\n   log_info(\"3\");\nelse\n   log_info(\"default\");";
        ExecProgram p = lang.compile(program);
        for (long v : new long[] {2, 3, 7}) {
            p.run(lang.ctx.reset(new Event().set("value", v)));
        }
        assertThat(lang.logged).containsExactly("2", "3", "default");
    }

    @Test
    void ifUndef_isFalse_andRunsTheElseBranch() {
        lang.run("if $missing == 1 log_info(\"then\"); else log_info(\"else\");");
        assertThat(lang.logged).containsExactly("else");
    }

    @Test
    void drop_stopsTheRestOfTheStatements_evenInsideABlock() {
        Event e = lang.run("$a = 1; if TRUE { drop(); $b = 2; } $c = 3;");
        assertThat(lang.ctx.dropped()).isTrue();
        assertThat(e.has("a")).isTrue();
        assertThat(e.has("b")).isFalse();
        assertThat(e.has("c")).isFalse();
    }

    @Test
    void qualifiedProcedure_andFunctionOfTheSameName() {
        Event e = lang.run("json->to_json(); $copy = to_json(); $q = json->to_json();");
        assertThat(e.get("raw_event")).isEqualTo("{json}");
        assertThat(e.get("copy")).isEqualTo("{json}");
        assertThat(e.get("q")).isEqualTo("{json}");
    }

    @Test
    void fieldArguments_arePassedByName() {
        Event e = lang.run("delete($gone); $kept = 1;", new Event().set("gone", "x"));
        assertThat(e.has("gone")).isFalse();
        assertThat(e.get("kept")).isEqualTo(1L);
    }

    @Test
    void lastStatementWithoutSemicolon_andEmptyStatements_areAccepted() {
        Event e = lang.run(";; $a = 1;; { } $b = 2");
        assertThat(e.get("a")).isEqualTo(1L);
        assertThat(e.get("b")).isEqualTo(2L);
    }

    @Test
    void continuationsAndComments_areWhiteSpace() {
        Event e = lang.run("if $x == 1 \\\n   $y = 2; # a comment $z = 3;\r\n $w = 4; \\\r\n $v = 5;",
                new Event().set("x", 1L));
        assertThat(e.get("y")).isEqualTo(2L);
        assertThat(e.has("z")).isFalse();
        assertThat(e.get("w")).isEqualTo(4L);
        assertThat(e.get("v")).isEqualTo(5L);
    }

    @Test
    void runTimeError_isReportedWithTheStatementsLine_andTheNextStatementRuns() {
        Event e = lang.run("$a = 1;\n$b = $s + 1 - 1;\n$c = boom();\n$d = fail();\nif $s > 1 $e = 1;\n$f = 6;",
                new Event().set("s", "text"));
        assertThat(lang.errors).containsExactly(
                "test.conf:11: invalid operation string - integer (\"text1\" - 1)",
                "test.conf:12: boom() failed: java.lang.IllegalStateException: bug inside",
                "test.conf:13: fail() failed on purpose",
                "test.conf:14: invalid operation string > integer (\"text\" > 1)");
        assertThat(e.get("a")).isEqualTo(1L);
        assertThat(e.get("f")).isEqualTo(6L);
        assertThat(e.has("b")).isFalse();
    }

    @Test
    void ifConditionOfAnotherType_isARunTimeError() {
        lang.run("if $s log_info(\"no\"); else log_info(\"no either\"); log_info(\"after\");",
                new Event().set("s", "yes"));
        assertThat(lang.errors).containsExactly("test.conf:10: if: the condition is string (\"yes\"), not boolean");
        assertThat(lang.logged).containsExactly("after");
    }

    @Test
    void fieldsWithoutAnEvent_areARunTimeError() {
        lang.compile("$a = 1; log_info(\"scheduled\");").run(lang.ctx.reset(null));
        assertThat(lang.errors).singleElement().asString().startsWith("test.conf:10: no event here");
        assertThat(lang.logged).containsExactly("scheduled");
    }

    @Test
    void manualExample_eventCorrelationWithModuleVariables() {
        // the Reference Manual's example 5.33, as written (comments after '{' included)
        ExecProgram p = lang.compile("if $Message =~ /login failure/\n{\n"
                + "   if not defined get_var('login_failures')\n"
                + "   { # create the variable if it doesn't exist\n"
                + "       create_var('login_failures', 45);\n"
                + "       set_var('login_failures', 1);\n"
                + "   }\n   else\n"
                + "   { # increase the variable and check if it is over the limit\n"
                + "       set_var('login_failures', get_var('login_failures') + 1);\n"
                + "       if get_var('login_failures') >= 3\n"
                + "           log_warning(\"3 or more login failures detected within 45 seconds\");\n"
                + "   }\n}\n");
        for (String m : new String[] {"login failure", "ok", "login failure", "login failure"}) {
            p.run(lang.ctx.reset(new Event().set("Message", m)));
        }
        assertThat(lang.vars).containsEntry("login_failures", 3L);
        assertThat(lang.logged).containsExactly("WARNING 3 or more login failures detected within 45 seconds");
    }

    @Test
    void emptySource_isTheEmptyProgram() {
        assertThat(lang.compile("  # nothing\n")).isSameAs(ExecProgram.EMPTY);
    }
}
